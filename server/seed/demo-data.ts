import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { DEFAULT_HOLD_PERIOD_DAYS } from '../config.ts';
import { applyEarnings } from '../resources/payments/earnings.repository.ts';
import { DEFAULT_REVENUE_SHARE_PERCENT } from '../resources/technical-partners/revenue-share.ts';
import { addContributions, addUsage, type ContributionRow, type Tier, type UsageRow } from '../resources/usage/usage.repository.ts';
import { POOL_MEMBERS } from '../summaries/pool-members.ts';
import { rebuildSummaries } from '../summaries/summaries.ts';
import { Random, stableUuid } from './random.ts';
import {
  APP_WORDS,
  businessName,
  CATEGORIES,
  COMPANY_WORDS,
  DEVELOPER_FIRST,
  DEVELOPER_LAST,
  DIRECTORY_NAMES,
  PAYMENT_PLANS,
  PLACES,
  PRODUCTS,
} from './vocabulary.ts';

export interface SeedOptions {
  /** How many businesses the platform has. */
  businesses: number;
  /** Same seed, same data. */
  seed?: number;
  /** The moment the data ends at; defaults to the start of today (UTC). */
  now?: Date;
  batchSize?: number;
  /** The program's hold period (HOLD_PERIOD_DAYS): earnings are pending for it after their payment. */
  holdDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  batches: number;
  batchesSkipped: number;
}

const DAY = 86_400_000;
// Applicants take statuses in this order (12 active, 5 pending, 3 suspended in 20): even a small
// demo has technical partners in every status.
const STATUS_ROTATION: readonly Status[] = [
  'active',
  'pending',
  'suspended',
  'active',
  'active',
  'pending',
  'active',
  'active',
  'suspended',
  'active',
  'pending',
  'active',
  'active',
  'active',
  'pending',
  'active',
  'suspended',
  'active',
  'pending',
  'active',
];
type Row = Record<string, unknown>;
type Status = 'pending' | 'active' | 'suspended';

interface Directory {
  id: string;
  created_at: Date;
}
interface Developer {
  id: string;
  created_at: Date;
  tier: Tier;
}
interface App {
  id: string;
  developer: Developer;
  name: string;
  products: string[];
  created_at: Date;
}

/**
 * Fills the platform with deterministic, realistic demo data: directories, developers, apps and
 * technical partners in every status, then businesses in batches with their referrals (partly
 * converted), attributions, payments (earnings applied by the money rules), CMAL impact over 12
 * months and metered API usage. Safe to re-run: rows have stable ids, and a batch whose last
 * business exists is skipped whole (each batch commits in one transaction).
 */
export async function seedDemoData(knex: Knex, options: SeedOptions): Promise<SeedResult> {
  const seed = options.seed ?? 42;
  const total = options.businesses;
  const batchSize = options.batchSize ?? 2_000;
  const now = options.now ?? new Date(Math.floor(Date.now() / DAY) * DAY);
  const key = (kind: string, i: number | string) => `${seed}:${kind}:${i}`;
  const rng = (kind: string, i: number | string) => new Random(key(kind, i));
  const id = (kind: string, i: number | string) => stableUuid(key(kind, i));
  const origin = new Date(now.getTime() - 420 * DAY); // the ecosystem is about 14 months old
  const daysAfter = (from: Date, days: number) => new Date(Math.min(now.getTime(), from.getTime() + days * DAY));

  // ---- Partner Program and Developer Platform accounts ----
  const directoryCount = clamp(Math.round(Math.sqrt(total) / 2.5), 8, 400);
  const developerCount = clamp(Math.round(Math.sqrt(total) * 0.9), 24, 1_500);
  const directories: Directory[] = [];
  const directoryRows: Row[] = [];
  for (let i = 0; i < directoryCount; i++) {
    const r = rng('directory', i);
    const base = DIRECTORY_NAMES[i % DIRECTORY_NAMES.length]!;
    const name = i < DIRECTORY_NAMES.length ? base : `${base} ${Math.floor(i / DIRECTORY_NAMES.length) + 1}`;
    const slug = slugify(name);
    const created_at = daysAfter(origin, r.skewed(300, 2));
    directories.push({ id: id('directory', i), created_at });
    directoryRows.push({
      id: id('directory', i),
      directory_name: name,
      site_url: `https://${slug}.example`,
      contact_name: `${r.pick(DEVELOPER_FIRST)} ${r.pick(DEVELOPER_LAST)}`,
      contact_email: `partners@${slug}.example`,
      commission_percent: (8 + r.int(0, 14) / 2).toFixed(2),
      status: i === 5 ? 'paused' : i === 7 ? 'terminated' : 'active',
      allowed_origins: [`https://${slug}.example`],
      created_at,
      updated_at: created_at,
    });
  }

  // A quarter of the directories are linked to a developer account: even ones were developers
  // first (developers who became partners), odd ones partners first (partners who became developers).
  const linked = Math.round(directoryCount * 0.25);
  const developers: Developer[] = [];
  const developerRows: Row[] = [];
  const technicalPartnerRows: Row[] = [];
  const keyRows: Row[] = [];
  const technicalStatus = new Map<string, Status>();
  for (let i = 0; i < developerCount; i++) {
    const r = rng('developer', i);
    const partner = i < linked ? directories[i]! : undefined;
    const created_at = partner
      ? i % 2 === 0
        ? new Date(Math.max(origin.getTime() - 60 * DAY, partner.created_at.getTime() - r.int(30, 120) * DAY))
        : daysAfter(partner.created_at, r.int(20, 120))
      : daysAfter(origin, r.int(0, 400));
    const first = r.pick(DEVELOPER_FIRST);
    const last = r.pick(DEVELOPER_LAST);
    const applies = partner !== undefined || r.chance(0.3);
    const status = applies ? STATUS_ROTATION[technicalStatus.size % STATUS_ROTATION.length] : undefined;
    const tier: Tier = status === 'active' ? 'technical_partner' : r.chance(0.35) ? 'growth' : 'starter';
    const developer: Developer = { id: id('developer', i), created_at, tier };
    developers.push(developer);
    if (status) technicalStatus.set(developer.id, status);
    developerRows.push({
      id: developer.id,
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@devmail.example`.toLowerCase(),
      company: `${last} ${r.pick(COMPANY_WORDS)}`,
      pricing_tier: tier,
      partner_id: partner?.id ?? null,
      created_at,
      updated_at: created_at,
    });
    keyRows.push({
      id: id('api-key', i),
      developer_id: developer.id,
      key_prefix: `ew_${id('api-key', i).slice(0, 8)}`,
      // demo keys are never shown, so their secrets are thrown away at once
      key_hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      pricing_tier: tier,
      created_at,
    });
    if (status) {
      const applied = daysAfter(created_at, r.int(5, 60));
      const approved = status === 'pending' ? null : daysAfter(applied, r.int(1, 10));
      technicalPartnerRows.push({
        id: id('technical-partner', i),
        developer_id: developer.id,
        partner_id: partner?.id ?? null,
        status,
        revenue_share_percent: r.chance(0.8) ? DEFAULT_REVENUE_SHARE_PERCENT : '7.50',
        app_name: null,
        app_url: null,
        approved_at: approved,
        suspended_at: status === 'suspended' ? daysAfter(approved!, r.int(10, 90)) : null,
        created_at: applied,
        updated_at: applied,
      });
    }
  }

  const apps: App[] = [];
  const appRows: Row[] = [];
  developers.forEach((developer, i) => {
    const r = rng('apps', i);
    const count = r.int(1, 3);
    for (let j = 0; j < count; j++) {
      const name = `${r.pick(APP_WORDS)}${j > 0 ? ` ${['Pro', 'Lite', 'for Teams'][j - 1]}` : ''}`;
      const created_at = daysAfter(developer.created_at, r.int(3, 90));
      const app: App = { id: id('app', `${i}:${j}`), developer, name, products: r.some(PRODUCTS, 3), created_at };
      apps.push(app);
      appRows.push({
        id: app.id,
        developer_id: developer.id,
        name,
        url: `https://${slugify(name)}-${i}.example`,
        description: `${name} helps people find and trust local businesses, built on ${app.products.join(', ')} data.`,
        is_showcased: r.chance(0.7),
        api_products: app.products,
        created_at,
        updated_at: created_at,
      });
    }
  });
  const technicalRowByDeveloper = new Map(technicalPartnerRows.map((row) => [row.developer_id as string, row]));
  for (const app of apps) {
    const row = technicalRowByDeveloper.get(app.developer.id);
    if (row && row.app_name === null) Object.assign(row, { app_name: app.name, app_url: appRows.find((a) => a.id === app.id)!.url });
  }
  // Attributions favour technical partners' apps: they are the ones that bring businesses in.
  const attributionApps = apps.filter((app) => technicalStatus.has(app.developer.id));

  await knex.transaction(async (trx) => {
    await insertRows(trx, 'directory_partners', directoryRows);
    await insertRows(trx, 'developer_accounts', developerRows);
    await insertRows(trx, 'developer_apps', appRows);
    await insertRows(trx, 'technical_partners', technicalPartnerRows);
    await insertRows(trx, 'api_keys', keyRows);
  });

  // ---- Businesses, in batches that each commit whole ----
  const batches = Math.ceil(total / batchSize);
  let batchesSkipped = 0;
  for (let batch = 0; batch < batches; batch++) {
    const start = batch * batchSize;
    const end = Math.min(total, start + batchSize);
    const done = await knex('businesses')
      .where({ id: id('business', end - 1) })
      .first('id');
    if (done) {
      batchesSkipped++;
      options.onProgress?.(end, total);
      continue;
    }
    const rows = {
      businesses: [] as Row[],
      referrals: [] as Row[],
      attributions: [] as Row[],
      payments: [] as Row[],
      cmal: [] as Row[],
      usage: new Map<string, UsageRow>(),
      contributions: new Map<string, ContributionRow>(),
    };
    for (let i = start; i < end; i++) {
      const r = rng('business', i);
      const businessId = id('business', i);
      const category = r.pick(CATEGORIES);
      const [city, state] = PLACES[r.skewed(PLACES.length, 1.6)]!;
      const created_at = daysAfter(origin, r.int(0, 400));
      const verified = r.chance(0.85);
      const verified_at = verified ? daysAfter(created_at, r.int(0, 20)) : null;
      const slug = slugify(`${category}-${i}`);
      rows.businesses.push({
        id: businessId,
        business_name: businessName(category, (items) => r.pick(items)),
        category,
        city,
        state,
        country: 'US',
        average_rating: (r.int(25, 50) / 10).toFixed(1),
        is_verified: verified,
        verified_at,
        contact_email: `owner@${slug}.example`,
        contact_phone: `+1-555-${String(r.int(100, 999))}-${String(r.int(1000, 9999))}`,
        owner_name: `${r.pick(DEVELOPER_FIRST)} ${r.pick(DEVELOPER_LAST)}`,
        created_at,
        updated_at: created_at,
      });

      let enteredPool: Date | null = null;
      let partnerId: string | null = null;
      if (r.chance(0.65)) {
        const directory = directories[r.skewed(directories.length, 2.2)]!;
        const referredAt = new Date(Math.max(created_at.getTime(), directory.created_at.getTime()));
        const converted = r.chance(0.7);
        const converted_at = converted ? daysAfter(referredAt, r.int(1, 30)) : null;
        rows.referrals.push({
          id: id('referral', i),
          partner_id: directory.id,
          referred_business_id: businessId,
          is_converted: converted,
          converted_at,
          created_at: referredAt,
        });
        if (r.chance(0.1)) {
          const other = directories[(directories.indexOf(directory) + 1) % directories.length]!;
          rows.referrals.push({
            id: id('referral-2', i),
            partner_id: other.id,
            referred_business_id: businessId,
            is_converted: false,
            converted_at: null,
            created_at: daysAfter(referredAt, r.int(0, 10)),
          });
        }
        if (converted_at) {
          const payments = r.int(1, 4);
          for (let k = 0, paidAt = daysAfter(converted_at, r.int(0, 5)); k < payments; k++) {
            if (paidAt.getTime() >= now.getTime()) break;
            rows.payments.push({ id: id('payment', `${i}:${k}`), business_id: businessId, amount: r.pick(PAYMENT_PLANS), paid_at: paidAt, created_at: paidAt });
            paidAt = new Date(paidAt.getTime() + r.int(25, 35) * DAY);
          }
          if (verified_at) {
            enteredPool = new Date(Math.max(converted_at.getTime(), verified_at.getTime()));
            partnerId = directory.id;
          }
        }
      }

      // Metered usage: apps reading this business (and the app it is attributed to, if any).
      const readers: App[] = [];
      let attributed: { app: App; row: Row } | undefined;
      if (enteredPool && attributionApps.length > 0 && r.chance(0.15)) {
        const app = attributionApps[r.skewed(attributionApps.length, 1.5)]!;
        const row: Row = {
          id: id('attribution', i),
          developer_id: app.developer.id,
          business_id: businessId,
          app_id: app.id,
          app_name: app.name,
          attribution_source: r.pick(['app_signup', 'api_lookup', 'partner_widget']),
          api_calls_generated: 0,
          earnings_attributed: '0',
          first_api_call_at: null,
          created_at: daysAfter(enteredPool, r.int(0, 20)),
        };
        rows.attributions.push(row);
        attributed = { app, row };
        readers.push(app, app);
      }
      if (r.chance(enteredPool ? 0.35 : 0.08)) readers.push(apps[r.skewed(apps.length, 1.7)]!);
      for (const app of readers) {
        const from = Math.max(app.created_at.getTime(), (enteredPool ?? created_at).getTime(), now.getTime() - 90 * DAY);
        if (from >= now.getTime()) continue;
        const day = new Date(from + r.int(0, Math.floor((now.getTime() - from) / DAY)) * DAY);
        const usage_date = day.toISOString().slice(0, 10);
        const product = r.pick(app.products);
        const calls = r.int(100, 8_000);
        const usageKey = `${app.id}|${product}|${usage_date}|${businessId}`;
        const usage = rows.usage.get(usageKey) ?? {
          developer_id: app.developer.id,
          app_id: app.id,
          product,
          business_id: businessId,
          usage_date,
          pricing_tier: app.developer.tier,
          calls: 0,
        };
        usage.calls += calls;
        rows.usage.set(usageKey, usage);
        if (attributed?.app === app) {
          const row = attributed.row;
          row.api_calls_generated = (row.api_calls_generated as number) + calls;
          const first = row.first_api_call_at as Date | null;
          if (!first || day < first) row.first_api_call_at = day;
        }
        if (partnerId) {
          const month = `${usage_date.slice(0, 7)}-01`;
          const contributionKey = `${app.id}|${partnerId}|${month}`;
          const contribution = rows.contributions.get(contributionKey) ?? { app_id: app.id, partner_id: partnerId, month, records_served: 0 };
          contribution.records_served += calls;
          rows.contributions.set(contributionKey, contribution);
        }
      }

      if (r.chance(0.1)) {
        for (let m = 12; m >= 1; m--) {
          const period = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
          rows.cmal.push({
            id: id('cmal', `${i}:${m}`),
            business_id: businessId,
            period_start: period.toISOString().slice(0, 10),
            economic_impact: (r.int(50_000, 5_000_000) / 100).toFixed(2),
            jobs_supported: r.int(0, 25),
            reported_at: daysAfter(period, r.int(32, 40)),
          });
        }
      }
    }

    await knex.transaction(async (trx) => {
      await insertRows(trx, 'businesses', rows.businesses);
      await insertRows(trx, 'partner_referrals', rows.referrals);
      await insertRows(trx, 'app_business_attributions', rows.attributions);
      await insertRows(trx, 'business_payments', rows.payments);
      await insertRows(trx, 'cmal_impact', rows.cmal);
      await addUsage(trx, [...rows.usage.values()]);
      await addContributions(trx, [...rows.contributions.values()]);
      await markPartnerPoweredSince(trx, [...rows.contributions.values()]);
      await applyEarnings(
        trx,
        rows.payments.map((p) => p.id as string),
        options.holdDays ?? DEFAULT_HOLD_PERIOD_DAYS,
      );
      await trx.raw(
        `INSERT INTO pool_events (business_id, partner_id, entered_at)
         SELECT m.id, m.partner_id, m.entered_at FROM (${POOL_MEMBERS}) m WHERE m.id = ANY(?::uuid[])
         ORDER BY m.entered_at`,
        [rows.businesses.map((b) => b.id as string)],
      );
    });
    options.onProgress?.(end, total);
  }

  await knex.raw(`
    UPDATE technical_partners tp SET total_app_referrals = s.n
    FROM (SELECT developer_id, count(*)::int AS n FROM app_business_attributions GROUP BY developer_id) s
    WHERE tp.developer_id = s.developer_id AND tp.total_app_referrals IS DISTINCT FROM s.n`);
  await rebuildSummaries(knex);
  return { batches, batchesSkipped };
}

/** Bulk insert through one JSON parameter (no bind-parameter limit); existing rows are kept. */
async function insertRows(trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  await trx.raw(
    `INSERT INTO ${table} (${columns})
     SELECT ${columns} FROM json_populate_recordset(NULL::${table}, ?::json)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Marks apps partner-powered since the first month they read partner data (not before they existed); an earlier mark stays. */
async function markPartnerPoweredSince(trx: Knex.Transaction, contributions: ContributionRow[]): Promise<void> {
  if (contributions.length === 0) return;
  await trx.raw(
    `UPDATE developer_apps d SET partner_powered_at = greatest(s.first, d.created_at)
     FROM (SELECT app_id, min(month)::timestamp AT TIME ZONE 'UTC' AS first
           FROM json_to_recordset(?::json) AS c(app_id uuid, month date) GROUP BY app_id) s
     WHERE d.id = s.app_id AND (d.partner_powered_at IS NULL OR d.partner_powered_at > greatest(s.first, d.created_at))`,
    [JSON.stringify(contributions)],
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
