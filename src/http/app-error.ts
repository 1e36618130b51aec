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
  tooManyRequests: (retryAfterSeconds: number, who = 'for this key') =>
    new AppError(
      'too_many_requests',
      429,
      `too many requests ${who}; retry after ${retryAfterSeconds} s`,
      {},
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  /**
   * Deterministic: the same request fails the same way however often it is sent, so no Retry-After. `maxRecords`,
   * when known, is a request size that fits (measured on the failed attempt).
   */
  tooLargeForDatabase: (records?: number, maxRecords?: number) =>
    new AppError(
      'too_large_for_database',
      413,
      records !== undefined && maxRecords !== undefined
        ? `this request of ${records} records needs more transaction memory than the database allows, so ` +
            `nothing was written; do not retry it as is: send it as requests of at most ${maxRecords} records`
        : 'this request needs more transaction memory than the database allows; do not retry it as is: ask for less',
      { ...(records !== undefined ? { records } : {}), ...(maxRecords !== undefined ? { maxRecords } : {}) },
    ),
  auditUnavailable: () =>
    new AppError(
      'audit_unavailable',
      503,
      'the audit trail cannot be written at the moment, so no request is served; try again shortly',
      {},
      { 'Retry-After': '5' },
    ),
};

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Cluster.NotALeader',
]);

/** Node socket errors the driver may let through (or carry as a cause) when the server is gone. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The database cannot be reached: an unavailable code anywhere in the cause chain, or the driver's pool gave up. */
function isUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const x = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && (UNAVAILABLE_CODES.has(x.code) || SOCKET_CODES.has(x.code)))
      return true;
    if (
      e instanceof Neo4jError &&
      typeof x.message === 'string' &&
      /^(Connection acquisition timed out|Pool is closed)/.test(x.message)
    )
      return true;
    e = x.cause;
  }
  return false;
}

/**
 * Neo4j ran out of memory for a transaction: its own limit (db.memory.transaction.max, a client error), the pool
 * of all transactions (dbms.memory.transaction.total.max) or the heap (both "transient", which the driver would
 * retry). A request that does not fit fails the same way every time: never answered with "retry".
 */
const OUT_OF_MEMORY_CODES = new Set([
  'Neo.ClientError.General.TransactionOutOfMemoryError',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.OutOfMemoryError',
]);

export function isOutOfTransactionMemory(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    if (e instanceof Neo4jError && OUT_OF_MEMORY_CODES.has(e.code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps anything thrown to an AppError; unknown errors become undefined (answered as a plain 500). */
export function translateError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isUnavailable(err)) return Errors.unavailable();
  if (isOutOfTransactionMemory(err)) return Errors.tooLargeForDatabase();
  if (err instanceof Neo4jError) {
    if (err.retriable) return Errors.unavailable();
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
