import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { TECHNICAL_PARTNER_FIGURES } from '../internal/technical-partner.ts';

/** The answer of `GET /v1/developer/me/data-sources`. */
export type DataSources = ApiResponses['GET /v1/developer/me/data-sources'];
export type DataSourceDirectory = DataSources['directories'][number];
export type DataSourcesTechnicalPartner = NonNullable<DataSources['technical_partner']>;

export function parseDataSources(json: unknown): DataSources {
  const sources = expectShape<DataSources>(json, { records_served: 'number', directories: 'array', by_month: 'array', technical_partner: 'object?' });
  expectEach<DataSourceDirectory>(sources.directories, { directory_name: 'string', records_served: 'number', share_percent: 'decimal', apps: 'number' });
  expectEach<DataSources['by_month'][number]>(sources.by_month, { month: 'month', records_served: 'number' });
  if (sources.technical_partner) expectShape<DataSourcesTechnicalPartner>(sources.technical_partner, TECHNICAL_PARTNER_FIGURES);
  return sources;
}
