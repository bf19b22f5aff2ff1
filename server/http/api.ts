import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { SCOPES, type Scope, type SessionAudience } from '../resources/embed-sessions/scopes.ts';
import type { Audience, Authenticator, Grant, PrincipalFor } from './authenticate.ts';
import { microCache } from './micro-cache.ts';
import { ErrorResponse } from './schemas.ts';
import { parseInput } from './validate.ts';

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteContext<A extends Audience, P, Q, B, H> {
  params: P;
  query: Q;
  body: B;
  headers: H;
  principal: PrincipalFor<A>;
  req: Request;
  res: Response;
}

export interface RouteSpec<A extends Audience, P extends AnyObject, Q extends AnyObject, B extends z.ZodType, H extends AnyObject, R extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. /v1/public/apps/:appId/badge */
  path: string;
  audience: A;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  headers?: H;
  /**
   * The success response; `stream` routes write their own (text/event-stream unless `type` says
   * otherwise). A response object with a `currency` key gets the platform currency there.
   */
  response: R | { stream: string; type?: string };
  /** The route also answers text/csv (the handler writes it); documented beside the JSON. */
  csv?: string;
  status?: number;
  /**
   * The embed-session scope a write route needs (server/resources/embed-sessions/scopes.ts). GET
   * routes need `read`; a write route without a scope is closed to embed sessions (server only).
   */
  scope?: Scope;
  /** Further documented outcomes besides the ones every route of the audience has. */
  errors?: Record<number, string>;
  /**
   * Answer from the process's micro-cache (see micro-cache.ts): for public aggregates that every
   * visitor reads alike. Refused for other audiences (answers depend on the credentials) and for
   * streams (a response that never ends would hold every later request).
   */
  cache?: boolean;
  handler(
    context: RouteContext<A, z.output<P>, z.output<Q>, z.output<B>, z.output<H>>,
  ): Promise<WithoutCurrency<z.input<R>> | SerializedAnswer<WithoutCurrency<z.input<R>>> | undefined>;
}

/**
 * A handler's answer already serialised (its JSON, without the `currency` the Api adds), for an
 * answer served many times over: the data pool's pages, which every call of an app asks for
 * again and again. The Api then sends the same bytes, and their ETag, computed once, instead of
 * serialising and hashing the same answer on every call. `T` is the answer it holds, for the
 * handler's type; outside production the bytes are parsed and checked like any answer.
 */
export class SerializedAnswer<T> {
  #sent: { currency: string | undefined; body: Buffer; etag: string | undefined } | undefined;
  declare readonly _answer?: T;

  constructor(readonly json: string) {}

  /** The bytes to send, with the currency stated when given, and their ETag (per the app's `etag fn`); computed once. */
  sent(currency: string | undefined, etagOf: ((body: Buffer, encoding?: string) => string | undefined) | undefined) {
    if (!this.#sent || this.#sent.currency !== currency) {
      // as JSON.stringify({ ...answer, currency }) writes it: the answer is an object without a currency of its own
      const text = currency === undefined ? this.json : `${this.json.slice(0, -1)}${this.json === '{}' ? '' : ','}"currency":${JSON.stringify(currency)}}`;
      const body = Buffer.from(text);
      this.#sent = { currency, body, etag: etagOf?.(body) };
    }
    return this.#sent;
  }
}

/** A response body as a handler returns it: the `currency` beside its money is filled in by the Api. */
type WithoutCurrency<T> = T extends { currency: string } ? Omit<T, 'currency'> : T;

/** What a service answers for a response schema (the Api adds the platform currency). */
export type Answer<S extends z.ZodType> = WithoutCurrency<z.input<S>>;

export interface ApiOptions {
  /** How long a route with `cache: true` is answered from memory (0 turns the cache off). */
  cacheMs?: number;
  /** The platform currency (CURRENCY), stated as `currency` beside the money of every response. */
  currency?: string;
}

const SECURITY: Record<Exclude<Audience, 'public'>, string> = {
  developer: 'apiKey',
  partner: 'partnerToken',
  admin: 'adminToken',
  platform: 'adminToken',
};

/**
 * Declares routes once: the same zod schemas validate the request, type the handler, check the
 * response (outside production) and generate the OpenAPI document.
 */
export class Api {
  readonly registry = new OpenAPIRegistry();
  readonly routes: { method: string; path: string }[] = [];
  /** One cache shared by every route that opts in (its entries are keyed by URL). */
  private readonly cache: RequestHandler;
  readonly currency: string;

  constructor(
    private readonly authenticate: Authenticator,
    private readonly checkResponses: boolean,
    options: ApiOptions = {},
  ) {
    this.cache = microCache(options.cacheMs ?? 0);
    this.currency = options.currency ?? 'USD';
    this.registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'A developer API key (ewk_…)' });
    this.registry.registerComponent('securitySchemes', 'partnerToken', { type: 'http', scheme: 'bearer', description: 'A directory partner token (ewp_…)' });
    this.registry.registerComponent('securitySchemes', 'adminToken', {
      type: 'http',
      scheme: 'bearer',
      description: 'The admin token (or, on /v1/events, the service token)',
    });
    const scopeList = Object.entries(SCOPES)
      .map(([audience, scopes]) => `${audience}: ${Object.keys(scopes).join(', ')}`)
      .join('; ');
    this.registry.registerComponent('securitySchemes', 'embedSession', {
      type: 'http',
      scheme: 'bearer',
      description:
        `An embed session's client secret (ews_…), minted by POST /v1/{partner,developer,admin}/embed-sessions, for browsers: ` +
        `accepted only with the session's Origin and for its scopes (listed on each route; ${scopeList}). ` +
        'Long-lived credentials are refused on any request with an Origin header.',
    });
  }

  route<A extends Audience, P extends AnyObject, Q extends AnyObject, B extends z.ZodType, H extends AnyObject, R extends z.ZodType>(
    router: Router,
    spec: RouteSpec<A, P, Q, B, H, R>,
  ): void {
    if (spec.cache && (spec.audience !== 'public' || 'stream' in spec.response)) {
      throw new Error(`${spec.method.toUpperCase()} ${spec.path}: only public, non-stream routes may be cached`);
    }
    if (spec.scope && !(spec.audience in SCOPES && spec.scope in SCOPES[spec.audience as SessionAudience])) {
      throw new Error(`${spec.method.toUpperCase()} ${spec.path}: ${spec.scope} is not a scope of the ${spec.audience} audience`);
    }
    this.document_(spec);
    this.routes.push({ method: spec.method.toUpperCase(), path: spec.path });
    const status = spec.status ?? 200;
    const responseSchema = 'stream' in spec.response ? undefined : (spec.response as R);
    const statesCurrency = responseSchema instanceof z.ZodObject && 'currency' in responseSchema.shape;
    const before = spec.cache ? [this.cache] : [];
    router[spec.method](spec.path, ...before, async (req: Request, res: Response) => {
      const principal = await this.authenticate(spec.audience, req);
      if (principal) requireScope(principal, requiredScope(spec), spec);
      const context = {
        params: spec.params ? parseInput(spec.params, req.params, 'params') : {},
        query: spec.query ? parseInput(spec.query, req.query, 'query') : {},
        body: spec.body ? parseInput(spec.body, req.body, 'body') : undefined,
        headers: spec.headers ? parseInput(spec.headers, req.headers, 'headers') : {},
        principal,
        req,
        res,
      } as RouteContext<A, z.output<P>, z.output<Q>, z.output<B>, z.output<H>>;
      res.status(status); // the handler may override it (e.g. 200 for an idempotent replay)
      const answer = await spec.handler(context);
      if (!responseSchema || res.headersSent) return;
      const check = (body: unknown) => {
        const checked = responseSchema.safeParse(body);
        if (!checked.success) throw new Error(`Response of ${spec.method.toUpperCase()} ${spec.path} does not match its schema: ${checked.error.message}`);
      };
      if (answer instanceof SerializedAnswer) {
        const sent = answer.sent(statesCurrency ? this.currency : undefined, req.app.get('etag fn'));
        if (this.checkResponses) check(JSON.parse(sent.body.toString()));
        // what res.json would write: the same type, body and ETag (send answers 304 and HEAD as ever)
        if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
        if (sent.etag && !res.hasHeader('ETag')) res.setHeader('ETag', sent.etag);
        res.send(sent.body);
        return;
      }
      const body = statesCurrency ? { ...(answer as object), currency: this.currency } : answer;
      if (this.checkResponses) check(body);
      res.json(body);
    });
  }

  document(info: { title: string; version: string; description: string }) {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
    });
  }

  private security(spec: { audience: Audience; method: string; scope?: Scope }) {
    if (spec.audience === 'public') return [];
    const server = { [SECURITY[spec.audience]]: [] };
    const scope = requiredScope(spec);
    return scope ? [server, { embedSession: [scope] }] : [server];
  }

  private document_<A extends Audience>(spec: RouteSpec<A, AnyObject, AnyObject, z.ZodType, AnyObject, z.ZodType>) {
    const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorResponse } } });
    const responses: Record<string, unknown> = {
      [spec.status ?? 200]:
        'stream' in spec.response
          ? { description: spec.response.stream, content: { [spec.response.type ?? 'text/event-stream']: { schema: { type: 'string' } } } }
          : {
              description: spec.csv ? `Success: JSON, or ${spec.csv}` : 'Success',
              content: {
                'application/json': { schema: spec.response },
                ...(spec.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
              },
            },
    };
    if (spec.params || spec.query || spec.body || spec.headers) responses[400] = error('A parameter or the body is invalid; the message names the field');
    const scope = requiredScope(spec);
    if (spec.audience !== 'public') {
      responses[401] = error(
        scope ? 'Missing, invalid or revoked credentials, or an expired embed session (code session_expired)' : 'Missing, invalid or revoked credentials',
      );
      responses[403] = error(
        scope
          ? `A long-lived credential sent with an Origin header; an embed session from another origin or without the ${scope} scope`
          : spec.audience === 'platform'
            ? 'A credential sent with an Origin header (platform events are server to server)'
            : 'A long-lived credential sent with an Origin header, or an embed session (this route is for servers)',
      );
    }
    responses[429] = error(
      spec.audience === 'public'
        ? 'Too many requests from this address; see Retry-After'
        : 'Too many requests, or failed authentications, from this address; see Retry-After',
    );
    for (const [code, description] of Object.entries(spec.errors ?? {})) {
      // a route's own 403 comes first, then the audience's
      responses[code] =
        code === '403' && responses[403] ? error(`${description}; ${(responses[403] as { description: string }).description}`) : error(description);
    }
    this.registry.registerPath({
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      security: this.security(spec),
      request: {
        params: spec.params as never,
        query: spec.query as never,
        headers: spec.headers as never,
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: responses as never,
    });
  }
}

/** The scope an embed session needs for a route, or undefined when the route is closed to them. */
function requiredScope(spec: { audience: Audience; method: string; scope?: Scope }): Scope | undefined {
  if (!(spec.audience in SCOPES)) return undefined; // public and platform routes take no embed session
  return spec.scope ?? (spec.method === 'get' ? 'read' : undefined);
}

function requireScope(principal: Grant, scope: Scope | undefined, spec: { method: string; path: string }): void {
  if (principal.scopes === 'all') return;
  const route = `${spec.method.toUpperCase()} ${spec.path}`;
  if (!scope) {
    throw new AppError('forbidden', `${route} is not open to embed sessions: call it from your server with your long-lived credential`);
  }
  if (!principal.scopes.includes(scope)) {
    throw new AppError('forbidden', `This embed session lacks the scope ${scope}, which ${route} needs; mint one with "scopes": ["${scope}"]`);
  }
}
