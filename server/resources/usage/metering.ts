import type { Knex } from 'knex';
import { AppError } from '../../errors.ts';
import { bumpPartnerCounters, creditConvertingPartners, holdBusinesses } from '../../summaries/partner-counters.ts';
import { bumpCounters, type CounterDelta } from '../../summaries/summaries.ts';
import type { Tier } from './usage.repository.ts';
import * as repository from './usage.repository.ts';

export type { Tier };

export interface Metering {
  developerId: string;
  appId: string | null;
  product: string;
  /** The one business the calls were about, if any. */
  businessId: string | null;
  usageDate: string;
  tier: Tier;
  calls: number;
  /** Price per 1,000 calls already quoted to the caller; without it, the price in force now. */
  unit?: string | undefined;
  /** Partner-referred records read, per contributing directory (credited to the app). */
  records: { partnerId: string; count: number }[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Meters calls in the caller's transaction: the usage row (billed at the tier's price), the
 * app's contribution per directory (first one makes it partner-powered), the attribution's
 * call count when the business is attributed to this developer, and the ecosystem counters.
 */
export async function meter(trx: Knex.Transaction, m: Metering): Promise<{ unitPrice: string }> {
  const [unitPrice] = await meterAll(trx, [m]);
  return { unitPrice: unitPrice! };
}

/**
 * Meters many (developer, app, product, day) aggregates in one transaction, the same way as
 * `meter`; returns each one's price per 1,000 calls, in order. Rows are written in one order
 * (apps and directories by id), so concurrent writers never wait on each other in a cycle.
 */
export async function meterAll(trx: Knex.Transaction, all: Metering[]): Promise<string[]> {
  // first: a conversion of one of these businesses commits before this or waits for it (partner-counters.ts)
  await holdBusinesses(
    trx,
    all.flatMap((m) => (m.businessId ? [m.businessId] : [])),
  );
  // Priced and upserted in one statement.
  const priced = await repository.addUsage(
    trx,
    all.map((m) => ({
      developer_id: m.developerId,
      app_id: m.appId,
      product: m.product,
      business_id: m.businessId,
      usage_date: m.usageDate,
      pricing_tier: m.tier,
      calls: m.calls,
      unit: m.unit ?? null,
    })),
  );
  const unknown = all.find((_, i) => !priced[i]);
  if (unknown) throw new AppError('validation_failed', `Unknown API product ${unknown.product}`);

  const deltas: CounterDelta[] = [];
  // per app: its records per (directory, month), and all-time per directory
  const contributions = new Map<string, { app_id: string; partner_id: string; month: string; records_served: number }>();
  const totals = new Map<string, Map<string, number>>();
  all.forEach((m, i) => {
    const month = `${m.usageDate.slice(0, 7)}-01`;
    deltas.push(
      { metric: 'api_calls', at: `${m.usageDate}T00:00:00Z`, delta: m.calls },
      { metric: 'api_billing', at: `${m.usageDate}T00:00:00Z`, delta: priced[i]!.billed },
    );
    for (const r of m.records) {
      if (r.count <= 0) continue;
      deltas.push({ metric: 'partner_data_records', at: `${month}T00:00:00Z`, delta: r.count });
      if (!m.appId) continue;
      const key = `${m.appId} ${r.partnerId} ${month}`;
      const row = contributions.get(key) ?? { app_id: m.appId, partner_id: r.partnerId, month, records_served: 0 };
      row.records_served += r.count;
      contributions.set(key, row);
      const app = totals.get(m.appId) ?? new Map<string, number>();
      app.set(r.partnerId, (app.get(r.partnerId) ?? 0) + r.count);
      totals.set(m.appId, app);
    }
  });
  await repository.addContributions(
    trx,
    [...contributions.values()].sort((a, b) => byId(a.app_id, b.app_id) || byId(a.partner_id, b.partner_id) || byId(a.month, b.month)),
  );
  for (const appId of [...totals.keys()].sort(byId)) {
    const poweredAt = await repository.markPartnerPowered(trx, appId);
    if (poweredAt) deltas.push({ metric: 'partner_powered_apps', at: poweredAt, delta: 1 });
    const records = [...totals.get(appId)!].sort(([a], [b]) => byId(a, b)).map(([partner_id, count]) => ({ partner_id, count }));
    await repository.addDirectoryTotals(trx, appId, records);
  }
  // each directory's records read by all apps (partner-counters.ts)
  const byPartner = new Map<string, number>();
  for (const app of totals.values()) for (const [partnerId, count] of app) byPartner.set(partnerId, (byPartner.get(partnerId) ?? 0) + count);
  await bumpPartnerCounters(
    trx,
    [...byPartner].map(([partnerId, delta]) => ({ partnerId, metric: 'records_served' as const, delta })),
  );
  const aboutBusinesses = all.filter((m): m is Metering & { businessId: string } => m.businessId !== null);
  for (const m of aboutBusinesses) await repository.addAttributedCalls(trx, m.businessId, m.developerId, m.appId, m.calls);
  await bumpCounters(trx, deltas);
  await creditConvertingPartners(
    trx,
    'api_calls',
    aboutBusinesses.map((m) => ({ businessId: m.businessId, item: m.product, delta: m.calls })),
  );
  return priced.map((p) => p!.unit);
}

/** The tier a developer's calls are billed at when no key says otherwise. */
export async function currentTier(knex: Knex | Knex.Transaction, developerId: string): Promise<Tier | undefined> {
  const row = await repository.tierFacts(knex, developerId);
  if (!row) return undefined;
  return row.status === 'active' ? 'technical_partner' : row.pricing_tier;
}
