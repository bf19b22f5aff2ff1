import express from 'express';
import helmet from 'helmet';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { Api } from './http/api.ts';
import { FailedAuthentications, limitFailedAuthentications } from './http/auth-failure-limit.ts';
import { createAuthenticator, createCredentialVerifier } from './http/authenticate.ts';
import { EMBED_CORS_PATHS, embedCors } from './http/embed-cors.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { apiLimits, countsStore, PerIpLimit, perIpLimit } from './http/public-access.ts';
import { requestLog } from './http/request-log.ts';
import { requireJsonBody } from './http/require-json.ts';
import { fixedHeaders, recordHeaders } from './http/security-headers.ts';
import type { Logger } from './logger.ts';
import { docsRoutes } from './pages/docs.routes.ts';
import { htmlNotFound } from './pages/not-found.routes.ts';
import { pageRoutes, widgetRoutes } from './pages/pages.routes.ts';
import { sessionRoutes } from './pages/session.routes.ts';
import { verifyRoutes } from './pages/verify.routes.ts';
import type { RedisClient } from './redis.ts';
import { adminRoutes } from './resources/admin/admin.routes.ts';
import { developerRoutes } from './resources/developer/developer.routes.ts';
import { embedSessionRoutes } from './resources/embed-sessions/embed-sessions.routes.ts';
import { eventRoutes } from './resources/events/events.routes.ts';
import { fraudRoutes } from './resources/fraud/fraud.routes.ts';
import { fraudTermsOf } from './resources/fraud/fraud.service.ts';
import { healthRoutes } from './resources/health/health.routes.ts';
import { partnerRoutes } from './resources/partner/partner.routes.ts';
import { payoutRoutes } from './resources/payouts/payouts.routes.ts';
import type { PayoutTerms } from './resources/payouts/payouts.service.ts';
import { badgeSvgRoutes } from './resources/public/badge-svg.routes.ts';
import { PoolFeed } from './resources/public/pool-feed.ts';
import { publicRoutes } from './resources/public/public.routes.ts';
import { rateRoutes } from './resources/rates/rates.routes.ts';
import { statementRoutes } from './resources/statements/statements.routes.ts';
import { UsageMeter } from './resources/usage/usage-meter.ts';

export interface AppDependencies {
  config: Config;
  db: Database;
  logger: Logger;
  /** When given (REDIS_URL), rate limits are counted there, across every process. */
  redis?: RedisClient | undefined;
  /** The time the money rules go by (undated payments and refunds, hold periods, payout runs); the system clock unless a test moves it. */
  clock?: Clock;
}

/** Builds the HTTP application. No side effects: listening and shutdown belong to main.ts. */
export function createApp({ config, db, logger, redis, clock = systemClock }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestLog(logger));
  // HSTS and upgrade-insecure-requests only where HTTPS is in use: over plain HTTP they would send
  // every page's scripts to an https:// address that does not answer.
  // helmet's headers do not depend on the request: recorded once, written per request (server/http/security-headers.ts).
  const httpsHeaders = recordHeaders(helmet());
  const plainHeaders = recordHeaders(helmet({ strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const httpsAlways = config.PUBLIC_BASE_URL?.startsWith('https:') ?? false;
  app.use(fixedHeaders((req) => httpsAlways || (req as express.Request).secure, httpsHeaders, plainHeaders));

  // one count of failed authentications per address, for the API and the host pages' sign-in alike
  const failures = new FailedAuthentications(countsStore(redis, `${config.REDIS_KEY_PREFIX}rl:auth-failures:`, logger), config.AUTH_FAILURES_PER_MINUTE);
  const authenticate = limitFailedAuthentications(createAuthenticator(db.knex, config), failures);
  const api = new Api(authenticate, config.NODE_ENV !== 'production', { cacheMs: config.PUBLIC_CACHE_MS, currency: config.CURRENCY });
  const feed = new PoolFeed(db, logger);
  app.locals.poolFeed = feed; // its `size` is the number of open streams
  // the data pool's calls, counted here and written every METER_FLUSH_MS; the owner closes it (flushes) on shutdown
  const usage = new UsageMeter(db.knex, logger, config.METER_FLUSH_MS);
  app.locals.usageMeter = usage;

  // Every /v1 request counts against the API limit; the public API's also against its own, after open CORS.
  const apiLimit = new PerIpLimit(config.API_RATE_LIMIT_PER_MINUTE, { logger, redis, prefix: `${config.REDIS_KEY_PREFIX}rl:api:` });
  const publicLimit = new PerIpLimit(config.PUBLIC_RATE_LIMIT_PER_MINUTE, { logger, redis, prefix: `${config.REDIS_KEY_PREFIX}rl:public:` });
  app.use('/v1', apiLimits(apiLimit, publicLimit));
  // The public API first: it takes no bodies, and every page view of every partner site lands here.
  // Aggregate routes opt in to the micro-cache (`cache: true`); the live stream never passes through it.
  app.use(
    publicRoutes(api, {
      knex: db.knex,
      feed,
      heartbeatMs: config.SSE_HEARTBEAT_MS,
      streamsPerClient: config.STREAMS_PER_CLIENT,
      replaysPerMinute: config.STREAM_REPLAYS_PER_MINUTE,
    }),
  );
  app.use(badgeSvgRoutes(api, db.knex));
  app.use(requireJsonBody, express.json({ limit: '64kb' }));
  app.use(healthRoutes(db));
  // Browsers call the authenticated APIs with embed sessions only (server/http/authenticate.ts).
  app.use(EMBED_CORS_PATHS, embedCors);
  app.use(embedSessionRoutes(api, db.knex, config.PUBLIC_BASE_URL));
  const terms: PayoutTerms = {
    holdDays: config.HOLD_PERIOD_DAYS,
    fraud: fraudTermsOf(config),
    minimum: config.PAYOUT_MINIMUM,
    payoutDay: config.PAYOUT_DAY_OF_MONTH,
    clock,
  };
  app.use(developerRoutes(api, db.knex, usage, terms, config.DATA_POOL_CACHE_MS));
  app.use(partnerRoutes(api, db.knex, terms));
  app.use(adminRoutes(api, db.knex, clock));
  app.use(rateRoutes(api, db.knex));
  app.use(payoutRoutes(api, db.knex, terms));
  app.use(statementRoutes(api, db.knex, terms));
  app.use(fraudRoutes(api, db.knex, clock));
  app.use(eventRoutes(api, db.knex, terms));

  const document = api.document({
    title: 'Ecosystem Widgets API',
    version: '1.0.0',
    description: 'Partner Program × Developer Platform: public embeds, developers, partners, admin and platform events.',
  });
  app.locals.openApiDocument = document; // what scripts/api-types.ts turns into the widgets' response types
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use(docsRoutes(document));

  app.use(widgetRoutes(config.WIDGETS_VERSION));
  app.use('/session', perIpLimit(config.API_RATE_LIMIT_PER_MINUTE, { logger, redis, prefix: `${config.REDIS_KEY_PREFIX}rl:session:` }));
  app.use(sessionRoutes(db.knex, createCredentialVerifier(db.knex, config), failures, config.PUBLIC_BASE_URL));
  app.use(pageRoutes(db.knex, config.PUBLIC_BASE_URL));
  app.use(verifyRoutes(db.knex, config.PUBLIC_BASE_URL));

  app.use(htmlNotFound); // a browser's unknown page; everything else gets the JSON 404 below
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
