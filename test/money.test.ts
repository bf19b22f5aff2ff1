import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Knex } from 'knex';
import { addCents, compareCents, sharePercent, subtractCents, toCents } from '../server/money.ts';
import { applyEarnings } from '../server/resources/payments/earnings.repository.ts';
import { nextPayoutDate } from '../server/resources/payouts/payouts.service.ts';
import { DEFAULT_REVENUE_SHARE_PERCENT } from '../server/resources/technical-partners/revenue-share.ts';

/**
 * The exact decimal helpers, every expectation worked out by hand and compared as an exact string
 * (never through Number()): cents rounded half away from zero, as PostgreSQL's round(numeric, 2).
 */
describe('money helpers', () => {
  it('toCents keeps two places and pads what has fewer', () => {
    assert.equal(toCents('12'), '12.00');
    assert.equal(toCents('12.'), '12.00');
    assert.equal(toCents('12.5'), '12.50');
    assert.equal(toCents('12.34'), '12.34');
    assert.equal(toCents('0'), '0.00');
    assert.equal(toCents('0.05'), '0.05');
    assert.equal(toCents('0.5'), '0.50');
    assert.equal(toCents('1234.56'), '1234.56');
    assert.equal(toCents('007.10'), '7.10');
    assert.equal(toCents('99999999999999.99'), '99999999999999.99');
  });

  it('toCents rounds the third place half away from zero, ignoring the places after it', () => {
    assert.equal(toCents('0.004'), '0.00');
    assert.equal(toCents('0.005'), '0.01');
    assert.equal(toCents('0.006'), '0.01');
    assert.equal(toCents('2.675'), '2.68');
    assert.equal(toCents('2.6749999'), '2.67');
    assert.equal(toCents('1.995'), '2.00');
    assert.equal(toCents('9.999'), '10.00');
    assert.equal(toCents('0.0049'), '0.00');
  });

  it('toCents keeps the sign, rounds negatives away from zero, and writes no negative zero', () => {
    assert.equal(toCents('-12.34'), '-12.34');
    assert.equal(toCents('-0.05'), '-0.05');
    assert.equal(toCents('-0.005'), '-0.01');
    assert.equal(toCents('-0.004'), '0.00');
    assert.equal(toCents('-2.675'), '-2.68');
    assert.equal(toCents('-0'), '0.00');
    assert.equal(toCents('-7'), '-7.00');
  });

  it('toCents ignores surrounding white space on either side', () => {
    assert.equal(toCents(' 1.50'), '1.50');
    assert.equal(toCents('1.50 '), '1.50');
    assert.equal(toCents('\t-3\n'), '-3.00');
  });

  it('toCents refuses what is not a plain decimal, naming it', () => {
    for (const bad of ['', 'abc', '.5', '-.5', '1.2.3', 'x1', '1x', '+1', '1e3', '--1', '1,50', ' ']) {
      assert.throws(
        () => toCents(bad),
        (error: unknown) => error instanceof Error && error.message === `Not a decimal: ${bad}`,
        JSON.stringify(bad),
      );
    }
  });

  it('addCents adds in whole cents, each side rounded first', () => {
    assert.equal(addCents('0.10', '0.20'), '0.30');
    assert.equal(addCents('1.005', '1.005'), '2.02');
    assert.equal(addCents('10', '-10.01'), '-0.01');
    assert.equal(addCents('-1.50', '-2.25'), '-3.75');
    assert.equal(addCents('99999999999999.99', '0.01'), '100000000000000.00');
    assert.equal(addCents('0', '0'), '0.00');
  });

  it('subtractCents takes the second from the first in whole cents', () => {
    assert.equal(subtractCents('0.30', '0.10'), '0.20');
    assert.equal(subtractCents('80.05', '80.05'), '0.00');
    assert.equal(subtractCents('10.00', '25.50'), '-15.50');
    assert.equal(subtractCents('-1', '-3.004'), '2.00');
    assert.equal(subtractCents('1.005', '0'), '1.01');
  });

  it('compareCents orders amounts by their cents', () => {
    assert.equal(compareCents('1.00', '2.00'), -1);
    assert.equal(compareCents('2.00', '1.00'), 1);
    assert.equal(compareCents('1.5', '1.50'), 0);
    assert.equal(compareCents('0.004', '0'), 0);
    assert.equal(compareCents('0.005', '0.01'), 0);
    assert.equal(compareCents('-0.01', '0'), -1);
    assert.equal(compareCents('0', '-0.01'), 1);
    assert.equal(compareCents('100000000000000000000.01', '100000000000000000000.00'), 1);
  });

  it('sharePercent is a display percentage with two places, 0.00 of nothing', () => {
    assert.equal(sharePercent(1, 3), '33.33');
    assert.equal(sharePercent(2, 3), '66.67');
    assert.equal(sharePercent(1, 8), '12.50');
    assert.equal(sharePercent(3, 3), '100.00');
    assert.equal(sharePercent(0, 5), '0.00');
    assert.equal(sharePercent(0, 0), '0.00');
    assert.equal(sharePercent(5, 0), '0.00');
    assert.equal(sharePercent(1, -4), '0.00');
  });

  it('the default revenue share is 5.00 %', () => {
    assert.equal(DEFAULT_REVENUE_SHARE_PERCENT, '5.00');
  });
});

describe('earnings of no payments', () => {
  it('are none, without a statement (nor the rates lock)', async () => {
    const untouchable = new Proxy({} as Knex.Transaction, {
      get: (_, name) => {
        throw new Error(`the transaction was used: ${String(name)}`);
      },
    });
    assert.deepEqual(await applyEarnings(untouchable, [], 14), []);
  });
});

describe('next payout date', () => {
  const at = (iso: string) => new Date(iso);
  const next = (now: string, day: number, latestRun?: string) => nextPayoutDate(at(now), day, latestRun ? at(latestRun) : undefined).toISOString();

  it('is this month’s payout day while it is ahead, else next month’s', () => {
    assert.equal(next('2026-12-03T10:00:00Z', 15), '2026-12-15T00:00:00.000Z');
    assert.equal(next('2026-12-14T23:59:59.999Z', 15), '2026-12-15T00:00:00.000Z');
    assert.equal(next('2026-12-16T00:00:00Z', 15), '2027-01-15T00:00:00.000Z');
    assert.equal(next('2026-12-31T23:59:59Z', 1), '2027-01-01T00:00:00.000Z');
    assert.equal(next('2026-01-31T12:00:00Z', 28), '2026-02-28T00:00:00.000Z');
  });

  it('is today while today’s run has not been made; a run before today or after it does not count', () => {
    assert.equal(next('2026-12-15T10:00:00Z', 15), '2026-12-15T00:00:00.000Z');
    assert.equal(next('2026-12-15T10:00:00Z', 15, '2026-11-15T09:00:00Z'), '2026-12-15T00:00:00.000Z');
    assert.equal(next('2026-12-15T10:00:00Z', 15, '2026-12-14T23:59:59.999Z'), '2026-12-15T00:00:00.000Z');
    assert.equal(next('2026-12-15T10:00:00Z', 15, '2026-12-16T00:00:00Z'), '2026-12-15T00:00:00.000Z');
  });

  it('is next month’s once today’s run has been made, at any time of the day', () => {
    assert.equal(next('2026-12-15T10:00:00Z', 15, '2026-12-15T00:00:00Z'), '2027-01-15T00:00:00.000Z');
    assert.equal(next('2026-12-15T23:00:00Z', 15, '2026-12-15T09:00:00Z'), '2027-01-15T00:00:00.000Z');
    assert.equal(next('2026-12-15T23:59:59Z', 15, '2026-12-15T23:59:59.999Z'), '2027-01-15T00:00:00.000Z');
  });
});
