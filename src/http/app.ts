// Builds the Express app from its dependencies (no module singletons): health, auth, feature routers, errors.
import { randomUUID } from 'node:crypto';
import express, { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Driver } from 'neo4j-driver';
import { authenticate, KeyRing } from './auth.middleware.js';
import { healthRoutes } from './health.routes.js';
import { notFoundHandler, problemHandler } from './problem.middleware.js';

export interface AppParts {
  driver: Driver;
  database?: string;
  logger: Logger;
  keys: KeyRing;
  /** Feature routers mounted under /v1 after authentication. */
  v1: Router[];
  /** Public routes mounted before authentication (e.g. /openapi.json). */
  publicRoutes?: Router[];
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(parts.logger));
  app.use(healthRoutes({ driver: parts.driver, database: parts.database }));
  for (const r of parts.publicRoutes ?? []) app.use(r);
  const v1 = Router();
  v1.use(authenticate(parts.keys));
  for (const r of parts.v1) v1.use(r);
  app.use('/v1', v1);
  app.use(notFoundHandler());
  app.use(problemHandler(parts.logger));
  return app;
}

function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const principal = res.locals.principal as { name?: string } | undefined;
      logger.info(
        {
          requestId,
          method: req.method,
          route: req.baseUrl + (req.route?.path ?? req.path),
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
