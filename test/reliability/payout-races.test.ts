import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Database, migrateLatest, openDatabase } from '../../server/db/database.ts';
import { testApp } from '../helpers/app.ts';
import { MovableClock } from '../helpers/clock.ts';
import { createPostgresDatabase } from '../helpers/databases.ts';
import { assertLedgerMatchesTotals } from '../helpers/invariants.ts';
import { Scenario } from '../helpers/scenario.ts';
import { listen } from '../helpers/server.ts';

/**
 * Payout runs racing each other, a replay of themselves, refunds and new payments, each request
 * on its own connection (PostgreSQL only: the embedded database has one connection). Nothing may
 * be paid twice and nothing lost: every payout equals the lines locked into it, and for every
 * partner what was paid out plus what is still owed equals its ledger, worked out by hand.
 */
const postgresUrl = process.env.DATABASE_URL;
const onPostgres = postgresUrl ? describe : describe.skip;
if (!postgresUrl) console.log('# payout races: skipped on the embedded database (one connection); set DATABASE_URL to run them on PostgreSQL');

const PARTNERS = 12;

interface Sent {
  status: number;
  body: Record<string, unknown> & { error?: { message: string } };
}

onPostgres('payout runs racing refunds and each other [postgres]', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let s: Scenario;
  let server: Awaited<ReturnType<typeof listen>>;
  const clock = new MovableClock();

  before(async () => {
    const created = await createPostgresDatabase(postgresUrl!);
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
    await migrateLatest(db.knex);
    const { app, config } = testApp(db, {}, clock);
    s = new Scenario(app, config);
    server = await listen(app);
  });
  after(async () => {
    await server.close();
    await db.close();
    await drop();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string>): Promise<Sent> => {
    const res = await fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const run = (key: string) => post('/v1/admin/payout-runs', {}, { ...s.admin, 'Idempotency-Key': key });

  /** Per partner: payouts made, their total, the approved and pending balances, and the ledger's sum. */
  async function books(partnerIds: string[]) {
    const { rows } = await db.knex.raw(
      `SELECT dp.id,
         (SELECT count(*)::int FROM payouts p WHERE p.partner_id = dp.id) AS payouts,
         (SELECT coalesce(sum(amount), 0)::numeric(14,2)::text FROM payouts p WHERE p.partner_id = dp.id) AS paid_out,
         (SELECT coalesce(sum(amount), 0)::numeric(14,2)::text FROM earnings_ledger l WHERE l.partner_id = dp.id) AS ledger
       FROM directory_partners dp WHERE dp.id = ANY(?::uuid[])`,
      [partnerIds],
    );
    const byId = new Map<string, { payouts: number; paid_out: string; ledger: string; approved: string; pending: string }>();
    for (const row of rows) {
      const token = tokens.get(row.id)!;
      const balances = await s.get('/v1/partner/me/balances', s.bearer(token));
      byId.set(row.id, { payouts: row.payouts, paid_out: row.paid_out, ledger: row.ledger, approved: balances.approved, pending: balances.pending });
    }
    return byId;
  }
  const tokens = new Map<string, string>();

  const cents = (amount: string) => BigInt(amount.replace('.', ''));

  it('pay each line at most once, every payout equal to its lines, and paid-out plus owed equal to the ledger', async () => {
    // each partner (10 %): three payments of 200.00 = 60.00, approved once the clock passes the hold
    const partners = await Promise.all(Array.from({ length: PARTNERS }, () => s.partner({ commission_percent: '10.00' })));
    const firstPayments = new Map<string, string>();
    const businesses = new Map<string, string>();
    for (const partner of partners) {
      tokens.set(partner.id, partner.token);
      const business = await s.referredBusiness(partner.id);
      businesses.set(partner.id, business.id);
      const paid = [await s.pay(business.id, '200.00'), await s.pay(business.id, '200.00'), await s.pay(business.id, '200.00')];
      firstPayments.set(partner.id, paid[0].payment.id);
    }
    clock.advanceDays(31);

    // at once: run A, a replay of run A, run B; per partner a refund of 50.00 (−5.00) and a new 100.00 payment (10.00, pending)
    const keyA = randomUUID();
    const keyB = randomUUID();
    const writesOf = (some: typeof partners) =>
      some.flatMap((partner) => [
        post('/v1/events/refunds', { payment_id: firstPayments.get(partner.id), amount: '50.00' }, { ...s.service, 'Idempotency-Key': randomUUID() }),
        post('/v1/events/payments', { business_id: businesses.get(partner.id), amount: '100.00' }, { ...s.service, 'Idempotency-Key': randomUUID() }),
      ]);
    // the runs are sent between the two halves of the writes, so some refunds land before them and some after
    const early = writesOf(partners.slice(0, PARTNERS / 2));
    const runs = [run(keyA), run(keyA), run(keyB)];
    const late = writesOf(partners.slice(PARTNERS / 2));
    const [a1, a2, b] = await Promise.all(runs);
    const written = await Promise.all([...early, ...late]);
    assert.deepEqual(
      written.filter((w) => w.status !== 201),
      [],
    );
    assert.deepEqual([a1!.status, a2!.status].sort(), [200, 201], 'one run per key; the other answer is its replay');
    assert.equal(a1!.body.id, a2!.body.id);
    assert.equal(b!.status, 201);
    assert.notEqual(b!.body.id, a1!.body.id);

    const { rows: mismatched } = await db.knex.raw(
      `SELECT p.id FROM payouts p JOIN payout_lines pl ON pl.payout_id = p.id JOIN earnings_ledger l ON l.id = pl.ledger_id
       GROUP BY p.id, p.amount, p.line_count HAVING sum(l.amount) <> p.amount OR count(*) <> p.line_count`,
    );
    assert.deepEqual(mismatched, [], 'every payout is exactly the sum of its lines');

    // earned 60.00 + 10.00, refunded 5.00: the ledger holds 65.00; the race decides only whether the refund
    // came before the payout (55.00 paid, nothing owed) or after it (60.00 paid, −5.00 owed)
    const ids = partners.map((p) => p.id as string);
    for (const [id, book] of await books(ids)) {
      assert.equal(book.ledger, '65.00', id);
      assert.equal(book.payouts, 1, `${id}: paid by exactly one of the racing runs`);
      assert.ok(['55.00', '60.00'].includes(book.paid_out), `${id}: paid ${book.paid_out}`);
      assert.equal(cents(book.paid_out) + cents(book.approved), cents('55.00'), `${id}: paid out + approved = 60.00 − 5.00`);
      assert.equal(book.pending, '10.00');
    }

    // after the new payments' hold, a last run: 5.00 or 10.00 approved, below the minimum, still owed
    clock.advanceDays(31);
    const last = await run(randomUUID());
    assert.equal(last.status, 201);
    for (const [id, book] of await books(ids)) {
      assert.equal(book.payouts, 1, id);
      assert.equal(cents(book.paid_out) + cents(book.approved), cents('65.00'), `${id}: nothing lost`);
      assert.equal(book.pending, '0.00');
    }
    await assertLedgerMatchesTotals(db.knex);
  });

  it('a payout marked paid by two admins at once is marked once', async () => {
    const partner = await s.partner({ commission_percent: '10.00' });
    const business = await s.referredBusiness(partner.id);
    await s.pay(business.id, '750.00');
    clock.advanceDays(31);
    const created = await run(randomUUID());
    const listed = await s.get(`/v1/admin/payouts?run_id=${created.body.id}&limit=100`, s.admin);
    const payout = listed.payouts.find((p: { beneficiary: { id: string } }) => p.beneficiary.id === partner.id);
    assert.equal(payout.amount, '75.00');
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => post(`/v1/admin/payouts/${payout.id}/mark-paid`, { reference: `ref-${i}` }, s.admin)),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409]);
    const transfers = await db.knex('payout_transfers').where({ payout_id: payout.id }).count({ n: '*' }).first();
    assert.equal(Number(transfers?.n), 1);
  });

  /** One partner per payout, each owed 75.00 (10 % of 750.00) and put in a payout by one run; the partners and their payouts. */
  async function scheduledPayouts(count: number) {
    const partners = await Promise.all(Array.from({ length: count }, () => s.partner({ commission_percent: '10.00' })));
    for (const partner of partners) {
      tokens.set(partner.id, partner.token);
      await s.pay((await s.referredBusiness(partner.id)).id, '750.00');
    }
    clock.advanceDays(31);
    const created = await run(randomUUID());
    const listed = await s.get(`/v1/admin/payouts?run_id=${created.body.id}&limit=100`, s.admin);
    const payouts = partners.map((partner) => listed.payouts.find((p: { beneficiary: { id: string } }) => p.beneficiary.id === partner.id));
    assert.deepEqual(
      payouts.map((p) => p?.amount),
      partners.map(() => '75.00'),
    );
    return { partners, payouts: payouts as { id: string; amount: string }[] };
  }

  it('a cancel and a mark-paid of one payout at once: exactly one wins, and the books follow the winner', async () => {
    const { partners, payouts } = await scheduledPayouts(8);
    const raced = await Promise.all(
      payouts.map(async (payout, i) => {
        // alternate which request leaves first
        const cancel = () => post(`/v1/admin/payouts/${payout.id}/cancel`, { reason: 'race' }, s.admin);
        const markPaid = () => post(`/v1/admin/payouts/${payout.id}/mark-paid`, { reference: `ref-${i}` }, s.admin);
        const [first, second] = i % 2 === 0 ? [cancel(), markPaid()] : [markPaid(), cancel()];
        const [a, b] = await Promise.all([first, second]);
        return i % 2 === 0 ? { cancel: a!, markPaid: b! } : { cancel: b!, markPaid: a! };
      }),
    );
    for (const [i, { cancel, markPaid }] of raced.entries()) {
      const payout = payouts[i]!;
      assert.deepEqual([cancel.status, markPaid.status].sort(), [200, 409], `${payout.id}: one wins`);
      const { rows } = await db.knex.raw(
        `SELECT (SELECT count(*)::int FROM payout_transfers WHERE payout_id = ?) AS transfers,
                (SELECT count(*)::int FROM payout_cancellations WHERE payout_id = ?) AS cancellations,
                (SELECT count(*)::int FROM payout_lines WHERE payout_id = ?) AS locked,
                (SELECT count(*)::int FROM cancelled_payout_lines WHERE payout_id = ?) AS released`,
        [payout.id, payout.id, payout.id, payout.id],
      );
      const balances = await s.get('/v1/partner/me/balances', s.bearer(partners[i]!.token));
      if (cancel.status === 200) {
        assert.equal(cancel.body.status, 'cancelled');
        assert.deepEqual(rows[0], { transfers: 0, cancellations: 1, locked: 0, released: 1 });
        assert.deepEqual([balances.approved, balances.in_payout, balances.paid], ['75.00', '0.00', '0.00']);
      } else {
        assert.equal(markPaid.body.status, 'paid');
        assert.deepEqual(rows[0], { transfers: 1, cancellations: 0, locked: 1, released: 0 });
        assert.deepEqual([balances.approved, balances.in_payout, balances.paid], ['0.00', '0.00', '75.00']);
      }
    }
  });

  it('cancels racing a payout run: a released line is paid by that run or left approved, never in two payouts', async () => {
    const { partners, payouts } = await scheduledPayouts(8);
    const cancels = payouts.map((payout) => post(`/v1/admin/payouts/${payout.id}/cancel`, {}, s.admin));
    const next = run(randomUUID());
    const [created, ...cancelled] = await Promise.all([next, ...cancels]);
    assert.equal(created!.status, 201);
    assert.deepEqual(
      cancelled.map((c) => c.status),
      payouts.map(() => 200),
    );
    for (const partner of partners) {
      const { rows } = await db.knex.raw(
        `SELECT count(*)::int AS live, coalesce(sum(p.amount), 0)::numeric(14,2)::text AS amount
         FROM payouts p LEFT JOIN payout_cancellations c ON c.payout_id = p.id
         WHERE p.partner_id = ? AND c.payout_id IS NULL`,
        [partner.id],
      );
      const balances = await s.get('/v1/partner/me/balances', s.bearer(partner.token));
      // the run's snapshot saw the cancel (the line is in its payout) or did not (the line is approved, for the next run)
      const outcome = `${rows[0].live} live: ${rows[0].amount}, in payout ${balances.in_payout}, approved ${balances.approved}`;
      assert.ok(
        ['1 live: 75.00, in payout 75.00, approved 0.00', '0 live: 0.00, in payout 0.00, approved 75.00'].includes(outcome),
        `${partner.id}: ${outcome}`,
      );
    }
    await assertLedgerMatchesTotals(db.knex);
  });

  it('a rate change racing payments: every line of the day at the one rate the history says', async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (let round = 0; round < 4; round++) {
      const partner = await s.partner({ commission_percent: '10.00' });
      const businesses = await Promise.all(Array.from({ length: 6 }, () => s.referredBusiness(partner.id)));
      const pay = (businessId: string) =>
        post('/v1/events/payments', { business_id: businessId, amount: '100.00' }, { ...s.service, 'Idempotency-Key': randomUUID() });
      const early = businesses.slice(0, 3).map((b) => pay(b.id));
      const change = post(`/v1/admin/partners/${partner.id}/rates`, { commission_percent: '7.50', effective_from: today }, s.admin);
      const late = businesses.slice(3).map((b) => pay(b.id));
      const [changed, ...paid] = await Promise.all([change, ...early, ...late]);
      assert.deepEqual(
        paid.map((p) => p.status),
        businesses.map(() => 201),
      );
      const lines = await db.knex('earnings_ledger').where({ partner_id: partner.id }).pluck('rate_percent');
      // refused when a payment of the day committed first (all six at 10.00); made otherwise (all six at 7.50)
      assert.ok([201, 409].includes(changed!.status), `change: ${changed!.status}`);
      assert.deepEqual(
        lines.sort(),
        businesses.map(() => (changed!.status === 201 ? '7.50' : '10.00')),
        `round ${round}: change ${changed!.status}`,
      );
    }
  });
});
