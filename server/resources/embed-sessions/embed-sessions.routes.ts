import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { ownOrigin } from '../../http/own-origin.ts';
import { IdParams } from '../admin/admin.schemas.ts';
import * as schemas from './embed-sessions.schemas.ts';
import * as service from './embed-sessions.service.ts';

const MINT_DESCRIPTION =
  'Server to server, with your long-lived credential (refused on a request with an Origin header). The client secret (ews_…) is ' +
  'for the page at `origin` only: the API accepts it with that Origin, for its scopes, until it expires. Without `scopes` the ' +
  'session may only read; write scopes must be named.';

/** Embed sessions (short-lived, one-origin client secrets for browsers) and the allowlists of origins they may be minted for. */
export function embedSessionRoutes(api: Api, knex: Knex, publicBaseUrl: string | undefined): Router {
  const router = Router();
  const tag = 'Embed sessions';

  api.route(router, {
    method: 'post',
    path: '/v1/partner/embed-sessions',
    audience: 'partner',
    tag,
    status: 201,
    summary: 'Mint an embed session for one of your allowed origins',
    description: MINT_DESCRIPTION,
    body: schemas.MintBody('partner'),
    response: schemas.EmbedSession,
    errors: { 403: 'The origin is not on your allowlist' },
    handler: ({ principal, body, req }) =>
      service.mint(knex, { kind: 'partner', id: principal.partnerId, credentialId: principal.tokenId }, body, { ownOrigin: ownOrigin(req, publicBaseUrl) }),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/developer/embed-sessions',
    audience: 'developer',
    tag,
    status: 201,
    summary: 'Mint an embed session for one of your allowed origins',
    description: MINT_DESCRIPTION,
    body: schemas.MintBody('developer'),
    response: schemas.EmbedSession,
    errors: { 403: 'The origin is not on your allowlist' },
    handler: ({ principal, body, req }) =>
      service.mint(knex, { kind: 'developer', id: principal.developerId, credentialId: principal.keyId }, body, {
        ownOrigin: ownOrigin(req, publicBaseUrl),
      }),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/embed-sessions',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Mint an embed session for the admin widgets on the API’s own pages',
    description: `${MINT_DESCRIPTION} The admin's only allowed origin is the API's own: PUBLIC_BASE_URL, else the origin this request reached.`,
    body: schemas.MintBody('admin'),
    response: schemas.EmbedSession,
    errors: { 403: 'The origin is not the API’s own' },
    handler: ({ body, req }) => service.mint(knex, { kind: 'admin' }, body, { ownOrigin: ownOrigin(req, publicBaseUrl) }),
  });

  for (const kind of ['partner', 'developer'] as const) {
    api.route(router, {
      method: 'get',
      path: `/v1/${kind}/me/allowed-origins`,
      audience: kind,
      tag,
      summary: 'The origins your embed sessions may be minted for',
      response: schemas.AllowedOrigins,
      handler: ({ principal }) =>
        service.allowedOrigins(knex, kind, principal.kind === 'partner' ? principal.partnerId : (principal as { developerId: string }).developerId),
    });
    api.route(router, {
      method: 'put',
      path: `/v1/${kind}/me/allowed-origins`,
      audience: kind,
      tag,
      summary: 'Replace the origins your embed sessions may be minted for',
      description: `Exact origins (scheme://host[:port]), at most ${schemas.MAX_ALLOWED_ORIGINS}. Sessions already minted keep their origin until they expire.`,
      body: schemas.AllowedOriginsBody,
      response: schemas.AllowedOrigins,
      handler: ({ principal, body }) =>
        service.replaceAllowedOrigins(
          knex,
          kind,
          principal.kind === 'partner' ? principal.partnerId : (principal as { developerId: string }).developerId,
          body.allowed_origins,
        ),
    });
    const plural = kind === 'partner' ? 'partners' : 'developers';
    api.route(router, {
      method: 'get',
      path: `/v1/admin/${plural}/:id/allowed-origins`,
      audience: 'admin',
      tag,
      summary: `A ${kind}'s allowed origins for embed sessions`,
      params: IdParams,
      response: schemas.AllowedOrigins,
      errors: { 404: `No such ${kind}` },
      handler: ({ params }) => service.allowedOrigins(knex, kind, params.id),
    });
    api.route(router, {
      method: 'put',
      path: `/v1/admin/${plural}/:id/allowed-origins`,
      audience: 'admin',
      tag,
      summary: `Replace a ${kind}'s allowed origins for embed sessions`,
      params: IdParams,
      body: schemas.AllowedOriginsBody,
      response: schemas.AllowedOrigins,
      errors: { 404: `No such ${kind}` },
      handler: ({ params, body }) => service.replaceAllowedOrigins(knex, kind, params.id, body.allowed_origins),
    });
  }

  return router;
}
