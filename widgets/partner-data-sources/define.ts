import { define } from '../internal/define.ts';
import { PartnerDataSources } from './partner-data-sources.ts';

export type { DataSourceDirectory, DataSources, DataSourcesTechnicalPartner } from './partner-data-sources.api.ts';
export { PartnerDataSources };

define('partner-data-sources', PartnerDataSources);

declare global {
  interface HTMLElementTagNameMap {
    'partner-data-sources': PartnerDataSources;
  }
  interface HTMLElementEventMap {
    'data-sources-expand': CustomEvent<{ expanded: boolean }>;
    /** Also fired by developer-ecosystem-tab. */
    'technical-partner-cta': CustomEvent<null>;
  }
}
