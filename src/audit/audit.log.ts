// The audit trail: who read personal data or changed state, when, through which route, with what result —
// appended to Neo4j as (:AuditEntry) nodes in small batches, hash-chained, never updated or deleted.
import type { Logger } from 'pino';
import { Errors } from '../shared/errors.js';
import type { Db } from '../store/db.js';
import type { ChainHead } from './audit-chain.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditRepo, type AuditQuery } from './audit.repo.js';

export { AUDIT_QUERIES, type AuditQuery } from './audit.repo.js';
export type { AuditEntry } from './audit-entry.js';

export interface AuditLogDeps {
  db: Db;
  logger: Logger;
  /** How long entries wait to be written together (default 250 ms: one transaction carries many entries). */
  flushMs?: number;
  /** Called with the number of entries a failed write left unwritten (metrics). */
  onWriteFailure?: (entries: number) => void;
}

const MAX_BATCH = 500;
/** Entries kept for retry while the database is away; beyond that they are only in the error log. */
const MAX_PENDING = 100_000;

/**
 * NOTE: the choice when the trail cannot be written. An entry is written after its request has ended (so an error
 * in the request cannot skip it), which means a request cannot be held back until its own entry is stored. Instead,
 * once a write has failed the trail is `failing` and every /v1 request is refused with 503 (auditGate) until a retry
 * succeeds: nothing is served that cannot be audited, apart from the requests in flight when the database went away.
 * The unwritten entries are logged at error level (they hold ids, never personal data) and retried.
 */
export class AuditLog {
  private pending: AuditEntry[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failingSince: string | undefined;
  private closed = false;
  private readonly repo: AuditRepo;

  constructor(private readonly deps: AuditLogDeps) {
    this.repo = new AuditRepo(deps.db);
  }

  /** false after a failed write, until a retry succeeds. */
  get healthy(): boolean {
    return this.failingSince === undefined;
  }

  get failingSinceIso(): string | undefined {
    return this.failingSince;
  }

  record(entry: AuditEntry): void {
    if (this.pending.length >= MAX_PENDING) {
      this.deps.logger.error({ audit: entry }, 'AUDIT ENTRY LOST: the pending queue is full');
      return;
    }
    this.pending.push(entry);
    // NOTE: one flush at a time is started from here; while one is writing, the next full batch is started when it
    // ends (finally, below) rather than by every entry recorded meanwhile, each of which would wait on it.
    if (this.pending.length >= MAX_BATCH && !this.flushing) void this.flush();
    else this.schedule();
  }

  private schedule(delayMs?: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.flush();
      },
      delayMs ?? (this.healthy ? (this.deps.flushMs ?? 250) : 1000),
    );
    this.timer.unref();
  }

  /** Writes what is pending (one batch at a time); resolves either way, the outcome is in `healthy`. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0, MAX_BATCH);
    this.flushing = this.write(batch)
      .then(() => {
        if (this.failingSince) {
          this.deps.logger.warn({ since: this.failingSince }, 'audit trail writes again');
          this.failingSince = undefined;
        }
      })
      .catch((e: unknown) => {
        this.pending.unshift(...batch);
        this.deps.onWriteFailure?.(batch.length);
        if (!this.failingSince) {
          this.failingSince = new Date().toISOString();
          this.deps.logger.error(
            { err: e, unwritten: this.pending.length, entries: batch.slice(0, 200) },
            'AUDIT TRAIL WRITE FAILED: /v1 requests are refused until it can be written again',
          );
        }
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.pending.length >= MAX_BATCH && this.healthy && !this.closed) void this.flush();
        else if (this.pending.length > 0) this.schedule();
      });
    await this.flushing;
  }

  /** Everything recorded so far is stored, or a 503 (the admin listing must not miss recent entries). */
  async flushAll(): Promise<void> {
    // NOTE: a batch being written is no longer pending: wait for it too, or a listing right after misses it
    while (this.pending.length > 0 || this.flushing) {
      await this.flush();
      if (!this.healthy) throw Errors.auditUnavailable();
    }
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    await this.flushAll();
    return this.repo.list(q);
  }

  /** The hash chain's head as stored now (what an evidence bundle names). */
  async head(): Promise<ChainHead> {
    return this.repo.head();
  }

  /** Final flush at shutdown; what cannot be written is logged. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    do await this.flush();
    while (this.pending.length > 0 && this.healthy);
    if (this.pending.length > 0) {
      this.deps.logger.error(
        { unwritten: this.pending.length, entries: this.pending.slice(0, 200) },
        'AUDIT ENTRIES NOT WRITTEN at shutdown',
      );
    }
  }

  private async write(rows: AuditEntry[]): Promise<void> {
    // NOTE: while the trail is failing (flushes every second), a flush first asks once whether the database
    // answers a query: the driver retries a failed write transaction with back-off of up to 8 s, which kept /v1
    // refused (and /readyz 503) up to that long after the database had come back (found by `npm run chaos`). Asking
    // the server alone (getServerInfo) let the append go into those retries while the restarted database was still
    // recovering, for 8–10 s after Bolt answered.
    if (!this.healthy) await this.repo.databaseAnswers();
    await this.repo.append(rows);
  }
}
