/**
 * `npm run demo:events`: makes the demo move. Against a running server (the embedded demo by
 * default), it plays the platform: a new business is registered and referred by a directory,
 * converts, is verified (it enters the data pool, so the live feed shows it), is attributed to a
 * partner-powered app and pays — one business every few seconds, through the public events API
 * like any platform integration would.
 *
 *   npm run demo:events                      until Ctrl-C, one business every 3 s
 *   npm run demo:events -- --count 5 --interval 500
 *
 * The server is API_URL (default http://127.0.0.1:$PORT, PORT 3000); the token is ADMIN_TOKEN or
 * SERVICE_TOKEN, else the admin token kept in the embedded demo's credentials file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LocalCredentials } from '../server/seed/demo-credentials.ts';

const { values } = parseArgs({ options: { count: { type: 'string' }, interval: { type: 'string', default: '3000' } } });
const count = values.count === undefined ? Number.POSITIVE_INFINITY : Number(values.count);
const interval = Number(values.interval);
if (!(count > 0) || !(interval >= 0)) {
  process.stderr.write('--count must be a positive number and --interval a number of milliseconds\n');
  process.exit(1);
}

const base = (process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
const credentialsFile = `${process.env.DATA_DIR ?? '.data/pglite'}-demo-credentials.json`;
const kept: LocalCredentials = existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, 'utf8')) : {};
const token = process.env.ADMIN_TOKEN ?? process.env.SERVICE_TOKEN ?? kept.admin_token;
if (!token) {
  process.stderr.write(`No token: set ADMIN_TOKEN (or SERVICE_TOKEN), or start the embedded demo first (${credentialsFile}).\n`);
  process.exit(1);
}

class CallFailed extends Error {}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new CallFailed(`${method} ${path}: ${res.status} ${json.error?.message ?? ''}`.trim());
  return json;
}

interface Showcase {
  apps: { id: string; name: string; contributing_directories: { id: string; directory_name: string }[] }[];
}

const CITIES = [
  ['Austin', 'TX'],
  ['Portland', 'OR'],
  ['Denver', 'CO'],
  ['Raleigh', 'NC'],
  ['Madison', 'WI'],
  ['Tucson', 'AZ'],
] as const;
const KINDS = [
  ['Bakery', 'Bakeries'],
  ['Dental', 'Dentists'],
  ['Plumbing', 'Plumbers'],
  ['Yoga', 'Fitness'],
  ['Books', 'Bookstores'],
  ['Auto Repair', 'Auto services'],
] as const;
const NAMES = ['Maple', 'Harbor', 'Juniper', 'Copper', 'Summit', 'Willow', 'Granite', 'Bluebird'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const showcase = await call<Showcase>('GET', '/v1/public/showcase/apps?limit=50').catch((error: unknown) => {
  process.stderr.write(`Cannot reach the API at ${base}: ${(error as Error).message}. Start it first (npm start), or set API_URL.\n`);
  process.exit(1);
});
const apps = showcase.apps.map(({ id, name }) => ({ id, name }));
const directories = new Map<string, string>();
for (const partner of [kept.partner, kept.newcomer_partner]) if (partner) directories.set(partner.id, partner.directory_name);
for (const app of showcase.apps) for (const d of app.contributing_directories) directories.set(d.id, d.directory_name);
if (directories.size === 0) {
  process.stderr.write('No directory partner to refer businesses from: seed the demo first.\n');
  process.exit(1);
}

let stopped = false;
process.once('SIGINT', () => (stopped = true));
process.stdout.write(`Posting demo events to ${base} (Ctrl-C stops)\n`);

for (let made = 0; made < count && !stopped; ) {
  const [partnerId, directoryName] = pick([...directories]);
  const [city, state] = pick(CITIES);
  const [kind, category] = pick(KINDS);
  const name = `${pick(NAMES)} ${kind} ${city}`;
  try {
    const business = await call<{ id: string }>('POST', '/v1/events/businesses', { business_name: name, category, city, state, average_rating: 4.5 });
    await call('POST', '/v1/events/referrals', { partner_id: partnerId, business_id: business.id });
    await call('POST', '/v1/events/conversions', { partner_id: partnerId, business_id: business.id });
    await call('POST', `/v1/events/businesses/${business.id}/verification`, { is_verified: true });
    const app = apps.length > 0 && Math.random() < 0.6 ? pick(apps) : undefined;
    if (app) await call('POST', '/v1/events/attributions', { business_id: business.id, app_id: app.id, attribution_source: 'demo' });
    const amount = (29 + Math.floor(Math.random() * 30) * 10 + 0.99).toFixed(2);
    await call('POST', '/v1/events/payments', { business_id: business.id, amount }, { 'Idempotency-Key': randomUUID() });
    made++;
    process.stdout.write(`${name}: referred by ${directoryName}, converted, verified${app ? `, brought in by ${app.name}` : ''}, paid $${amount}\n`);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    // a directory that cannot refer (paused or terminated) is dropped; anything else stops the run
    if (!/referrals: (403|404|409)/.test(error.message)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    directories.delete(partnerId);
    if (directories.size === 0) {
      process.stderr.write('No directory partner can refer businesses.\n');
      process.exit(1);
    }
    continue;
  }
  if (made < count && !stopped) await new Promise((resolve) => setTimeout(resolve, interval));
}
