import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { TECHNICAL_PARTNER_FIGURES } from '../internal/technical-partner.ts';

/** The answer of `GET /v1/partner/me/developer-impact`. */
export type DeveloperImpact = ApiResponses['GET /v1/partner/me/developer-impact'];
export type ImpactApp = DeveloperImpact['apps'][number];
/** The partner's Technical Partner application, when it made one. */
export type ImpactTechnicalPartner = NonNullable<DeveloperImpact['technical_partner']>;

/** Checks every field the element reads (and nothing else); amounts and percentages must be decimal text. */
export function parseDeveloperImpact(json: unknown): DeveloperImpact {
  // expectShape and expectEach also check that each object and list is one.
  const impact = expectShape<DeveloperImpact>(json, { technical_partner: 'object?', combined_earnings: 'decimal' });
  expectShape<DeveloperImpact['partner']>(impact.partner, { directory_name: 'string', commission_percent: 'decimal' });
  expectShape<DeveloperImpact['referrals']>(impact.referrals, { total: 'number', converted: 'number', in_data_pool: 'number' });
  expectEach<ImpactApp>(impact.apps, {
    id: 'string',
    name: 'string',
    url: 'string?',
    company: 'string?',
    records_served: 'number',
    businesses_attributed: 'number',
  });
  expectShape<DeveloperImpact['api_usage']>(impact.api_usage, { records_served: 'number', calls: 'number' });
  expectEach<DeveloperImpact['api_usage']['by_product'][number]>(impact.api_usage.by_product, { product: 'string', calls: 'number' });
  expectShape<DeveloperImpact['commissions']>(impact.commissions, { total: 'decimal' });
  expectEach<DeveloperImpact['commissions']['by_month'][number]>(impact.commissions.by_month, { month: 'month', amount: 'decimal' });
  if (impact.technical_partner) expectShape<ImpactTechnicalPartner>(impact.technical_partner, TECHNICAL_PARTNER_FIGURES);
  return impact;
}
