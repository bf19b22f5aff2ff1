import { define } from '../internal/define.ts';
import { PartnerPoweredBadge } from './partner-powered-badge.ts';

export { PartnerPoweredBadge };
export type { Badge, BadgeDirectory } from './partner-powered-badge.ts';
define('partner-powered-badge', PartnerPoweredBadge);
