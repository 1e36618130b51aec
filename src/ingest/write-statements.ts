// The statements that write one validated batch: which cypher/ingest query, with which rows, in which order.
import type { ValidBatch } from './ingest.schema.js';

export interface WriteStatement {
  /** A query under cypher/ingest/. */
  name: string;
  rows: unknown[];
}

/**
 * One statement per kind of row, in an order where each MATCHes only what the ones before it wrote (actors before
 * their ties, filers before filings, filings before what they name); a kind with more than `maxRows` rows becomes
 * several statements, and a kind without rows none.
 */
export function writeStatements(batch: ValidBatch, maxRows: number): WriteStatement[] {
  const kinds: [string, unknown[]][] = [
    ['ingest/institutions', batch.institutions],
    [
      'ingest/actors',
      batch.actors.map(({ phones: _p, accounts: _a, devices: _d, identifiers: _i, ...actor }) => actor),
    ],
    [
      'ingest/actor-phones',
      batch.actors.flatMap((a) => a.phones.map((p) => ({ actorId: a.id, ...p, source: a.source }))),
    ],
    [
      'ingest/actor-accounts',
      batch.actors.flatMap((a) => a.accounts.map((x) => ({ actorId: a.id, ...x, source: a.source }))),
    ],
    [
      'ingest/actor-devices',
      batch.actors.flatMap((a) => a.devices.map((d) => ({ actorId: a.id, ...d, source: a.source }))),
    ],
    [
      'ingest/actor-identifiers',
      batch.actors.flatMap((a) => a.identifiers.map((x) => ({ actorId: a.id, ...x, source: a.source }))),
    ],
    ['ingest/complaints', batch.complaints.map(({ namedParties: _n, ...c }) => c)],
    [
      'ingest/complaint-named-parties',
      batch.complaints.flatMap((c) =>
        c.namedParties.map((p) => ({ filingId: c.id, ...p, source: c.source })),
      ),
    ],
    ['ingest/claims', batch.claims.map(({ namedParties: _n, ...c }) => c)],
    [
      'ingest/claim-named-parties',
      batch.claims.flatMap((c) => c.namedParties.map((p) => ({ filingId: c.id, ...p, source: c.source }))),
    ],
    ['ingest/transfers', batch.transfers],
  ];
  const out: WriteStatement[] = [];
  for (const [name, rows] of kinds)
    for (let i = 0; i < rows.length; i += maxRows) out.push({ name, rows: rows.slice(i, i + maxRows) });
  return out;
}
