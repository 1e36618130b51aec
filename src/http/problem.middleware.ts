// Answers every error as RFC 9457 problem+json; unknown errors are logged and get a plain 500 with no stack.
// NOTE: the one place a domain error code becomes an HTTP status (and its headers): the domain speaks codes only.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Errors, toDomainError, type DomainError, type ErrorCode } from '../shared/errors.js';

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  bad_request: 400,
  invalid_records: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  conflict: 409,
  service_unavailable: 503,
  too_many_requests: 429,
  too_large_for_database: 413,
  audit_unavailable: 503,
  query_timeout: 503,
  not_configured: 503,
  console_not_built: 503,
  invalid_config: 500,
  missing_tool: 500,
  start_failed: 500,
  run_failed: 500,
  invalid_bundle: 400,
  internal: 500,
};

export interface Problem {
  error: DomainError;
  status: number;
  headers: Record<string, string>;
}

/** Errors Express's body parsers throw (they carry a `type`), as domain errors. */
function fromBodyParser(err: unknown): DomainError | undefined {
  const e = err as { type?: string; status?: number; limit?: number; message?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  if (e.type === 'entity.too.large') return Errors.payloadTooLarge(e.limit ?? 0);
  if (e.type === 'entity.parse.failed') return Errors.badRequest('the request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return Errors.badRequest('unsupported body encoding');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return Errors.badRequest(String(e.message));
  return undefined;
}

/** Anything thrown as a status and headers; undefined for errors nobody foresaw (answered as a plain 500). */
export function problemFor(err: unknown): Problem | undefined {
  const error = toDomainError(err) ?? fromBodyParser(err);
  if (!error) return undefined;
  const headers: Record<string, string> = {};
  if (error.code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer';
  const allow = error.details.allow;
  if (error.code === 'method_not_allowed' && Array.isArray(allow)) headers.Allow = allow.join(', ');
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  return { error, status: STATUS[error.code], headers };
}

/**
 * 404 for a path no route has; 405 with Allow for a path a route has under other methods (TRACE, PUT on a GET
 * route), as RFC 9110 asks.
 */
export function notFoundHandler(
  methodsOf: (path: string) => string[] | undefined = () => undefined,
): RequestHandler {
  return (req, _res, next) => {
    const allow = methodsOf(req.path);
    next(
      allow && !allow.includes(req.method)
        ? Errors.methodNotAllowed(req.method, req.path, allow)
        : Errors.routeNotFound(req.method, req.path),
    );
  };
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(res.locals.requestId ?? '');
    // NOTE: the request's child logger carries the request id; the route pattern is on its `request` line (the
    // raw path is never logged: it carries actor ids).
    const log = (res.locals.log as Logger | undefined) ?? logger.child({ requestId });
    const problem = problemFor(err);
    if (!problem) {
      log.error({ err, route: res.locals.routePattern }, 'unhandled error');
    } else if (problem.status >= 500) {
      log.warn(
        { code: problem.error.code, route: res.locals.routePattern, cause: (err as Error)?.message },
        'request failed',
      );
    }
    const status = problem?.status ?? 500;
    const body = {
      type: `urn:ringmap:problem:${problem?.error.code ?? 'internal'}`,
      title: problem?.error.code ?? 'internal',
      status,
      detail: problem?.error.message ?? 'an internal error occurred',
      instance: req.originalUrl.split('?')[0],
      requestId,
      ...(problem?.error.details ?? {}),
    };
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(problem?.headers ?? {})) res.setHeader(k, v);
    res.status(status).type('application/problem+json').send(JSON.stringify(body));
  };
}
