import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectOneOf, expectShape } from '../internal/shape.ts';

/** Whose earnings: a directory partner's (`/v1/partner/me/…`) or a Technical Partner developer's (`/v1/developer/me/…`). */
export type EarningsAudience = 'partner' | 'developer';

/** The answer of `GET /v1/{partner,developer}/me/balances`. */
export type Balances = ApiResponses['GET /v1/partner/me/balances'];
/** The answer of `GET /v1/{partner,developer}/me/payouts`, newest first. */
export type PayoutList = ApiResponses['GET /v1/partner/me/payouts'];
export type Payout = PayoutList['payouts'][number];

/** What the element shows, as the `data` property takes it (server-rendered hosts, Storybook). */
export interface Earnings {
  balances: Balances;
  payouts: PayoutList;
}

export const STATUSES = ['scheduled', 'paid', 'cancelled'] as const;

export function parseBalances(json: unknown): Balances {
  const balances = expectShape<Balances>(json, {
    currency: 'string',
    pending: 'decimal',
    on_hold: 'decimal',
    approved: 'decimal',
    in_payout: 'decimal',
    paid: 'decimal',
    hold_period_days: 'number',
    minimum_payout: 'decimal',
    next_payout: 'object',
  });
  expectShape<Balances['next_payout']>(balances.next_payout, { date: 'string', expected_amount: 'decimal', meets_minimum: 'boolean' });
  return balances;
}

export function parsePayouts(json: unknown): PayoutList {
  const list = expectShape<PayoutList>(json, { currency: 'string', payouts: 'array', next_cursor: 'string?' });
  for (const payout of expectEach<Payout>(list.payouts, { id: 'string', amount: 'decimal', created_at: 'string', paid_at: 'string?', reference: 'string?' }))
    expectOneOf(payout.status, STATUSES);
  return list;
}
