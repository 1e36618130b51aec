// The one database handle: runs the queries of cypher/ by name, owns sessions (closed in `finally`), the
// transaction timeout and the database name, so features ask for rows and never open a session themselves.
// NOTE: `read` (and `autoCommit`) is one auto-commit transaction (one round trip; see read-query.ts), `write` and
// `inWrite` are managed transactions the driver retries on transient errors, so their work must be idempotent.
// NOTE: every session of one handle shares one bookmark manager, so a read sees the writes this process committed
// before it (read-your-writes) even when a cluster routes it (neo4j://) to a follower that has not applied them yet.
import {
  bookmarkManager,
  type BookmarkManager,
  type Driver,
  type ManagedTransaction,
  type SessionConfig,
} from 'neo4j-driver';
import type { CypherQueries } from './cypher-queries.js';

// generic object: a row's keys are its query's columns, and a query's parameters its own;
// each repository gives its rows their types
export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface QueryOptions {
  /** Transaction timeout over the handle's default (a run's own work needs longer). */
  timeoutMs?: number;
}

/** A transaction in progress: named queries, run in it. */
export interface Tx {
  run(name: string, params: Params): Promise<Row[]>;
  /** The raw driver transaction, for the rare caller that needs counters or streaming. */
  readonly raw: ManagedTransaction;
}

export class Db {
  constructor(
    readonly driver: Driver,
    readonly queries: CypherQueries,
    private readonly defaults: { database?: string; timeoutMs: number },
    /** The bookmarks of every transaction this handle (and its withTimeout copies) committed. */
    readonly bookmarks: BookmarkManager = bookmarkManager(),
  ) {}

  get database(): string | undefined {
    return this.defaults.database;
  }

  /** The transaction timeout of this handle's queries. */
  get timeoutMs(): number {
    return this.defaults.timeoutMs;
  }

  /** A handle on the same database whose queries get this timeout. */
  withTimeout(timeoutMs: number): Db {
    return new Db(this.driver, this.queries, { ...this.defaults, timeoutMs }, this.bookmarks);
  }

  /** Throws naming every query that is needed but missing (call it in a constructor: the boot fails, not a request). */
  require(names: readonly string[]): void {
    this.queries.require(names);
  }

  session(config: Omit<SessionConfig, 'database'> = {}) {
    return this.driver.session({
      bookmarkManager: this.bookmarks,
      ...config,
      database: this.defaults.database,
    });
  }

  async read(name: string, params: Params = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.autoCommitIn('READ', name, params, opts);
  }

  /** A read in a managed transaction: retried on transient errors, several statements that see one snapshot. */
  async inRead<T>(work: (tx: Tx) => Promise<T>, opts: QueryOptions = {}): Promise<T> {
    const session = this.session({ defaultAccessMode: 'READ' });
    try {
      return await session.executeRead((raw) => work(this.tx(raw)), { timeout: this.timeout(opts) });
    } finally {
      await session.close();
    }
  }

  async write(name: string, params: Params = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.inWrite((tx) => tx.run(name, params), opts);
  }

  async inWrite<T>(work: (tx: Tx) => Promise<T>, opts: QueryOptions = {}): Promise<T> {
    const session = this.session();
    try {
      return await session.executeWrite((raw) => work(this.tx(raw)), { timeout: this.timeout(opts) });
    } finally {
      await session.close();
    }
  }

  /** A write in an auto-commit transaction, which CALL { ... } IN TRANSACTIONS needs; not retried on transient errors. */
  async autoCommit(name: string, params: Params = {}, opts: QueryOptions = {}): Promise<Row[]> {
    return this.autoCommitIn('WRITE', name, params, opts);
  }

  private async autoCommitIn(mode: 'READ' | 'WRITE', name: string, params: Params, opts: QueryOptions) {
    const session = this.session({ defaultAccessMode: mode });
    try {
      const res = await session.run(this.queries.get(name), params, { timeout: this.timeout(opts) });
      return res.records.map((r) => r.toObject() as Row);
    } finally {
      await session.close();
    }
  }

  private tx(raw: ManagedTransaction): Tx {
    return {
      raw,
      run: async (name, params) =>
        (await raw.run(this.queries.get(name), params)).records.map((r) => r.toObject() as Row),
    };
  }

  private timeout(opts: QueryOptions): number {
    return opts.timeoutMs ?? this.defaults.timeoutMs;
  }
}
