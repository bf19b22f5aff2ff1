import type { Balances, Earnings, Payout, PayoutList } from './earnings-balance.api.ts';

const payout = (n: number, amount: string, status: Payout['status'], day: string, reference: string | null = null): Payout => ({
  id: `7c1e4a2b-3d5f-4e6a-8b9c-${String(n).padStart(12, '0')}`,
  run_id: `2a4b6c8d-1e3f-4a5b-9c7d-${String(n).padStart(12, '0')}`,
  beneficiary: { kind: 'partner', id: '0f1e2d3c-4b5a-4968-8776-655443322110', name: 'Black Business Directory of Atlanta' },
  amount,
  line_count: 3,
  status,
  created_at: `${day}T06:00:00.000Z`,
  paid_at: status === 'paid' ? `${day}T15:30:00.000Z` : null,
  reference: status === 'paid' ? reference : null,
  cancelled_at: status === 'cancelled' ? `${day}T09:00:00.000Z` : null,
});

/** A partner with earnings in every state, shaped like the API's answer. */
export const balances: Balances = {
  currency: 'USD',
  pending: '184.20',
  on_hold: '42.00',
  approved: '312.75',
  in_payout: '128.40',
  paid: '2315.60',
  hold_period_days: 30,
  minimum_payout: '50.00',
  next_payout: { date: '2026-12-15', expected_amount: '312.75', meets_minimum: true },
};

/** Payouts newest first: one scheduled, paid ones with their references, one cancelled. */
export const payouts: PayoutList = {
  currency: 'USD',
  payouts: [
    payout(5, '128.40', 'scheduled', '2026-11-15'),
    payout(4, '604.10', 'paid', '2026-10-15', 'TRF-2026-10-0412'),
    payout(3, '251.30', 'cancelled', '2026-09-15'),
    payout(2, '251.30', 'paid', '2026-09-16', 'TRF-2026-09-0981'),
    payout(1, '1460.20', 'paid', '2026-08-15', 'TRF-2026-08-0117'),
  ],
  next_cursor: 'eyJ0IjoiMjAyNi0wOC0xNVQwNjowMDowMC4wMDBaIn0',
};

/** The page after `payouts.next_cursor`: the last one. */
export const olderPayouts: PayoutList = {
  currency: 'USD',
  payouts: [payout(0, '88.00', 'paid', '2026-07-15', 'TRF-2026-07-0033')],
  next_cursor: null,
};

export const earnings: Earnings = { balances, payouts };

/** A partner whose paid earnings were refunded after the payout: approved is negative, deducted from the next payout. */
export const clawback: Earnings = {
  balances: {
    ...balances,
    pending: '0.00',
    on_hold: '0.00',
    approved: '-24.50',
    in_payout: '0.00',
    next_payout: { date: '2026-12-15', expected_amount: '-24.50', meets_minimum: false },
  },
  payouts: { ...payouts, payouts: payouts.payouts.slice(1), next_cursor: null },
};

/** A new partner: a first earning still in its hold period, below the minimum, no payout yet. */
export const newPartner: Earnings = {
  balances: {
    currency: 'USD',
    pending: '12.35',
    on_hold: '0.00',
    approved: '8.20',
    in_payout: '0.00',
    paid: '0.00',
    hold_period_days: 30,
    minimum_payout: '50.00',
    next_payout: { date: '2026-12-15', expected_amount: '8.20', meets_minimum: false },
  },
  payouts: { currency: 'USD', payouts: [], next_cursor: null },
};
