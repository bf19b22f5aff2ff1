import type { Knex } from 'knex';
import type { z } from 'zod';
import { windowStartMonth } from '../../db/months.ts';
import { notFound } from '../../errors.ts';
import type { Answer } from '../../http/api.ts';
import { encodeCursor } from '../../http/schemas.ts';
import { sharePercent, toCents } from '../../money.ts';
import { readTotals } from '../../summaries/summaries.ts';
import * as repository from './public.repository.ts';
import type { Badge, EcosystemImpact, Feed, Growth, PoolEntry, Showcase, ShowcaseApp, ShowcaseQuery } from './public.schemas.ts';

/** Everything the public widgets show, built from the summary tables and small keyed reads. */
export async function ecosystemImpact(knex: Knex): Promise<Answer<typeof EcosystemImpact>> {
  const t = await readTotals(knex);
  return {
    partner_referred_businesses: Number(t.pool_businesses),
    apps_powered_by_partner_data: Number(t.partner_powered_apps),
    combined_cmal_economic_impact: toCents(t.pool_cmal_impact),
    directories: Number(t.directories),
    developers: Number(t.developers),
    apps: Number(t.apps),
    value_flow: {
      referrals: Number(t.referrals),
      converted_businesses: Number(t.conversions),
      data_pool_businesses: Number(t.pool_businesses),
      records_served: Number(t.partner_data_records),
      partner_powered_apps: Number(t.partner_powered_apps),
      partner_earnings: toCents(t.partner_earnings),
      app_earnings: toCents(t.app_earnings),
    },
  };
}

function directoriesOf(rows: repository.ContributionRow[]) {
  const total = Number(rows[0]?.app_records ?? 0);
  return {
    total,
    count: rows[0]?.app_directories ?? 0,
    directories: rows.map((r) => ({
      id: r.partner_id,
      directory_name: r.directory_name,
      records_served: Number(r.records_served),
      share_percent: sharePercent(Number(r.records_served), total),
    })),
  };
}

/** Directories listed per app in the gallery; the rest are counted (the badge lists them all). */
const SHOWCASE_DIRECTORIES = 5;

export async function showcase(knex: Knex, query: z.output<typeof ShowcaseQuery>): Promise<Answer<typeof Showcase>> {
  const apps = await repository.listShowcaseApps(knex, {
    limit: query.limit + 1,
    after: query.cursor,
    product: query.product,
    directory: query.directory,
    q: query.q,
  });
  const page = apps.slice(0, query.limit);
  const ids = page.map((a) => a.id);
  const [contributions, attributed, totals] = await Promise.all([
    repository.contributionsFor(knex, ids, SHOWCASE_DIRECTORIES),
    repository.attributedCounts(knex, ids),
    readTotals(knex),
  ]);
  const last = page.at(-1);
  return {
    apps: page.map((app): z.input<typeof ShowcaseApp> => {
      const { total, count, directories } = directoriesOf(contributions.filter((c) => c.app_id === app.id));
      return {
        id: app.id,
        name: app.name,
        url: app.url,
        description: app.description,
        company: app.company,
        api_products: app.api_products as z.input<typeof ShowcaseApp>['api_products'],
        partner_powered_since: app.partner_powered_at!.toISOString(),
        records_served: total,
        businesses_attributed: attributed.get(app.id) ?? 0,
        contributing_directories: directories,
        contributing_directories_total: count,
      };
    }),
    next_cursor: apps.length > query.limit && last ? encodeCursor([last.partner_powered_at!.toISOString(), last.id]) : null,
    totals: {
      partner_powered_apps: Number(totals.partner_powered_apps),
      records_served: Number(totals.partner_data_records),
      directories: Number(totals.directories),
    },
  };
}

export async function badge(knex: Knex, appId: string): Promise<Answer<typeof Badge>> {
  const app = await repository.findApp(knex, appId);
  if (!app) throw notFound('App');
  const { total, directories } = directoriesOf(await repository.contributionsFor(knex, [appId]));
  return {
    app: { id: app.id, name: app.name, url: app.url },
    partner_powered: app.partner_powered_at !== null,
    partner_powered_since: app.partner_powered_at?.toISOString() ?? null,
    records_served: total,
    directories,
  };
}

export function toPoolEntry(row: repository.PoolEventRow): PoolEntry {
  const b = row.business;
  return {
    event_id: String(row.event_id),
    entered_at: new Date(row.entered_at).toISOString(),
    business: { ...b, average_rating: b.average_rating === null ? null : Number(b.average_rating) },
  };
}

/** The newest pool event's id (0 when there is none): a stream starts after it. */
export function latestPoolEventId(knex: Knex): Promise<number> {
  return repository.latestPoolEventId(knex);
}

/** Pool entries after an event id, oldest first: what a reconnecting stream missed. */
export async function poolEntriesAfter(knex: Knex, eventId: number, limit: number): Promise<PoolEntry[]> {
  return (await repository.poolEntriesAfter(knex, eventId, limit)).map(toPoolEntry);
}

/** The newest `limit` entries after `eventId`, oldest first (a stream's capped replay). */
export async function newestPoolEntriesAfter(knex: Knex, eventId: number, limit: number): Promise<PoolEntry[]> {
  return (await repository.newestPoolEntriesAfter(knex, eventId, limit)).map(toPoolEntry);
}

export async function feed(knex: Knex, newest: number, citiesPerState: number): Promise<Answer<typeof Feed>> {
  const [categories, locations, entries] = await Promise.all([
    repository.categoryCounts(knex),
    repository.locationCounts(knex),
    repository.newestPoolEntries(knex, newest),
  ]);
  const states = new Map<string, { state: string; businesses: number; cities: { city: string; businesses: number }[] }>();
  for (const { state, city, businesses } of locations) {
    const entry = states.get(state) ?? { state, businesses: 0, cities: [] };
    entry.businesses += businesses;
    if (entry.cities.length < citiesPerState) entry.cities.push({ city, businesses });
    states.set(state, entry);
  }
  return {
    total_businesses: categories.reduce((sum, c) => sum + c.businesses, 0),
    by_category: categories,
    by_state: [...states.values()].sort((a, b) => b.businesses - a.businesses || a.state.localeCompare(b.state)),
    newest: entries.map(toPoolEntry),
  };
}

const GROWTH_METRICS = ['pool_businesses', 'directories', 'developers', 'apps', 'partner_powered_apps', 'partner_data_records'] as const;

export async function growth(knex: Knex, months: number, now = new Date()): Promise<Answer<typeof Growth>> {
  const rows = await repository.monthlyCounters(knex, [...GROWTH_METRICS]);
  const byMonth = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const entry = byMonth.get(row.month) ?? {};
    entry[row.metric] = Number(row.value);
    byMonth.set(row.month, entry);
  }
  // Every month from the first counted one (or the window's start) to this one, with running totals.
  const current = monthKey(now);
  const windowStart = windowStartMonth(now, months);
  const first = [...byMonth.keys()].sort()[0] ?? windowStart;
  const running: Record<string, number> = Object.fromEntries(GROWTH_METRICS.map((m) => [m, 0]));
  const series: z.input<typeof Growth>['months'] = [];
  // biome-ignore lint/complexity/useMathMinMax: months are 'YYYY-MM' strings, compared as text
  for (let month = first < windowStart ? first : windowStart; month <= current; month = nextMonth(month)) {
    const added = byMonth.get(month) ?? {};
    for (const m of GROWTH_METRICS) running[m]! += added[m] ?? 0;
    if (month < windowStart) continue;
    series.push({
      month,
      businesses: running.pool_businesses!,
      new_businesses: added.pool_businesses ?? 0,
      directories: running.directories!,
      developers: running.developers!,
      apps: running.apps!,
      partner_powered_apps: running.partner_powered_apps!,
      records_served: added.partner_data_records ?? 0,
    });
  }
  return { months: series };
}

function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthKey(new Date(Date.UTC(y, m, 1)));
}

/** What the verify page and the SVG badge show of a partner-powered app (public fields only). */
export interface VerifiedApp {
  app: { id: string; name: string; url: string | null };
  partner_powered_since: string;
  records_served: number;
  directories: { id: string; directory_name: string; records_served: number; share_percent: string }[];
}

/**
 * The app when it is verified: it exists and is partner-powered. Undefined for an unknown app
 * and for one that is not (or no longer) partner-powered: both are shown as "not verified".
 */
export async function verifiedApp(knex: Knex, appId: string): Promise<VerifiedApp | undefined> {
  const app = await repository.findApp(knex, appId);
  if (!app?.partner_powered_at) return undefined;
  const { total, directories } = directoriesOf(await repository.contributionsFor(knex, [appId]));
  return {
    app: { id: app.id, name: app.name, url: app.url },
    partner_powered_since: app.partner_powered_at.toISOString(),
    records_served: total,
    directories,
  };
}
