// The audit trail's hash chain: each entry carries the hash of the one before it, so an entry altered, removed or
// slipped in afterwards shows as the first link that no longer holds (`npm run audit:verify`).
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Row, Tx } from '../store/db.js';
import type { AuditEntry } from './audit-entry.js';

export const AUDIT_CHAIN_QUERIES = [
  'audit/chain-lock',
  'audit/chain-head',
  'audit/existing-ids',
  'audit/append',
  'audit/chain-entries',
  'audit/unchained',
] as const;

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Names the serialisation below; part of every hash, so a future change of it cannot be mistaken for tampering. */
export const CHAIN_FORMAT = 'ringmap-audit-chain/1';

export interface ChainedEntry extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  /** Entries in the chain; 0 when it is empty. */
  seq: number;
  /** The last entry's hash (GENESIS_HASH when empty). */
  hash: string;
  /** When the head last moved (null when it never did). */
  at: string | null;
}

/**
 * The canonical serialisation an entry's hash covers: a JSON array of the format name, the chain position and
 * every field in a fixed order (no key order to agree on), with `at` as an ISO instant in UTC with milliseconds.
 * NOTE: the hash is recomputed from what Neo4j gives back, so every value must survive the round trip exactly:
 * numbers are float64 both ways, absent properties come back null, lists keep their order.
 */
export function canonicalEntry(e: AuditEntry, seq: number): string {
  return JSON.stringify([
    CHAIN_FORMAT,
    seq,
    e.id,
    new Date(e.at).toISOString(),
    e.key ?? null,
    e.role ?? null,
    e.method,
    e.route,
    e.params,
    e.ringIds,
    e.actorIds,
    e.status,
    e.requestId,
    e.ms,
    e.outcome,
  ]);
}

/** sha256(prevHash, newline, canonical entry), hex. */
export function entryHash(prevHash: string, e: AuditEntry, seq: number): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalEntry(e, seq)}`, 'utf8')
    .digest('hex');
}

/**
 * Appends entries to the chain inside the caller's write transaction: takes the chain lock first (so a second
 * instance appending at the same moment waits for this transaction and then builds on its head: the chain cannot
 * fork), skips entries already stored (a retried batch that had been committed), links the rest and moves the head.
 */
export async function appendToChain(tx: Tx, entries: AuditEntry[]): Promise<ChainHead> {
  // NOTE: a MERGE that matched the chain node while another transaction deleted it (only a wipe of the whole
  // database does) locks a node that is gone; the second MERGE makes it anew, as on an empty database.
  let head: Row | undefined;
  for (let attempt = 0; attempt < 2 && head === undefined; attempt++) {
    await tx.run('audit/chain-lock', { genesis: GENESIS_HASH });
    head = (await tx.run('audit/chain-head', {}))[0];
  }
  if (!head) throw new Error('the audit chain node is missing after audit/chain-lock made it');
  let seq = Number(head.seq);
  let prev = head.hash as string;
  const existing = await tx.run('audit/existing-ids', { ids: entries.map((e) => e.id) });
  const stored = new Set(existing.map((r) => r.id as string));
  const rows: ChainedEntry[] = [];
  for (const e of entries) {
    if (stored.has(e.id)) continue;
    stored.add(e.id);
    seq += 1;
    const at = new Date(e.at).toISOString();
    const hash = entryHash(prev, { ...e, at }, seq);
    rows.push({ ...e, at, seq, prevHash: prev, hash });
    prev = hash;
  }
  // sequence numbers are stored as integers (a JS number would go over as a float)
  if (rows.length > 0)
    await tx.run('audit/append', {
      rows: rows.map((r) => ({ ...r, seq: neo4j.int(r.seq) })),
      head: { seq: neo4j.int(seq), hash: prev },
    });
  return { seq, hash: prev, at: null };
}

/** What verifyChain reads (AuditRepo). */
export interface ChainReader {
  head(): Promise<ChainHead>;
  page(after: number, limit: number): Promise<ChainedEntry[]>;
  unchained(since: string | null): Promise<UnchainedCount>;
}

export interface UnchainedCount {
  /** Entries outside the chain older than its first entry, and newer ones (with the first of those). */
  preChain: number;
  late: number;
  firstLate: { id: string; at: string } | null;
}

export interface ChainBreak {
  /** The sequence number where the chain first fails to hold. */
  seq: number;
  /** The entry found there, if any (a deleted entry has none). */
  entryId: string | null;
  problem: 'altered' | 'missing' | 'relinked' | 'head_mismatch' | 'unchained' | 'expected_head';
  message: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  head: ChainHead;
  /** Entries without a place in the chain that are older than its first entry (written before it existed). */
  preChain: number;
  firstBreak: ChainBreak | null;
}

/**
 * Walks the whole chain in order and names the first link that does not hold: a sequence number with no entry
 * (deleted), an entry whose content no longer gives its hash (altered), an entry whose prevHash is not its
 * predecessor's hash (re-linked), a head that is not the last entry (entries removed at the end), an entry outside
 * the chain newer than its start (inserted by hand). `expect` checks that a head published earlier (an evidence
 * bundle's) is still the hash at its position.
 */
export async function verifyChain(
  chain: ChainReader,
  opts: { pageSize?: number; expect?: { seq: number; hash: string } } = {},
): Promise<ChainReport> {
  const head = await chain.head();
  const pageSize = opts.pageSize ?? 5000;
  const report = (firstBreak: ChainBreak | null, entries: number, preChain: number): ChainReport => ({
    ok: firstBreak === null,
    entries,
    head,
    preChain,
    firstBreak,
  });
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  let firstAt: string | null = null;
  let expectSeen = opts.expect === undefined || opts.expect.seq === 0;
  if (opts.expect?.seq === 0 && opts.expect.hash !== GENESIS_HASH)
    return report(
      { seq: 0, entryId: null, problem: 'expected_head', message: 'seq 0 has the genesis hash only' },
      0,
      0,
    );
  for (;;) {
    const page = await chain.page(expected - 1, pageSize);
    for (const e of page) {
      firstAt ??= e.at;
      const seq = Number(e.seq);
      if (seq !== expected)
        return report(
          {
            seq: expected,
            entryId: null,
            problem: 'missing',
            message: `entry seq ${expected} is missing (deleted?): the chain goes from seq ${expected - 1} to seq ${seq} (entry ${e.id})`,
          },
          count,
          0,
        );
      if (e.prevHash !== prevHash)
        return report(
          {
            seq,
            entryId: e.id,
            problem: 'relinked',
            message: `entry seq ${seq} (id ${e.id}) does not link to entry seq ${seq - 1}: its prevHash ${e.prevHash} is not ${prevHash}`,
          },
          count,
          0,
        );
      const hash = entryHash(prevHash, e, seq);
      if (hash !== e.hash)
        return report(
          {
            seq,
            entryId: e.id,
            problem: 'altered',
            message: `entry seq ${seq} (id ${e.id}) was altered: its fields hash to ${hash}, the chain recorded ${e.hash}`,
          },
          count,
          0,
        );
      if (opts.expect && opts.expect.seq === seq) {
        if (opts.expect.hash !== e.hash)
          return report(
            {
              seq,
              entryId: e.id,
              problem: 'expected_head',
              message: `entry seq ${seq} (id ${e.id}) has hash ${e.hash}, not the ${opts.expect.hash} published earlier: the chain was rewritten up to there`,
            },
            count,
            0,
          );
        expectSeen = true;
      }
      prevHash = e.hash;
      expected += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  const last = expected - 1;
  if (head.seq !== last || head.hash !== prevHash)
    return report(
      {
        seq: last + 1,
        entryId: null,
        problem: head.seq > last ? 'missing' : 'head_mismatch',
        message:
          head.seq > last
            ? `entries seq ${last + 1}..${head.seq} are missing (deleted at the end): the chain's head is seq ${head.seq}, the last entry seq ${last}`
            : `the chain's head (seq ${head.seq}, hash ${head.hash}) is not its last entry (seq ${last}, hash ${prevHash})`,
      },
      count,
      0,
    );
  if (!expectSeen && opts.expect)
    return report(
      {
        seq: opts.expect.seq,
        entryId: null,
        problem: 'expected_head',
        message: `the published head seq ${opts.expect.seq} is beyond the chain's last entry (seq ${last}): entries were removed`,
      },
      count,
      0,
    );
  const { preChain, late, firstLate } = await chain.unchained(firstAt);
  // entries older than the chain's first are from before the chain existed; a newer one was put there by hand
  if (late > 0 && firstLate)
    return report(
      {
        seq: 0,
        entryId: firstLate.id,
        problem: 'unchained',
        message: `${late} audit entr${late === 1 ? 'y' : 'ies'} outside the chain (no seq) written after it began, first ${firstLate.id} at ${firstLate.at}: inserted into the database directly`,
      },
      count,
      preChain,
    );
  return report(null, count, preChain);
}
