import type { ApiResponses } from '../internal/api-schema.ts';
import { expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/public/ecosystem/impact`. */
export type EcosystemImpact = ApiResponses['GET /v1/public/ecosystem/impact'];

/** Checks the fields the card reads; amounts must be decimal text. */
export function parseImpact(json: unknown): EcosystemImpact {
  const impact = expectShape<EcosystemImpact>(json, {
    partner_referred_businesses: 'number',
    apps_powered_by_partner_data: 'number',
    combined_cmal_economic_impact: 'decimal',
    directories: 'number',
    developers: 'number',
    value_flow: 'object',
  });
  expectShape<EcosystemImpact['value_flow']>(impact.value_flow, {
    referrals: 'number',
    converted_businesses: 'number',
    data_pool_businesses: 'number',
    partner_powered_apps: 'number',
    partner_earnings: 'decimal',
  });
  return impact;
}
