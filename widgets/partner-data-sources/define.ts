import { define } from '../internal/define.ts';
import { PartnerDataSources } from './partner-data-sources.ts';

export { PartnerDataSources };
export type { DataSources, DataSourceDirectory, DataSourcesTechnicalPartner } from './partner-data-sources.ts';
define('partner-data-sources', PartnerDataSources);
