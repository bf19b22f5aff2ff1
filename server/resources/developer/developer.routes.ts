import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { ConfirmPartnerLinkBody } from '../partner/partner.schemas.ts';
import { confirmPartnerLink } from '../partner/partner.service.ts';
import { Balances, BeneficiaryPayoutsQuery, PayoutList } from '../payouts/payouts.schemas.ts';
import * as payouts from '../payouts/payouts.service.ts';
import { Application, ApplyBody, IssuedApiKeyResult } from '../technical-partners/technical-partners.schemas.ts';
import * as technicalPartners from '../technical-partners/technical-partners.service.ts';
import type { UsageMeter } from '../usage/usage-meter.ts';
import { AppOwners } from './app-owners.ts';
import * as schemas from './developer.schemas.ts';
import * as service from './developer.service.ts';
import { PoolPages } from './pool-pages.ts';

/** The developer audience: `Authorization: Bearer <API key>`; everything is the caller's own. */
export function developerRoutes(api: Api, knex: Knex, usage: UsageMeter, terms: payouts.PayoutTerms, poolCacheMs: number): Router {
  const router = Router();
  const tag = 'Developers';
  const pool = { knex, usage, owners: new AppOwners(knex), pages: new PoolPages(knex, poolCacheMs) };

  api.route(router, {
    method: 'get',
    path: '/v1/data/businesses',
    audience: 'developer',
    tag,
    summary: 'The API data pool: partner-referred, verified businesses (metered)',
    description: 'Filter, choose fields and page with next_cursor. Each call is metered and billed at your key’s tier price.',
    query: schemas.DataPoolQuery,
    response: schemas.DataPoolPage,
    errors: { 404: 'app_id is not one of your apps' },
    handler: ({ principal, query }) => service.dataPool(pool, principal, query),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me',
    audience: 'developer',
    tag,
    summary: 'Your developer account',
    response: schemas.DeveloperProfile,
    handler: ({ principal }) => service.profile(knex, principal),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me/data-sources',
    audience: 'developer',
    tag,
    summary: 'Which partner networks power your data, and how much each contributes',
    response: schemas.DataSources,
    handler: ({ principal }) => service.dataSources(knex, principal.developerId),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me/apps',
    audience: 'developer',
    tag,
    summary: 'Your apps with their usage, partner data and attributed earnings',
    response: schemas.DeveloperApps,
    handler: ({ principal }) => service.apps(knex, principal.developerId),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/developer/me/apps',
    audience: 'developer',
    scope: 'apps:write',
    tag,
    status: 201,
    summary: 'Register an app',
    body: schemas.CreateAppBody,
    response: schemas.CreatedDeveloperApp,
    errors: { 409: 'You already have an app of that name' },
    handler: ({ principal, body }) => service.createApp(knex, principal.developerId, body),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me/technical-partner',
    audience: 'developer',
    tag,
    summary: 'Your Technical Partner status, revenue share, referrals and earnings',
    response: Application,
    handler: ({ principal }) => service.technicalPartner(knex, principal.developerId),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me/balances',
    audience: 'developer',
    tag,
    summary: 'Your Technical Partner earnings by state (pending, on hold, approved, in a payout, paid) and your next payout',
    response: Balances,
    handler: ({ principal }) => payouts.balances(knex, terms, { kind: 'developer', id: principal.developerId }),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/developer/me/payouts',
    audience: 'developer',
    tag,
    summary: 'Your payouts, newest first',
    query: BeneficiaryPayoutsQuery,
    response: PayoutList,
    handler: ({ principal, query }) => payouts.listPayouts(knex, query, { kind: 'developer', id: principal.developerId }),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/developer/me/technical-partner/apply',
    audience: 'developer',
    scope: 'technical_partner:apply',
    tag,
    status: 201,
    summary: 'Apply to become a Technical Partner',
    body: ApplyBody,
    response: Application,
    errors: { 409: 'You have already applied' },
    handler: ({ principal, body }) => service.applyAsTechnicalPartner(knex, principal.developerId, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/developer/me/partner-link/confirm',
    audience: 'developer',
    scope: 'partner_link:confirm',
    tag,
    status: 201,
    summary: 'Confirm a directory partner’s request to link your account, with the one-time code it was given',
    description: 'Links your account to that partner and files its Technical Partner application in your name.',
    body: ConfirmPartnerLinkBody,
    response: Application,
    errors: { 404: 'No open link request with that code for your email', 409: 'Already linked elsewhere, or already applied' },
    handler: ({ principal, body }) => confirmPartnerLink(knex, principal.developerId, body.code),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/developer/me/technical-partner/key',
    audience: 'developer',
    scope: 'technical_partner:key',
    tag,
    status: 201,
    summary: 'Issue your preferential-tier API key (active Technical Partners); shown once, earlier ones are revoked',
    response: IssuedApiKeyResult,
    errors: { 404: 'You have not applied', 409: 'Your application is not active' },
    handler: ({ principal }) => technicalPartners.rotatePreferentialKey(knex, principal.developerId),
  });

  return router;
}
