// Ingest records → the projection rows cypher/projection/*.cypher would read after loading them, without Neo4j.
import type { ActorRow as ProjectedActor, IncidenceRow } from '../analytics/evidence.types.js';
import type { ProjectionSink } from '../runs/projection.reader.js';
import { parseTypedRecord, validateRecords } from './ingest.validator.js';
import type { RawRecord, ValidBatch } from './ingest.schema.js';
import { widen, type ObservedTimes } from './observed-times.js';

export interface RecordsToRowsOptions {
  /** The source of records that name none (the ingest key's name on the Neo4j path). */
  defaultSource?: string;
}

/**
 * Validates `records` (NDJSON-style `{type, ...}` objects) exactly as `POST /v1/ingest` does — phones to E.164,
 * generic identifiers normalised per kind, one actor's records merged, named parties given and found in complaint
 * texts — and feeds `sink` the rows the projection queries would stream once they are stored: one actor row per
 * actor, one incidence per stored relationship (the first source that reported it), one transfer per pair of
 * holders, one filing per complaint or claim. Invalid records throw (a benchmark world must be clean).
 *
 * An actor's own ties (uses, holds, device, has) are dated by the event times the records reported for them (`at`
 * the earliest, `lastAt` the latest; none when none did), never by when they were loaded. Everything matches the
 * Neo4j path row for row (test/integration/records-to-rows.test.ts).
 */
export function rowsFromRecords(
  records: readonly unknown[],
  sink: ProjectionSink,
  opts: RecordsToRowsOptions = {},
): void {
  const batch = validBatch(records, opts.defaultSource ?? 's');

  const actors = new Map<string, ProjectedActor>();
  for (const a of batch.actors) {
    const prior = actors.get(a.id);
    actors.set(a.id, {
      id: a.id,
      kind: (a.kind ?? prior?.kind ?? 'person') as ProjectedActor['kind'],
      ...((a.name ?? prior?.name) ? { name: (a.name ?? prior?.name) as string } : {}),
    });
  }
  for (const a of actors.values()) sink.addActor(a);

  // One row per relationship, as MERGE stores one: the first record that reported it gives its source.
  const ties = new Set<string>();
  const tie = (row: IncidenceRow) => {
    const key = `${row.actorId}\u0000${row.via}\u0000${row.identifierKind}\u0000${row.identifier}\u0000${row.recordId ?? ''}`;
    if (ties.has(key)) return;
    ties.add(key);
    sink.addIncidence(row);
  };
  // An actor's own ties: one relationship each, its first source, and the earliest and latest event time reported.
  const owned = new Map<string, { row: IncidenceRow; times: ObservedTimes }>();
  const own = (row: IncidenceRow, times: ObservedTimes) => {
    const key = `${row.actorId}\u0000${row.via}\u0000${row.identifierKind}\u0000${row.identifier}`;
    const prior = owned.get(key);
    if (prior) widen(prior.times, times);
    else owned.set(key, { row, times: { ...times } });
  };
  const holders = new Map<string, string[]>();
  for (const a of batch.actors) {
    const base = { actorId: a.id, source: a.source };
    for (const p of a.phones) own({ ...base, identifierKind: 'phone', identifier: p.number, via: 'uses' }, p);
    for (const x of a.accounts) {
      own({ ...base, identifierKind: 'account', identifier: x.id, via: 'holds' }, x);
      const list = holders.get(x.id) ?? [];
      if (!list.includes(a.id)) list.push(a.id);
      holders.set(x.id, list);
    }
    for (const d of a.devices) own({ ...base, identifierKind: 'device', identifier: d.id, via: 'device' }, d);
    for (const x of a.identifiers)
      own({ ...base, identifierKind: 'identifier', identifier: x.key, via: 'has' }, x);
  }
  for (const { row, times } of owned.values())
    tie({
      ...row,
      ...(times.observedAt !== null ? { at: times.observedAt } : {}),
      ...(times.lastObservedAt !== null ? { lastAt: times.lastObservedAt } : {}),
    });

  const filings = [
    ...batch.complaints.map((c) => ({
      ...c,
      type: 'complaint' as const,
      actorId: c.complainantId,
      institution: c.institution,
      category: c.category,
    })),
    ...batch.claims.map((c) => ({
      ...c,
      type: 'claim' as const,
      actorId: c.claimantId,
      institution: c.insurer,
      category: c.kind,
      text: null,
    })),
  ];
  for (const f of filings) {
    const base = { actorId: f.actorId, recordId: f.id, source: f.source, at: f.filedAt };
    if (f.contactPhone) tie({ ...base, identifierKind: 'phone', identifier: f.contactPhone, via: 'contact' });
    if (f.payoutAccount)
      tie({ ...base, identifierKind: 'account', identifier: f.payoutAccount, via: 'payout' });
    if (f.representativeId) {
      tie({ ...base, identifierKind: 'agent', identifier: f.representativeId, via: 'represented_by' });
      tie({
        ...base,
        actorId: f.representativeId,
        identifierKind: 'agent',
        identifier: f.representativeId,
        via: 'is_agent',
      });
    }
    for (const p of f.namedParties)
      tie({ ...base, identifierKind: p.kind, identifier: p.target, via: 'named' });
    sink.addFiling({
      id: f.id,
      type: f.type,
      actorId: f.actorId,
      filedAt: f.filedAt,
      institution: f.institution,
      category: f.category,
      ...(f.amount !== null ? { amount: f.amount } : {}),
      ...(f.text ? { text: f.text } : {}),
      source: f.source,
    });
  }

  const transfers = new Set<string>();
  for (const t of batch.transfers) {
    if (transfers.has(t.id)) continue; // the transfer id is unique in Neo4j: a re-sent one is the same transfer
    transfers.add(t.id);
    for (const from of holders.get(t.from) ?? [])
      for (const to of holders.get(t.to) ?? []) {
        if (from === to) continue;
        sink.addTransfer({
          transferId: t.id,
          fromActor: from,
          toActor: to,
          fromAccount: t.from,
          toAccount: t.to,
          amount: t.amount,
          at: t.at,
          source: t.source,
        });
      }
  }
}

function validBatch(records: readonly unknown[], defaultSource: string): ValidBatch {
  const perType = new Map<string, number>();
  const raw: RawRecord[] = [];
  records.forEach((value, i) => {
    const rec = parseTypedRecord(value);
    if ('error' in rec) throw new TypeError(`record ${i}: ${rec.error}`);
    const index = perType.get(rec.type) ?? 0;
    perType.set(rec.type, index + 1);
    raw.push({ type: rec.type, index, value: rec.value });
  });
  const v = validateRecords(raw, { idHmacSecret: 'records-to-rows', defaultSource });
  if (v.errors.length > 0) {
    const first = v.errors
      .slice(0, 3)
      .map((e) => `${e.type}[${e.index}] ${e.id ?? ''} ${e.field}: ${e.message}`)
      .join('; ');
    throw new TypeError(`${v.errors.length} invalid record(s): ${first}`);
  }
  return v.batch;
}
