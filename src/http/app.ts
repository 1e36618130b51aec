// Builds the Express app from its dependencies (no module singletons): health, auth, feature routers, errors.
import { randomUUID } from 'node:crypto';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { authenticate, KeyRing } from './auth.middleware.js';
import { healthRoutes } from './health.routes.js';
import { personalDataMasking } from './masking.js';
import type { Metrics } from './metrics.js';
import { notFoundHandler, problemHandler } from './problem.middleware.js';
import { authFailureLimit, perKeyRateLimit } from './rate-limit.js';
import { methodsOfPath, routePatternOf, routeTable } from './route-pattern.js';
import { securityHeaders } from './security-headers.js';

export interface AppParts {
  /** For /readyz: the database it asks. */
  db: Db;
  logger: Logger;
  keys: KeyRing;
  /** Feature routers mounted under /v1 after authentication. */
  v1: Router[];
  /** Public routes mounted before authentication (e.g. /openapi.json). */
  publicRoutes?: Router[];
  /** The audit trail's middleware; without it nothing is audited (unit tests of the app only). */
  audit?: AuditHooks;
  metrics?: Metrics;
  /** Requests a minute per key, and failed authentications a minute per client address. */
  rateLimit?: { perMin: number; authFailuresPerMin: number };
}

/** What the app needs of an audit trail: it records every request, and refuses them while it cannot write. */
export interface AuditHooks {
  /** Records the request when its answer is sent. */
  trail(routeOf: (req: express.Request, res: express.Response) => string): express.RequestHandler;
  /** Refuses /v1 requests while the trail cannot be written. */
  gate: express.RequestHandler;
  /** For /readyz. */
  health(): { ok: true } | { ok: false; reason: string };
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  // NOTE: every /v1 answer is `Cache-Control: no-store`, so an ETag (a hash of each body) would only cost time.
  app.set('etag', false);
  app.set('query parser', 'simple');
  const audit = parts.audit;
  const health = healthRoutes({
    db: parts.db,
    checks: audit ? [() => audit.health()] : [],
  });
  const routes = routeTable([
    { prefix: '/v1', routers: parts.v1 },
    { prefix: '', routers: [...(parts.publicRoutes ?? []), health] },
  ]);
  const routeOf = (req: express.Request, res: express.Response) => routePatternOf(req, res, routes);
  app.use(securityHeaders());
  app.use(requestContext(parts.logger, routeOf, parts.metrics));
  if (audit) app.use(audit.trail(routeOf));
  app.use(health);
  // NOTE: one failed-authentication limiter for every route that takes a key: /metrics guesses count with /v1's,
  // and an address locked out on one is locked out on the other.
  const authLimit = parts.rateLimit && authFailureLimit(parts.rateLimit.authFailuresPerMin);
  if (authLimit) app.use('/metrics', authLimit);
  for (const r of parts.publicRoutes ?? []) app.use(r);
  const v1 = Router();
  if (audit) v1.use(audit.gate);
  if (authLimit) v1.use(authLimit);
  v1.use(authenticate(parts.keys));
  if (parts.rateLimit) v1.use(perKeyRateLimit(parts.rateLimit.perMin));
  v1.use(personalDataMasking());
  for (const r of parts.v1) v1.use(r);
  app.use('/v1', v1);
  app.use(notFoundHandler((path) => methodsOfPath(routes, path)));
  app.use(problemHandler(parts.logger));
  return app;
}

/**
 * A request id (the caller's X-Request-Id if sane, else a new one) on the answer and on every log line of the
 * request (the error handler logs with it); one `request` line per request with the route pattern, never the raw
 * path, which carries actor ids.
 */
function requestContext(
  logger: Logger,
  routeOf: (req: express.Request, res: express.Response) => string,
  metrics?: Metrics,
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const principal = res.locals.principal as { name?: string } | undefined;
      const route = routeOf(req, res);
      metrics?.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      if (!logger.isLevelEnabled('info')) return;
      logger.info(
        {
          requestId,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          key: principal?.name,
        },
        'request',
      );
    });
    next();
  };
}
