// Streams the projection queries (cypher/projection/) from Neo4j into the evidence graph builder, row by row.
import type { Db } from '../store/db.js';
import type { ActorRow, FilingRow, IncidenceRow, TransferRow } from '../analytics/evidence.types.js';

export const PROJECTION_QUERIES = [
  'projection/actors',
  'projection/incidences',
  'projection/transfers',
  'projection/filings',
] as const;

export interface ProjectionSink {
  addActor(row: ActorRow): void;
  addIncidence(row: IncidenceRow): void;
  addTransfer(row: TransferRow): void;
  addFiling(row: FilingRow): void;
}

export interface ProjectionCounts {
  actors: number;
  incidences: number;
  transfers: number;
  filings: number;
  /** Rows left out because of the allow-list. */
  suppressed: number;
}

/** What the allow-list takes out of linking (see ReviewService.suppressedIdentifiers). */
export interface Suppression {
  /** `kind:identifier` keys never used as evidence. */
  keys: ReadonlySet<string>;
  /** Transfers between two actors of one set are not evidence either. */
  actorSets: readonly (readonly string[])[];
}

/**
 * NOTE: results are consumed as async iterables, so the driver pulls records in batches with back-pressure
 * instead of holding one giant result in memory.
 */
export async function readProjection(
  db: Db,
  sink: ProjectionSink,
  onProgress: (counts: ProjectionCounts) => void = () => {},
  suppression?: Suppression,
  /** Transaction timeout of each projection query (a run on a large graph streams for minutes). */
  timeoutMs = 1_800_000,
): Promise<ProjectionCounts> {
  const counts: ProjectionCounts = { actors: 0, incidences: 0, transfers: 0, filings: 0, suppressed: 0 };
  const setOf = new Map<string, number>();
  suppression?.actorSets.forEach((set, i) => set.forEach((a) => setOf.set(a, i)));
  const stream = async (name: string, each: (r: Record<string, unknown>) => void) => {
    const session = db.session({ defaultAccessMode: 'READ', fetchSize: 5000 });
    try {
      for await (const record of session.run(db.queries.get(name), {}, { timeout: timeoutMs })) {
        each(record.toObject() as Record<string, unknown>);
      }
    } finally {
      await session.close();
    }
  };
  await stream('projection/actors', (r) => {
    sink.addActor({
      id: r.id as string,
      kind: (r.kind as ActorRow['kind']) ?? 'person',
      ...(r.name ? { name: r.name as string } : {}),
    });
    counts.actors++;
  });
  onProgress(counts);
  await stream('projection/incidences', (r) => {
    if (suppression?.keys.has(`${r.identifierKind as string}:${r.identifier as string}`)) {
      counts.suppressed++;
      return;
    }
    sink.addIncidence({
      actorId: r.actorId as string,
      identifierKind: r.identifierKind as IncidenceRow['identifierKind'],
      identifier: r.identifier as string,
      via: r.via as IncidenceRow['via'],
      ...(r.recordId ? { recordId: r.recordId as string } : {}),
      source: (r.source as string) ?? 'unknown',
      ...(r.at ? { at: r.at as string } : {}),
      ...(r.lastAt ? { lastAt: r.lastAt as string } : {}),
    });
    counts.incidences++;
  });
  onProgress(counts);
  await stream('projection/transfers', (r) => {
    const fromSet = setOf.get(r.fromActor as string);
    if (fromSet !== undefined && fromSet === setOf.get(r.toActor as string)) {
      counts.suppressed++;
      return;
    }
    sink.addTransfer({
      transferId: r.transferId as string,
      fromActor: r.fromActor as string,
      toActor: r.toActor as string,
      fromAccount: r.fromAccount as string,
      toAccount: r.toAccount as string,
      amount: Number(r.amount ?? 0),
      at: (r.at as string) ?? '',
      source: (r.source as string) ?? 'unknown',
    });
    counts.transfers++;
  });
  onProgress(counts);
  await stream('projection/filings', (r) => {
    sink.addFiling({
      id: r.id as string,
      type: r.type as FilingRow['type'],
      actorId: r.actorId as string,
      filedAt: (r.filedAt as string) ?? '',
      institution: r.institution as string,
      category: (r.category as string) ?? 'other',
      ...(r.amount !== null && r.amount !== undefined ? { amount: Number(r.amount) } : {}),
      ...(typeof r.text === 'string' && r.text.length > 0 ? { text: r.text } : {}),
      source: (r.source as string) ?? 'unknown',
    });
    counts.filings++;
  });
  onProgress(counts);
  return counts;
}
