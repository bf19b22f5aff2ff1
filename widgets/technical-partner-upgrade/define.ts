import { define } from '../internal/define.ts';
import type { TechnicalPartnerStatus } from './technical-partner-upgrade.api.ts';
import { TechnicalPartnerUpgrade } from './technical-partner-upgrade.ts';

export type {
  Audience,
  IssuedApiKey,
  ProductPrice,
  TechnicalPartner,
  TechnicalPartnerOverview,
  TechnicalPartnerStatus,
} from './technical-partner-upgrade.api.ts';
export { TechnicalPartnerUpgrade };

define('technical-partner-upgrade', TechnicalPartnerUpgrade);

export interface TechnicalPartnerAppliedDetail {
  status: TechnicalPartnerStatus;
  technicalPartnerId: string;
}

/** The new key's prefix: the secret itself never leaves the element. */
export interface TechnicalPartnerKeyIssuedDetail {
  prefix: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'technical-partner-upgrade': TechnicalPartnerUpgrade;
  }
  interface HTMLElementEventMap {
    'technical-partner-applied': CustomEvent<TechnicalPartnerAppliedDetail>;
    'technical-partner-key-issued': CustomEvent<TechnicalPartnerKeyIssuedDetail>;
  }
}
