// Answers every error as RFC 9457 problem+json; unknown errors are logged and get a plain 500 with no stack.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Errors, translateError } from './app-error.js';

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(Errors.routeNotFound(req.method, req.path));
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(res.locals.requestId ?? '');
    // NOTE: the request's child logger carries the request id; the route pattern is on its `request` line (the
    // raw path is never logged: it carries actor ids).
    const log = (res.locals.log as Logger | undefined) ?? logger.child({ requestId });
    const appErr = translateError(err);
    if (!appErr) {
      log.error({ err, route: res.locals.routePattern }, 'unhandled error');
    } else if (appErr.status >= 500) {
      log.warn(
        { code: appErr.code, route: res.locals.routePattern, cause: (err as Error)?.message },
        'request failed',
      );
    }
    const status = appErr?.status ?? 500;
    const body = {
      type: `urn:ringmap:problem:${appErr?.code ?? 'internal'}`,
      title: appErr?.code ?? 'internal',
      status,
      detail: appErr?.message ?? 'an internal error occurred',
      instance: req.originalUrl.split('?')[0],
      requestId,
      ...(appErr?.extra ?? {}),
    };
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(appErr?.headers ?? {})) res.setHeader(k, v);
    res.status(status).type('application/problem+json').send(JSON.stringify(body));
  };
}
