import { Router } from 'express';
import type { Knex } from 'knex';
import type { Clock } from '../../clock.ts';
import type { Api } from '../../http/api.ts';
import { closeMonth, listClosedMonths } from '../closed-months/closed-months.ts';
import { IssuedApiKeyResult, TransitionResult } from '../technical-partners/technical-partners.schemas.ts';
import { type Action, transition } from '../technical-partners/technical-partners.service.ts';
import * as accounts from './accounts.service.ts';
import * as schemas from './admin.schemas.ts';
import * as reports from './reports.service.ts';

/** The admin audience: `Authorization: Bearer <admin token>` (from the ADMIN_TOKEN setting). */
export function adminRoutes(api: Api, knex: Knex, clock: Clock): Router {
  const router = Router();
  const tag = 'Admin';

  api.route(router, {
    method: 'get',
    path: '/v1/admin/revenue',
    audience: 'admin',
    tag,
    summary: 'Combined Partner Program and Developer Platform revenue, payouts and net, by month',
    query: schemas.MonthsQuery,
    response: schemas.Revenue,
    handler: ({ query }) => reports.revenue(knex, query.months),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/cross-pollination',
    audience: 'admin',
    tag,
    summary: 'Developers who became partners, partners who became developers, conversion rates',
    query: schemas.MonthsQuery,
    response: schemas.CrossPollination,
    handler: ({ query }) => reports.crossPollination(knex, query.months),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/health',
    audience: 'admin',
    tag,
    summary: 'Ecosystem health indicators, each with its definition, thresholds and status',
    response: schemas.Health,
    handler: () => reports.health(knex),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/technical-partners',
    audience: 'admin',
    tag,
    summary: 'Technical Partner applications, pending first then newest first, each with the evidence to decide on',
    query: schemas.TechnicalPartnerListQuery,
    response: schemas.TechnicalPartnerList,
    handler: ({ query }) => accounts.listTechnicalPartners(knex, query),
  });

  const transitions: { action: Action; summary: string }[] = [
    { action: 'approve', summary: 'Approve a pending application: active, with a preferential-tier API key shown once' },
    { action: 'suspend', summary: 'Suspend an active Technical Partner: no app earnings, preferential keys revoked' },
    { action: 'reactivate', summary: 'Reactivate a suspended Technical Partner, with a new preferential key shown once' },
  ];
  for (const { action, summary } of transitions) {
    api.route(router, {
      method: 'post',
      path: `/v1/admin/technical-partners/:id/${action}`,
      audience: 'admin',
      // the admin hub's approvals panel acts through the page's embed session
      scope: 'technical_partners:review',
      tag,
      summary,
      params: schemas.IdParams,
      response: TransitionResult,
      errors: { 404: 'No such technical partner', 409: 'Not allowed from the current status' },
      handler: ({ params }) => transition(knex, params.id, action),
    });
  }

  api.route(router, {
    method: 'post',
    path: '/v1/admin/partners',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Create a directory partner',
    body: schemas.CreatePartnerBody,
    response: schemas.Partner,
    errors: { 409: 'A directory with that name exists' },
    handler: ({ body }) => accounts.createPartner(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/partners/:id/tokens',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Issue a partner token (shown once)',
    params: schemas.IdParams,
    response: schemas.IssuedPartnerToken,
    errors: { 404: 'No such partner' },
    handler: ({ params }) => accounts.issuePartnerToken(knex, params.id),
  });

  api.route(router, {
    method: 'delete',
    path: '/v1/admin/partner-tokens/:id',
    audience: 'admin',
    tag,
    summary: 'Revoke a partner token (effective at once)',
    params: schemas.IdParams,
    response: schemas.Revoked,
    errors: { 404: 'No such active token' },
    handler: ({ params }) => accounts.revokeToken(knex, params.id),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/developers',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Create a developer account',
    body: schemas.CreateDeveloperBody,
    response: schemas.Developer,
    errors: { 404: 'No such partner to link', 409: 'Email taken, or the partner is already linked' },
    handler: ({ body }) => accounts.createDeveloper(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/developers/:id/api-keys',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Issue an API key at the developer’s plan (shown once)',
    params: schemas.IdParams,
    response: IssuedApiKeyResult,
    errors: { 404: 'No such developer' },
    handler: ({ params }) => accounts.issueDeveloperKey(knex, params.id),
  });

  api.route(router, {
    method: 'delete',
    path: '/v1/admin/api-keys/:id',
    audience: 'admin',
    tag,
    summary: 'Revoke an API key (effective at once)',
    params: schemas.IdParams,
    response: schemas.Revoked,
    errors: { 404: 'No such active key' },
    handler: ({ params }) => accounts.revokeKey(knex, params.id),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/closed-months',
    audience: 'admin',
    tag,
    summary: 'Months closed for bookkeeping, newest first',
    response: schemas.ClosedMonths,
    handler: () => listClosedMonths(knex),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/closed-months',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Close a month that has ended: payments and refunds dated in it are refused from now on (final)',
    body: schemas.CloseMonthBody,
    response: schemas.ClosedMonth,
    errors: { 409: 'The month is already closed' },
    handler: ({ body }) => closeMonth(knex, body.month, clock.now()),
  });

  return router;
}
