import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { Balances, BeneficiaryPayoutsQuery, PayoutList } from '../payouts/payouts.schemas.ts';
import * as payouts from '../payouts/payouts.service.ts';
import { IssuedApiKeyResult } from '../technical-partners/technical-partners.schemas.ts';
import * as schemas from './partner.schemas.ts';
import * as service from './partner.service.ts';

/** The partner audience: `Authorization: Bearer <partner token>`; only the caller's own data. */
export function partnerRoutes(api: Api, knex: Knex, terms: payouts.PayoutTerms): Router {
  const router = Router();
  const tag = 'Partners';

  api.route(router, {
    method: 'get',
    path: '/v1/partner/me/developer-impact',
    audience: 'partner',
    tag,
    summary: 'Apps built on the businesses you referred, the API usage they generate, and your earnings',
    response: schemas.DeveloperImpact,
    errors: { 403: 'Partner terminated' },
    handler: ({ principal }) => service.developerImpact(knex, principal.partnerId),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/partner/me/balances',
    audience: 'partner',
    tag,
    summary: 'Your commissions by state (pending, on hold, approved, in a payout, paid) and your next payout',
    response: Balances,
    handler: ({ principal }) => payouts.balances(knex, terms, { kind: 'partner', id: principal.partnerId }),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/partner/me/payouts',
    audience: 'partner',
    tag,
    summary: 'Your payouts, newest first',
    query: BeneficiaryPayoutsQuery,
    response: PayoutList,
    handler: ({ principal, query }) => payouts.listPayouts(knex, query, { kind: 'partner', id: principal.partnerId }),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/partner/me/technical-partner/apply',
    audience: 'partner',
    scope: 'technical_partner:apply',
    tag,
    status: 202,
    summary: 'Become a Technical Partner through a developer account linked to your directory',
    description:
      'With a linked developer account, the application is filed at once. Otherwise the answer is the same whether or not the email ' +
      'belongs to an account: a one-time link code that the developer holding that email confirms with its own API key ' +
      '(POST /v1/developer/me/partner-link/confirm). Nothing is linked or reserved until then.',
    body: schemas.PartnerApplyBody,
    response: schemas.PartnerApplication,
    errors: { 409: 'Your linked developer account already applied' },
    handler: ({ principal, body }) => service.applyAsTechnicalPartner(knex, principal.partnerId, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/partner/me/technical-partner/key',
    audience: 'partner',
    scope: 'technical_partner:key',
    tag,
    status: 201,
    summary: 'Issue the preferential-tier API key of your linked developer account (active Technical Partners); shown once, earlier ones are revoked',
    response: IssuedApiKeyResult,
    errors: { 404: 'You have not applied', 409: 'Your application is not active' },
    handler: ({ principal }) => service.issuePreferentialKey(knex, principal.partnerId),
  });

  return router;
}
