import { define } from '../internal/define.ts';
import { PartnerPoweredBadge } from './partner-powered-badge.ts';

export type { Badge, BadgeDirectory } from './partner-powered-badge.api.ts';
export { PartnerPoweredBadge };

define('partner-powered-badge', PartnerPoweredBadge);

declare global {
  interface HTMLElementTagNameMap {
    'partner-powered-badge': PartnerPoweredBadge;
  }
  interface HTMLElementEventMap {
    'badge-directories-toggle': CustomEvent<{ open: boolean }>;
  }
}
