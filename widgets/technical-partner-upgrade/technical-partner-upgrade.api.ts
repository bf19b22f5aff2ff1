import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectOneOf, expectShape } from '../internal/shape.ts';
import { TECHNICAL_PARTNER_FIGURES } from '../internal/technical-partner.ts';

/** Whose embed session `fetchSession` gets: a developer's or a directory partner's. */
export type Audience = 'developer' | 'partner';

/** The answer of `GET /v1/developer/me/technical-partner`; for partners, `prices` is empty. */
export type TechnicalPartnerOverview = ApiResponses['GET /v1/developer/me/technical-partner'];
/** A Technical Partner application. */
export type TechnicalPartner = NonNullable<TechnicalPartnerOverview['technical_partner']>;
export type TechnicalPartnerStatus = TechnicalPartner['status'];
/** One API product's standard and Technical-Partner price per 1,000 calls. */
export type ProductPrice = TechnicalPartnerOverview['prices'][number];
/** The answer of `POST /v1/developer/me/technical-partner/key`: the secret appears here only. */
export type IssuedApiKey = ApiResponses['POST /v1/developer/me/technical-partner/key'];

const STATUSES: readonly TechnicalPartnerStatus[] = ['pending', 'active', 'suspended'];

/**
 * Any answer carrying `technical_partner`: the developer's status and application (with the
 * preferential `prices`), or the partner's developer-impact and application (prices are not for
 * partners). Only the fields the element reads are checked (each name costs bundle bytes).
 */
export function parseOverview(json: unknown, partnerAudience: boolean): TechnicalPartnerOverview {
  const overview = expectShape<TechnicalPartnerOverview>(json, { technical_partner: 'object?' });
  const partner = overview.technical_partner;
  if (partner) {
    expectShape<TechnicalPartner>(partner, { ...TECHNICAL_PARTNER_FIGURES, id: 'string', app_name: 'string?', app_url: 'string?', approved_at: 'string?' });
    expectOneOf(partner.status, STATUSES);
  }
  const prices = partnerAudience
    ? []
    : expectEach<ProductPrice>(overview.prices, {
        name: 'string',
        price_per_1000: 'decimal',
        technical_partner_price_per_1000: 'decimal',
        discount_percent: 'decimal',
      });
  return { technical_partner: partner, prices, currency: overview.currency };
}

/** The new key: only the secret and its prefix are read. */
export const parseIssuedKey = (json: unknown) => expectShape<IssuedApiKey>(json, { key: 'string', prefix: 'string' });
