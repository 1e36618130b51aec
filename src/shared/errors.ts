// The domain error catalogue: one base class with a `code`, decided once whether retrying can help; no HTTP here.
// NOTE: modelled on the neo4j driver's error.ts (one class, a code, `retriable` decided on the error). Only
// src/http/problem.ts turns a code into a status and headers; everything else speaks codes.
import { Neo4jError } from 'neo4j-driver';

/** A record field that failed validation: which record (index, line, id), which field, why. */
export interface FieldError {
  type: string;
  index: number;
  /** 1-based line of an NDJSON body. */
  line?: number;
  id?: string;
  field: string;
  message: string;
}

export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  /** The path exists, the method does not (the answer names the methods in Allow). */
  'method_not_allowed',
  'bad_request',
  'invalid_records',
  'payload_too_large',
  'unsupported_media_type',
  'conflict',
  'service_unavailable',
  'too_many_requests',
  'too_large_for_database',
  'audit_unavailable',
  'query_timeout',
  'not_configured',
  'console_not_built',
  /** A bad environment variable or key file: the process cannot start. */
  'invalid_config',
  /** A program ringmap needs (java, mvn) is not installed. */
  'missing_tool',
  /** The bundled database or a build step could not be started or did not answer. */
  'start_failed',
  /** A detection run ended in failure. */
  'run_failed',
  /** An evidence bundle does not hold together. */
  'invalid_bundle',
  /** A broken promise inside ringmap itself (a missing Cypher file, a build that produced nothing). */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes whose failure is temporary: the same request may succeed later (the caller is told when). */
const RETRIABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'service_unavailable',
  'too_many_requests',
  'audit_unavailable',
  'query_timeout',
]);

export interface DomainErrorOptions {
  /** Extra members of the answer (e.g. `errors`, `runId`). */
  // generic object: each error adds its own members to the answer
  details?: Record<string, unknown>;
  /** When retrying may help, after how many seconds. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    opts: DomainErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DomainError';
    this.details = opts.details ?? {};
    if (opts.retryAfterSeconds !== undefined) this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  /** Whether the same request may succeed later. */
  get retriable(): boolean {
    return RETRIABLE.has(this.code);
  }
}

export const isDomainError = (e: unknown, code?: ErrorCode): e is DomainError =>
  e instanceof DomainError && (code === undefined || e.code === code);

export const Errors = {
  unauthorized: () =>
    new DomainError('unauthorized', 'a valid API key is required (Authorization: Bearer <key>)'),
  forbidden: (role: string, needed: readonly string[]) =>
    new DomainError('forbidden', `role "${role}" may not do this; needs one of: ${needed.join(', ')}`),
  notFound: (what: string, id: string) => new DomainError('not_found', `${what} "${id}" does not exist`),
  routeNotFound: (method: string, path: string) => new DomainError('not_found', `no route ${method} ${path}`),
  methodNotAllowed: (method: string, path: string, allow: readonly string[]) =>
    new DomainError('method_not_allowed', `${path} does not take ${method}; it takes ${allow.join(', ')}`, {
      details: { allow: [...allow] },
    }),
  badRequest: (message: string, details: Record<string, unknown> = {}) =>
    new DomainError('bad_request', message, { details }),
  invalidRecords: (errors: FieldError[]) =>
    new DomainError('invalid_records', `${errors.length} invalid field(s); nothing was written`, {
      details: { errors },
    }),
  payloadTooLarge: (limit: number) =>
    new DomainError('payload_too_large', `request body exceeds the limit of ${limit} bytes`),
  unsupportedMediaType: (type: string | undefined) =>
    new DomainError(
      'unsupported_media_type',
      `content type "${type ?? ''}" is not accepted; use application/json or application/x-ndjson`,
    ),
  conflict: (message: string, details: Record<string, unknown> = {}) =>
    new DomainError('conflict', message, { details }),
  unavailable: (message = 'the database is unavailable; try again shortly') =>
    new DomainError('service_unavailable', message, { retryAfterSeconds: 5 }),
  tooManyRequests: (retryAfterSeconds: number, who = 'for this key') =>
    new DomainError('too_many_requests', `too many requests ${who}; retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
  /**
   * Deterministic: the same request fails the same way however often it is sent, so no retry. `maxRecords`,
   * when known, is a request size that fits (measured on the failed attempt).
   */
  tooLargeForDatabase: (records?: number, maxRecords?: number) =>
    new DomainError(
      'too_large_for_database',
      records !== undefined && maxRecords !== undefined
        ? `this request of ${records} records needs more transaction memory than the database allows, so ` +
            `nothing was written; do not retry it as is: send it as requests of at most ${maxRecords} records`
        : 'this request needs more transaction memory than the database allows; do not retry it as is: ask for less',
      {
        details: {
          ...(records !== undefined ? { records } : {}),
          ...(maxRecords !== undefined ? { maxRecords } : {}),
        },
      },
    ),
  auditUnavailable: () =>
    new DomainError(
      'audit_unavailable',
      'the audit trail cannot be written at the moment, so no request is served; try again shortly',
      { retryAfterSeconds: 5 },
    ),
  queryTimeout: (cause?: unknown) =>
    new DomainError('query_timeout', 'the database query took too long', { retryAfterSeconds: 5, cause }),
  notConfigured: (message: string) => new DomainError('not_configured', message),
  consoleNotBuilt: () =>
    new DomainError(
      'console_not_built',
      'the console has not been built; run `npm run build` (or `npm start` / `npm run demo`, which build it)',
    ),
  invalidConfig: (message: string, cause?: unknown) => new DomainError('invalid_config', message, { cause }),
  missingTool: (message: string) => new DomainError('missing_tool', message),
  startFailed: (message: string) => new DomainError('start_failed', message),
  runFailed: (runId: string, reason: string | null | undefined) =>
    new DomainError('run_failed', `run ${runId} failed: ${reason ?? 'no reason recorded'}`, {
      details: { runId },
    }),
  invalidBundle: (message: string) => new DomainError('invalid_bundle', message),
  internal: (message: string) => new DomainError('internal', message),
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

/**
 * The one place database errors become domain errors. A DomainError passes through; an error that is neither
 * gives undefined (the edge logs it and answers a plain internal error).
 */
export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (isUnavailable(err)) return Errors.unavailable();
  if (isOutOfTransactionMemory(err)) return Errors.tooLargeForDatabase();
  if (err instanceof Neo4jError) {
    if (err.retriable) return Errors.unavailable();
    if (err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return Errors.conflict('the write conflicts with an existing record (a unique key is already taken)');
    }
    if (err.code.includes('TransactionTimedOut')) return Errors.queryTimeout(err);
  }
  return undefined;
}
