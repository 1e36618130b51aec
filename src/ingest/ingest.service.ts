// Validates and writes ingest records: all-or-nothing by default, or the valid ones with ?partial=true.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Events, Written } from '../shared/events.js';
import { Errors, isOutOfTransactionMemory, type FieldError } from '../shared/errors.js';
import type { Db } from '../store/db.js';
import { batchSize, type RawRecord, type ValidBatch } from './ingest.schema.js';
import {
  validateRecordsYielding,
  type ValidationContext,
  type ValidationResult,
} from './ingest.validator.js';
import { writeStatements } from './write-statements.js';

export interface IngestOptions {
  partial: boolean;
  /** The reporting key's name, used as source when a record names none. */
  defaultSource: string;
}

export interface IngestResult {
  received: number;
  accepted: { institutions: number; actors: number; complaints: number; claims: number; transfers: number };
  rejected: FieldError[];
  written: { nodesCreated: number; relationshipsCreated: number; propertiesSet: number };
}

export const INGEST_QUERIES = [
  'ingest/institutions',
  'ingest/actors',
  'ingest/actor-phones',
  'ingest/actor-accounts',
  'ingest/actor-devices',
  'ingest/actor-identifiers',
  'ingest/complaints',
  'ingest/complaint-named-parties',
  'ingest/claims',
  'ingest/claim-named-parties',
  'ingest/transfers',
  'ingest/known-actors',
] as const;

/**
 * Time spent per ingest query in this process, and in committing (`commit`), printed by bench:ingest. The statements
 * of a transaction are pipelined, so a statement's time is from when the one before it finished (or the transaction
 * began) to when it finished: the server's time for it, about.
 */
export const QUERY_MS = new Map<string, number>();

export type { Written };

export class IngestService {
  /** A digest of each record as this process last wrote it (see Written.changedActorIds). */
  private readonly lastWritten = new LRUCache<string, string>({ max: 200_000 });

  /**
   * Another process wrote (see WriteMarks): what this one last wrote may no longer be what is stored, so every
   * record counts as changed again.
   */
  forgetWritten(): void {
    this.lastWritten.clear();
  }

  constructor(
    private readonly deps: {
      db: Db;
      idHmacSecret: string;
      /** Most rows one statement carries (a kind with more rows in one request is sent as several statements). */
      batchSize: number;
      /** Tells the others after every successful write what it wrote ('ingest.written'). */
      events?: Events;
    },
  ) {
    deps.db.require(INGEST_QUERIES);
  }

  /**
   * Validates every record, checks actor references against the request and the database, then writes the
   * accepted records in ONE transaction, so a failure midway leaves nothing half-written.
   */
  async ingest(
    records: RawRecord[],
    opts: IngestOptions,
    parseErrors: FieldError[] = [],
  ): Promise<IngestResult> {
    const ctx: ValidationContext = {
      idHmacSecret: this.deps.idHmacSecret,
      defaultSource: opts.defaultSource,
    };
    return this.accept(await validateRecordsYielding(records, ctx), opts, parseErrors);
  }

  /**
   * The second half of `ingest`, for records validated already (`npm run ingest` validates the next chunk while this
   * one is written): checks actor references against the request and the database, then writes the accepted records
   * in ONE transaction.
   */
  async accept(
    v: ValidationResult,
    opts: Pick<IngestOptions, 'partial'>,
    parseErrors: FieldError[] = [],
  ): Promise<IngestResult> {
    const errors = [...parseErrors, ...v.errors];

    const defined = new Set(v.batch.actors.map((a) => a.id));
    const rejectedActors = new Set(
      v.errors.filter((e) => e.type === 'actor' && e.id !== undefined).map((e) => e.id as string),
    );
    const outside = [...new Set(v.actorRefs.map((r) => r.actorId).filter((id) => !defined.has(id)))];
    const known = outside.length > 0 ? await this.knownActors(outside) : new Set<string>();
    const badRecords = new Set<string>();
    for (const ref of v.actorRefs) {
      if (defined.has(ref.actorId) || known.has(ref.actorId)) continue;
      badRecords.add(`${ref.type}:${ref.id}`);
      errors.push({
        type: ref.type,
        index: ref.index,
        ...(ref.line !== undefined ? { line: ref.line } : {}),
        id: ref.id,
        field: ref.field,
        message: rejectedActors.has(ref.actorId)
          ? `references actor "${ref.actorId}", which is rejected in this request`
          : `references unknown actor "${ref.actorId}"`,
      });
    }

    if (errors.length > 0 && !opts.partial) throw Errors.invalidRecords(errors);

    const batch: ValidBatch = {
      ...v.batch,
      complaints: v.batch.complaints.filter((c) => !badRecords.has(`complaint:${c.id}`)),
      claims: v.batch.claims.filter((c) => !badRecords.has(`claim:${c.id}`)),
    };
    const written =
      batchSize(batch) > 0
        ? await this.writeAndTell(batch).catch(async (e: unknown) => {
            throw isOutOfTransactionMemory(e) ? await this.tooLarge(batch) : e;
          })
        : { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 };
    return {
      received: v.received + parseErrors.length,
      accepted: {
        institutions: batch.institutions.length,
        actors: batch.actors.length,
        complaints: batch.complaints.length,
        claims: batch.claims.length,
        transfers: batch.transfers.length,
      },
      rejected: errors,
      written,
    };
  }

  /**
   * Writes records validated already (npm run import's online path), in one transaction, telling the listeners as
   * ingest does. The caller has checked the actor references.
   */
  async writeValidated(batch: ValidBatch): Promise<IngestResult['written']> {
    return this.writeAndTell(batch);
  }

  async knownActors(ids: string[]): Promise<Set<string>> {
    const rows = await this.deps.db.read('ingest/known-actors', { ids });
    return new Set(rows.map((r) => r.id as string));
  }

  private async writeAndTell(batch: ValidBatch): Promise<IngestResult['written']> {
    const written = await this.write(batch);
    const filers = new Set<string>();
    for (const c of batch.complaints) {
      filers.add(c.complainantId);
      if (c.representativeId) filers.add(c.representativeId);
    }
    for (const c of batch.claims) {
      filers.add(c.claimantId);
      if (c.representativeId) filers.add(c.representativeId);
    }
    const changed = (kind: string, row: { id: string }) => {
      const key = `${kind}:${row.id}`;
      const digest = createHash('sha1').update(JSON.stringify(row)).digest('base64');
      if (this.lastWritten.get(key) === digest) return false;
      this.lastWritten.set(key, digest);
      return true;
    };
    const w: Written = {
      actorIds: batch.actors.map((a) => a.id),
      filingIds: [...batch.complaints.map((c) => c.id), ...batch.claims.map((c) => c.id)],
      filerIds: [...filers],
      changedActorIds: batch.actors.filter((a) => changed('actor', a)).map((a) => a.id),
      changedFilingIds: [
        ...batch.complaints.filter((c) => changed('complaint', c)).map((c) => c.id),
        ...batch.claims.filter((c) => changed('claim', c)).map((c) => c.id),
      ],
    };
    if (w.actorIds.length + w.filingIds.length > 0) this.deps.events?.emit('ingest.written', w);
    return written;
  }

  /**
   * The answer to a request that does not fit in one transaction (all-or-nothing stays): 413 with a size that fits,
   * found by writing halves, quarters… of the request in transactions that are rolled back before their commit.
   */
  private async tooLarge(batch: ValidBatch): Promise<Error> {
    const records = batchSize(batch);
    for (let share = 1 / 2; records * share >= 1; share /= 2) {
      const fits = await this.write(sliceBatch(batch, share), { dryRun: true }).then(
        () => false,
        (e: unknown) => {
          if (e instanceof DryRunDone) return true;
          if (isOutOfTransactionMemory(e)) return false;
          throw e;
        },
      );
      // NOTE: committing takes about as much memory again as the statements (measured: a dry run of 750 actors
      // fitted where committing them did not), hence half of what the dry run held.
      if (fits) return Errors.tooLargeForDatabase(records, Math.max(1, Math.floor((records * share) / 2)));
    }
    return Errors.tooLargeForDatabase(records, 1);
  }

  /**
   * Writes a batch in one transaction: one UNWIND statement per kind of row (institutions, actors, each kind of an
   * actor's ties, filings, their named parties, transfers; a kind with more than `batchSize` rows in several), all
   * sent before the first answer is awaited (the driver pipelines them on the connection: one round trip, not one
   * per statement). Neo4j runs them in the order sent, so complaints and claims MATCH the actors written just before.
   */
  private async write(batch: ValidBatch, opts: { dryRun?: boolean } = {}): Promise<IngestResult['written']> {
    const now = new Date().toISOString();
    const { db, batchSize: size } = this.deps;
    const began = performance.now();
    let lastDone = began;
    const totals = await db.inWrite(
      async (tx) => {
        const totals = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 };
        const sent = writeStatements(batch, size).map(({ name, rows }) => {
          const summary = tx.raw.run(db.queries.get(name), { rows, now }).summary();
          // NOTE: once one statement fails the ones after it fail too; the first failure is the one thrown below
          summary.catch(() => {});
          return { name, summary };
        });
        for (const { name, summary: pending } of sent) {
          const summary = await pending.catch((e: unknown) => {
            throw notRetried(e);
          });
          const done = performance.now();
          QUERY_MS.set(name, (QUERY_MS.get(name) ?? 0) + done - lastDone);
          lastDone = done;
          const c = summary.counters.updates();
          totals.nodesCreated += c.nodesCreated;
          totals.relationshipsCreated += c.relationshipsCreated;
          totals.propertiesSet += c.propertiesSet;
        }
        if (opts.dryRun) throw new DryRunDone();
        return totals;
      },
      { timeoutMs: Math.max(db.timeoutMs, 300_000) },
    );
    QUERY_MS.set('commit', (QUERY_MS.get('commit') ?? 0) + performance.now() - lastDone);
    return totals;
  }
}

/** Ends a dry-run write transaction once every statement has run: the driver rolls it back. */
class DryRunDone extends Error {}

/**
 * NOTE: a transaction that ran out of memory fails the same way on every attempt, so it leaves the transaction
 * function as a plain error, which the driver does not retry (the error is kept as the cause).
 */
function notRetried(e: unknown): unknown {
  return isOutOfTransactionMemory(e) ? new Error('the transaction ran out of memory', { cause: e }) : e;
}

/** The first `share` of every kind of record. */
function sliceBatch(batch: ValidBatch, share: number): ValidBatch {
  const head = <T>(rows: T[]) => rows.slice(0, Math.floor(rows.length * share));
  return {
    ...batch,
    institutions: head(batch.institutions),
    actors: head(batch.actors),
    complaints: head(batch.complaints),
    claims: head(batch.claims),
    transfers: head(batch.transfers),
  };
}
