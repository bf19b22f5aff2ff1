import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { type Answer, SerializedAnswer } from '../../http/api.ts';
import { encodeCursor } from '../../http/schemas.ts';
import { sharePercent } from '../../money.ts';
import { bumpCounters } from '../../summaries/summaries.ts';
import { findByDeveloper } from '../technical-partners/technical-partners.repository.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import type { Tier } from '../usage/metering.ts';
import type { UsageMeter } from '../usage/usage-meter.ts';
import type { AppOwners } from './app-owners.ts';
import * as repository from './developer.repository.ts';
import type * as schemas from './developer.schemas.ts';
import type { PoolPages } from './pool-pages.ts';

/** The Developer Platform's own view: the data pool (metered), its sources, apps, partnership. */

/** The calling developer and the tier its key bills at. */
export interface Caller {
  developerId: string;
  tier: Tier;
}

/** Months the data-sources page lists, this one included. */
const DATA_SOURCE_MONTHS = 12;

async function resolveApp(knex: Knex, owners: AppOwners, developerId: string, appId: string | undefined): Promise<string | null> {
  if (appId) {
    // another developer's app is indistinguishable from none
    if ((await owners.ownerOf(appId)) !== developerId) throw notFound(`App ${appId}`);
    return appId;
  }
  const apps = await repository.appIdsOf(knex, developerId, 2);
  return apps.length === 1 ? apps[0]! : null; // with one app there is no doubt which one calls
}

type PoolAnswer = Answer<typeof schemas.DataPoolPage>;

/**
 * Answers of the data pool, serialised, per page read (the rows PoolPages shares between the
 * calls within DATA_POOL_CACHE_MS) and per what else shapes them (limit, fields, app, product,
 * tier, price); with the records each directory contributed. Dropped with their page.
 */
const serializedPages = new WeakMap<object, Map<string, { body: SerializedAnswer<PoolAnswer>; records: Map<string, number> }>>();
/** Answers remembered per page read; past it (many apps reading one page), the others are serialised per call. */
const SERIALIZED_PER_PAGE = 256;

/**
 * A page of the data pool, metered: the call is counted in this process and billed at the next
 * flush (server/resources/usage/usage-meter.ts), so calls never wait on each other's usage rows.
 */
export async function dataPool(
  { knex, usage, owners, pages }: { knex: Knex; usage: UsageMeter; owners: AppOwners; pages: PoolPages },
  caller: Caller,
  query: z.output<typeof schemas.DataPoolQuery>,
): Promise<SerializedAnswer<PoolAnswer>> {
  const [appId, rows, unitPrice] = await Promise.all([
    resolveApp(knex, owners, caller.developerId, query.app_id),
    pages.page({
      category: query.category,
      state: query.state,
      city: query.city,
      directory: query.directory,
      afterId: query.cursor?.[0],
      limit: query.limit + 1,
      columns: [...new Set([...query.fields, 'partner_id'])],
    }),
    usage.price(query.product, caller.tier),
  ]);
  if (!unitPrice) throw new AppError('validation_failed', `Unknown API product ${query.product}`);
  // the same page answers the same way to every call of an app: serialised once per page read
  const key = `${query.limit} ${query.fields.join(',')} ${appId} ${query.product} ${caller.tier} ${unitPrice}`;
  let answers = serializedPages.get(rows);
  if (!answers) serializedPages.set(rows, (answers = new Map()));
  let answer = answers.get(key);
  if (!answer) {
    const page = rows.slice(0, query.limit);
    const records = new Map<string, number>();
    for (const row of page) records.set(row.partner_id as string, (records.get(row.partner_id as string) ?? 0) + 1);
    const body: PoolAnswer = {
      data: page.map((row) => {
        const out: Record<string, unknown> = {};
        for (const field of query.fields) out[field] = field === 'average_rating' && row[field] !== null ? Number(row[field]) : row[field];
        return out as PoolAnswer['data'][number];
      }),
      next_cursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.id]) : null,
      metering: {
        product: query.product,
        pricing_tier: caller.tier,
        calls: 1,
        price_per_1000: unitPrice,
        app_id: appId,
      },
    };
    answer = { body: new SerializedAnswer(JSON.stringify(body)), records };
    if (answers.size < SERIALIZED_PER_PAGE) answers.set(key, answer);
  }
  usage.record({
    developerId: caller.developerId,
    appId,
    product: query.product,
    usageDate: new Date().toISOString().slice(0, 10),
    tier: caller.tier,
    unit: unitPrice,
    records: answer.records,
  });
  return answer.body;
}

export async function dataSources(knex: Knex, developerId: string): Promise<Answer<typeof schemas.DataSources>> {
  const [directories, months, tp] = await Promise.all([
    repository.recordsByDirectory(knex, developerId),
    repository.recordsByMonth(knex, developerId, DATA_SOURCE_MONTHS),
    findByDeveloper(knex, developerId),
  ]);
  const total = directories.reduce((s, r) => s + Number(r.records_served), 0);
  const partnership = tp && technicalPartners.present(tp);
  return {
    records_served: total,
    directories: directories.map((r) => ({ ...r, records_served: Number(r.records_served), share_percent: sharePercent(Number(r.records_served), total) })),
    by_month: months.map((m) => ({ month: m.month, records_served: Number(m.records_served) })),
    technical_partner: partnership
      ? {
          status: partnership.status,
          revenue_share_percent: partnership.revenue_share_percent,
          total_app_referrals: partnership.total_app_referrals,
          total_app_earnings: partnership.total_app_earnings,
        }
      : null,
  };
}

export async function apps(knex: Knex | Knex.Transaction, developerId: string): Promise<Answer<typeof schemas.DeveloperApps>> {
  const rows = await repository.appsWithUsage(knex, developerId);
  return {
    apps: rows.map((r) => ({
      id: r.id,
      name: r.name,
      url: r.url,
      description: r.description,
      is_showcased: r.is_showcased,
      api_products: r.api_products as z.input<typeof schemas.DeveloperApp>['api_products'],
      partner_powered_since: r.partner_powered_at?.toISOString() ?? null,
      api_calls: Number(r.api_calls),
      records_served: Number(r.records_served),
      businesses_attributed: r.businesses_attributed,
      earnings_attributed: r.earnings_attributed,
      created_at: r.created_at.toISOString(),
    })),
  };
}

export async function createApp(knex: Knex, developerId: string, body: z.output<typeof schemas.CreateAppBody>) {
  return transaction(knex, async (trx) => {
    const row = await repository.insertApp(trx, { developer_id: developerId, ...body });
    if (!row) throw conflict(`You already have an app named "${body.name}"`);
    await bumpCounters(trx, [{ metric: 'apps', at: row.created_at, delta: 1 }]);
    return (await apps(trx, developerId)).apps.find((a) => a.id === row.id)!;
  });
}

export async function profile(knex: Knex, caller: Caller): Promise<Answer<typeof schemas.DeveloperProfile>> {
  const row = await repository.findDeveloper(knex, caller.developerId);
  return {
    id: row!.id,
    name: row!.name,
    email: row!.email,
    company: row!.company,
    pricing_tier: row!.pricing_tier,
    partner_id: row!.partner_id,
    key_tier: caller.tier,
  };
}

export async function technicalPartner(knex: Knex, developerId: string) {
  const row = await findByDeveloper(knex, developerId);
  return { technical_partner: row ? technicalPartners.present(row) : null, prices: await technicalPartners.priceList(knex) };
}

export async function applyAsTechnicalPartner(knex: Knex, developerId: string, body: { app_name: string; app_url?: string | undefined }) {
  const developer = await repository.findDeveloper(knex, developerId);
  const row = await technicalPartners.apply(knex, {
    developerId,
    partnerId: developer?.partner_id ?? null,
    appName: body.app_name,
    appUrl: body.app_url ?? null,
  });
  return { technical_partner: technicalPartners.present(row), prices: await technicalPartners.priceList(knex) };
}
