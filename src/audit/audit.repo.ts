// The audit trail's queries: the listing, the chain's head and pages, and appending a batch to the chain.
import neo4j from 'neo4j-driver';
import type { Db } from '../store/db.js';
import { AUDIT_CHAIN_QUERIES, GENESIS_HASH, appendToChain } from './audit-chain.js';
import type { ChainHead, ChainReader, ChainedEntry, UnchainedCount } from './audit-chain.js';
import type { AuditEntry } from './audit-entry.js';

export const AUDIT_QUERIES = [...AUDIT_CHAIN_QUERIES, 'audit/list', 'health/database-answers'] as const;

export interface AuditQuery {
  since?: string;
  until?: string;
  key?: string;
  actor?: string;
  ring?: string;
  limit: number;
}

export class AuditRepo implements ChainReader {
  constructor(private readonly db: Db) {
    db.require(AUDIT_QUERIES);
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const rows = await this.db.inRead((tx) =>
      tx.run('audit/list', {
        since: q.since ?? null,
        until: q.until ?? null,
        key: q.key ?? null,
        actor: q.actor ?? null,
        ring: q.ring ?? null,
        limit: neo4j.int(q.limit),
      }),
    );
    return rows.map((r) => r.entry as AuditEntry);
  }

  /** One transaction: the chain lock, the links and the head move together or not at all. */
  /**
   * One attempt (auto-commit, no driver retries) at a query on the database; throws while it does not answer. The
   * server answering a connection is not enough: after a crash Neo4j takes Bolt connections while its database is
   * still recovering, and an append sent then goes into the driver's retries, whose back-off (up to 8 s) outlasts the
   * recovery.
   */
  async databaseAnswers(): Promise<void> {
    await this.db.autoCommit('health/database-answers');
  }

  async append(entries: AuditEntry[]): Promise<ChainHead> {
    return this.db.inWrite((tx) => appendToChain(tx, entries));
  }

  /** The chain's current head (seq 0 and GENESIS_HASH before the first entry). */
  async head(): Promise<ChainHead> {
    const r = (await this.db.inRead((tx) => tx.run('audit/chain-head', {})))[0];
    if (!r) return { seq: 0, hash: GENESIS_HASH, at: null };
    return { seq: Number(r.seq), hash: r.hash as string, at: (r.at as string | null) ?? null };
  }

  /** Up to `limit` chained entries after sequence number `after`, in order. */
  async page(after: number, limit: number): Promise<ChainedEntry[]> {
    const rows = await this.db.inRead((tx) =>
      tx.run('audit/chain-entries', { after: neo4j.int(after), limit: neo4j.int(limit) }),
    );
    return rows.map((r) => r.entry as ChainedEntry);
  }

  async unchained(since: string | null): Promise<UnchainedCount> {
    const row = (await this.db.inRead((tx) => tx.run('audit/unchained', { since })))[0];
    return {
      preChain: Number(row?.preChain ?? 0),
      late: Number(row?.late ?? 0),
      firstLate: (row?.firstLate ?? null) as { id: string; at: string } | null,
    };
  }
}
