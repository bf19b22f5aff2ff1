import { define } from '../internal/define.ts';
import { EarningsBalance } from './earnings-balance.ts';

export type { Balances, Earnings, EarningsAudience, Payout, PayoutList } from './earnings-balance.api.ts';
export { EarningsBalance };

define('earnings-balance', EarningsBalance);

declare global {
  interface HTMLElementTagNameMap {
    'earnings-balance': EarningsBalance;
  }
}
