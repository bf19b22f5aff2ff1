import { define } from '../internal/define.ts';
import { TechnicalPartnerUpgrade } from './technical-partner-upgrade.ts';

export { TechnicalPartnerUpgrade };
export type {
  Audience,
  IssuedApiKey,
  ProductPrice,
  TechnicalPartner,
  TechnicalPartnerAppliedDetail,
  TechnicalPartnerKeyIssuedDetail,
  TechnicalPartnerOverview,
  TechnicalPartnerStatus,
} from './technical-partner-upgrade.ts';
define('technical-partner-upgrade', TechnicalPartnerUpgrade);
