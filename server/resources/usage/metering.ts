import type { Knex } from 'knex';
import { AppError } from '../../errors.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
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
  /** Partner-referred records read, per contributing directory (credited to the app). */
  records: { partnerId: string; count: number }[];
}

/**
 * Meters calls in the caller's transaction: the usage row (billed at the tier's price), the
 * app's contribution per directory (first one makes it partner-powered), the attribution's
 * call count when the business is attributed to this developer, and the ecosystem counters.
 */
export async function meter(trx: Knex.Transaction, m: Metering): Promise<{ unitPrice: string }> {
  // Priced and upserted in one statement; the price row is the one in force now.
  const [priced] = await repository.addUsage(trx, [
    {
      developer_id: m.developerId,
      app_id: m.appId,
      product: m.product,
      business_id: m.businessId,
      usage_date: m.usageDate,
      pricing_tier: m.tier,
      calls: m.calls,
    },
  ]);
  if (!priced) throw new AppError('validation_failed', `Unknown API product ${m.product}`);
  const month = `${m.usageDate.slice(0, 7)}-01`;
  // one order for every writer: two calls crediting the same directories lock their rows alike
  const records = m.records.filter((r) => r.count > 0).sort((a, b) => (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0));
  const recordsServed = records.reduce((sum, r) => sum + r.count, 0);
  let poweredAt: Date | undefined;
  if (m.appId && records.length > 0) {
    const appId = m.appId;
    await repository.addContributions(
      trx,
      records.map((r) => ({ app_id: appId, partner_id: r.partnerId, month, records_served: r.count })),
    );
    poweredAt = await repository.markPartnerPowered(trx, appId);
    await repository.addDirectoryTotals(
      trx,
      appId,
      records.map((r) => ({ partner_id: r.partnerId, count: r.count })),
    );
  }
  if (m.businessId) await repository.addAttributedCalls(trx, m.businessId, m.developerId, m.appId, m.calls);
  await bumpCounters(trx, [
    { metric: 'api_calls', at: `${m.usageDate}T00:00:00Z`, delta: m.calls },
    { metric: 'api_billing', at: `${m.usageDate}T00:00:00Z`, delta: priced.billed },
    { metric: 'partner_data_records', at: `${month}T00:00:00Z`, delta: recordsServed },
    ...(poweredAt ? [{ metric: 'partner_powered_apps' as const, at: poweredAt, delta: 1 }] : []),
  ]);
  return { unitPrice: priced.unit };
}

/** The tier a developer's calls are billed at when no key says otherwise. */
export async function currentTier(knex: Knex | Knex.Transaction, developerId: string): Promise<Tier | undefined> {
  const row = await repository.tierFacts(knex, developerId);
  if (!row) return undefined;
  return row.status === 'active' ? 'technical_partner' : row.pricing_tier;
}
