import type { Knex } from 'knex';
import type { z } from 'zod';
import { conflict, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../http/schemas.ts';
import { sharePercent } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import type { DeveloperPrincipal } from '../credentials/authenticate.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import { findByDeveloper } from '../technical-partners/technical-partners.repository.ts';
import { meter } from '../usage/metering.ts';
import type * as schemas from './developer.schemas.ts';
import { transaction } from '../../db/transaction.ts';

/** The Developer Platform's own view: the data pool (metered), its sources, apps, partnership. */

async function resolveApp(trx: Knex | Knex.Transaction, developerId: string, appId: string | undefined): Promise<string | null> {
  if (appId) {
    const app = await trx('developer_apps').where({ id: appId, developer_id: developerId }).first('id');
    if (!app) throw notFound(`App ${appId}`); // another developer's app is indistinguishable from none
    return app.id;
  }
  const apps = await trx('developer_apps').where({ developer_id: developerId }).limit(2).pluck('id');
  return apps.length === 1 ? apps[0] : null; // with one app there is no doubt which one calls
}

export async function dataPool(knex: Knex, principal: DeveloperPrincipal, query: z.output<typeof schemas.DataPoolQuery>): Promise<z.input<typeof schemas.DataPoolPage>> {
  const after = query.cursor ? decodeCursor(query.cursor)?.[0] : undefined;
  return transaction(knex, async (trx) => {
    const appId = await resolveApp(trx, principal.developerId, query.app_id);
    const rows: Record<string, unknown>[] = await trx('partner_referred_businesses_api')
      .modify((q) => {
        if (query.category) q.where('category', query.category);
        if (query.state) q.where('state', query.state);
        if (query.city) q.where('city', query.city);
        if (query.directory) q.where('partner_id', query.directory);
        if (typeof after === 'string' && /^[0-9a-f-]{36}$/.test(after)) q.where('id', '>', after);
      })
      .orderBy('id')
      .limit(query.limit + 1)
      .select([...new Set([...query.fields, 'partner_id'])]);
    const page = rows.slice(0, query.limit);
    const perDirectory = new Map<string, number>();
    for (const row of page) perDirectory.set(row.partner_id as string, (perDirectory.get(row.partner_id as string) ?? 0) + 1);
    const { unitPrice } = await meter(trx, {
      developerId: principal.developerId,
      appId,
      product: query.product,
      businessId: null,
      usageDate: new Date().toISOString().slice(0, 10),
      tier: principal.tier,
      calls: 1,
      records: [...perDirectory].map(([partnerId, count]) => ({ partnerId, count })),
    });
    return {
      data: page.map((row) => {
        const out: Record<string, unknown> = {};
        for (const field of query.fields) out[field] = field === 'average_rating' && row[field] !== null ? Number(row[field]) : row[field];
        return out as z.input<typeof schemas.DataPoolPage>['data'][number];
      }),
      next_cursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.id]) : null,
      metering: {
        product: query.product,
        pricing_tier: principal.tier,
        calls: 1,
        price_per_1000: unitPrice,
        app_id: appId,
      },
    };
  });
}

export async function dataSources(knex: Knex, developerId: string): Promise<z.input<typeof schemas.DataSources>> {
  const [directories, months, tp] = await Promise.all([
    knex.raw(
      `SELECT c.partner_id AS id, dp.directory_name, sum(c.records_served)::bigint AS records_served, count(DISTINCT c.app_id)::int AS apps
       FROM app_directory_contributions c
       JOIN developer_apps a ON a.id = c.app_id
       JOIN directory_partners dp ON dp.id = c.partner_id
       WHERE a.developer_id = ?
       GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
      [developerId],
    ),
    knex.raw(
      `SELECT to_char(c.month, 'YYYY-MM') AS month, sum(c.records_served)::bigint AS records_served
       FROM app_directory_contributions c JOIN developer_apps a ON a.id = c.app_id
       WHERE a.developer_id = ? AND c.month >= date_trunc('month', now() - interval '11 months')
       GROUP BY c.month ORDER BY c.month`,
      [developerId],
    ),
    findByDeveloper(knex, developerId),
  ]);
  const rows = directories.rows as { id: string; directory_name: string; records_served: number; apps: number }[];
  const total = rows.reduce((s, r) => s + Number(r.records_served), 0);
  return {
    records_served: total,
    directories: rows.map((r) => ({ ...r, records_served: Number(r.records_served), share_percent: sharePercent(Number(r.records_served), total) })),
    by_month: (months.rows as { month: string; records_served: number }[]).map((m) => ({ month: m.month, records_served: Number(m.records_served) })),
    technical_partner: tp
      ? {
          status: tp.status,
          revenue_share_percent: tp.revenue_share_percent ?? '5.00',
          total_app_referrals: tp.total_app_referrals ?? 0,
          total_app_earnings: tp.total_app_earnings ?? '0.00',
        }
      : null,
  };
}

export async function apps(knex: Knex | Knex.Transaction, developerId: string): Promise<z.input<typeof schemas.DeveloperApps>> {
  const { rows } = await knex.raw(
    `SELECT a.id, a.name, a.url, a.description, a.is_showcased, a.api_products, a.partner_powered_at, a.created_at,
            coalesce((SELECT sum(calls) FROM api_usage u WHERE u.app_id = a.id), 0)::bigint AS api_calls,
            a.records_served,
            (SELECT count(*) FROM app_business_attributions b WHERE b.app_id = a.id)::int AS businesses_attributed,
            coalesce((SELECT sum(earnings_attributed) FROM app_business_attributions b WHERE b.app_id = a.id), 0)::numeric(14,2)::text AS earnings_attributed
     FROM developer_apps a WHERE a.developer_id = ? ORDER BY a.created_at, a.name`,
    [developerId],
  );
  return {
    apps: rows.map((r: Record<string, any>) => ({
      id: r.id, name: r.name, url: r.url, description: r.description, is_showcased: r.is_showcased, api_products: r.api_products,
      partner_powered_since: r.partner_powered_at?.toISOString() ?? null, api_calls: Number(r.api_calls),
      records_served: Number(r.records_served), businesses_attributed: r.businesses_attributed,
      earnings_attributed: r.earnings_attributed, created_at: r.created_at.toISOString(),
    })),
  };
}

export async function createApp(knex: Knex, developerId: string, body: z.output<typeof schemas.CreateAppBody>) {
  return transaction(knex, async (trx) => {
    const [row] = await trx('developer_apps')
      .insert({ developer_id: developerId, ...body })
      .onConflict(['developer_id', 'name'])
      .ignore()
      .returning('*');
    if (!row) throw conflict(`You already have an app named "${body.name}"`);
    await bumpCounters(trx, [{ metric: 'apps', at: row.created_at, delta: 1 }]);
    return (await apps(trx, developerId)).apps.find((a) => a.id === row.id)!;
  });
}

export async function profile(knex: Knex, principal: DeveloperPrincipal): Promise<z.input<typeof schemas.DeveloperProfile>> {
  const row = await knex('developer_accounts').where({ id: principal.developerId }).first('id', 'name', 'email', 'company', 'pricing_tier', 'partner_id');
  return { ...row, key_tier: principal.tier };
}

export async function technicalPartner(knex: Knex, developerId: string) {
  const row = await findByDeveloper(knex, developerId);
  return { technical_partner: row ? technicalPartners.present(row) : null, prices: await technicalPartners.priceList(knex) };
}

export async function applyAsTechnicalPartner(knex: Knex, developerId: string, body: { app_name: string; app_url?: string }) {
  const developer = await knex('developer_accounts').where({ id: developerId }).first('partner_id');
  const row = await technicalPartners.apply(knex, {
    developerId,
    partnerId: developer?.partner_id ?? null,
    appName: body.app_name,
    appUrl: body.app_url ?? null,
  });
  return { technical_partner: technicalPartners.present(row), prices: await technicalPartners.priceList(knex) };
}
