import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import * as schemas from './partner.schemas.ts';
import * as service from './partner.service.ts';

/** The partner audience: `Authorization: Bearer <partner token>`; only the caller's own data. */
export function partnerRoutes(api: Api, knex: Knex): Router {
  const router = Router();
  const tag = 'Partners';

  api.route(router, {
    method: 'get',
    path: '/v1/partner/me/developer-impact',
    audience: 'partner',
    tag,
    summary: 'Apps built on the businesses you referred, the API usage they generate, and your earnings',
    response: schemas.DeveloperImpact,
    errors: { 403: 'Partner terminated, or the page’s origin is not allowed' },
    handler: ({ principal }) => service.developerImpact(knex, principal.partnerId),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/partner/me/technical-partner/apply',
    audience: 'partner',
    tag,
    status: 201,
    summary: 'Become a Technical Partner: get a developer account linked to your directory and apply',
    body: schemas.PartnerApplyBody,
    response: schemas.PartnerApplication,
    errors: { 409: 'Already applied, or the email belongs to a developer linked to another partner' },
    handler: ({ principal, body }) => service.applyAsTechnicalPartner(knex, principal.partnerId, body),
  });

  return router;
}
