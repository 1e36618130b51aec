// A ring's complaints and claims as its run found them: read at write-back and written with the ring
// (Ring.filings), so that a report shows the filings the run's accusation rests on, read in the ring's own read.
import type { z } from 'zod';
import type { RingReport as RingReportSchema } from './rings.responses.js';

type RingReport = z.infer<typeof RingReportSchema>;
type Filing = RingReport['complaints'][number];
type Row = Record<string, unknown>;

/** What Ring.filings holds (JSON). */
export interface RingFilings {
  complaints: Filing[];
  claims: Filing[];
}

/** Filings as cypher/rings/filings-by-id.cypher returns them (in its order), as a ring report shows them. */
export function ringFilings(rows: readonly Row[]): RingFilings {
  return {
    complaints: rows.filter((f) => f.type === 'complaint').map(cleanFiling),
    claims: rows.filter((f) => f.type === 'claim').map(cleanFiling),
  };
}

/** A filing as cypher/rings/filings-by-id.cypher returns it, without its empty fields and its type. */
export function cleanFiling(f: Row): Filing {
  const out: Row = {};
  for (const [k, v] of Object.entries(f)) if (v !== null && k !== 'type') out[k] = v;
  const named = (out.namedParties as Row[] | undefined) ?? [];
  if (named.length === 0) delete out.namedParties;
  else
    out.namedParties = named.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null)));
  return out as Filing;
}
