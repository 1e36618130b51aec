// The error catalogue: every error an API caller can see has a code, a status and a plain message.
import { Neo4jError } from 'neo4j-driver';

export interface FieldError {
  type: string;
  index: number;
  /** 1-based line of an NDJSON body. */
  line?: number;
  id?: string;
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const Errors = {
  unauthorized: () =>
    new AppError(
      'unauthorized',
      401,
      'a valid API key is required (Authorization: Bearer <key>)',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    ),
  forbidden: (role: string, needed: readonly string[]) =>
    new AppError('forbidden', 403, `role "${role}" may not do this; needs one of: ${needed.join(', ')}`),
  notFound: (what: string, id: string) => new AppError('not_found', 404, `${what} "${id}" does not exist`),
  routeNotFound: (method: string, path: string) =>
    new AppError('not_found', 404, `no route ${method} ${path}`),
  badRequest: (message: string, extra: Record<string, unknown> = {}) =>
    new AppError('bad_request', 400, message, extra),
  invalidRecords: (errors: FieldError[]) =>
    new AppError('invalid_records', 422, `${errors.length} invalid field(s); nothing was written`, {
      errors,
    }),
  payloadTooLarge: (limit: number) =>
    new AppError('payload_too_large', 413, `request body exceeds the limit of ${limit} bytes`),
  unsupportedMediaType: (type: string | undefined) =>
    new AppError(
      'unsupported_media_type',
      415,
      `content type "${type ?? ''}" is not accepted; use application/json or application/x-ndjson`,
    ),
  conflict: (message: string, extra: Record<string, unknown> = {}) =>
    new AppError('conflict', 409, message, extra),
  unavailable: (message = 'the database is unavailable; try again shortly') =>
    new AppError('service_unavailable', 503, message, {}, { 'Retry-After': '5' }),
};

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Cluster.NotALeader',
]);

/** Maps anything thrown to an AppError; unknown errors become undefined (answered as a plain 500). */
export function translateError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(err.code) || err.retriable) return Errors.unavailable();
    if (err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return Errors.conflict('the write conflicts with an existing record (a unique key is already taken)');
    }
    if (
      err.code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
      err.code.includes('TransactionTimedOut')
    ) {
      return new AppError(
        'query_timeout',
        503,
        'the database query took too long',
        {},
        { 'Retry-After': '5' },
      );
    }
    return undefined;
  }
  const e = err as { type?: string; status?: number; limit?: number };
  if (e && typeof e === 'object') {
    if (e.type === 'entity.too.large') return Errors.payloadTooLarge(e.limit ?? 0);
    if (e.type === 'entity.parse.failed') return Errors.badRequest('the request body is not valid JSON');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
      return Errors.badRequest('unsupported body encoding');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
      return Errors.badRequest(String((err as Error).message));
  }
  return undefined;
}
