// npm run import: validates a directory of NDJSON files as POST /v1/ingest would, then loads it at bulk speed — with
// Neo4j's offline importer into an empty bundled database, or in parallel batched writes into any other.
import { readdirSync, statSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Errors, type FieldError } from '../shared/errors.js';
import { checkIdText } from '../ingest/id-text.js';
import { batchSize, emptyBatch, type ValidBatch } from '../ingest/ingest.schema.js';
import type { IngestService } from '../ingest/ingest.service.js';
import { recordsFromNdjson, validateRecords } from '../ingest/ingest.validator.js';
import { ndjsonChunks } from '../ingest/ndjson-file.js';
import { runAdminImport, writeImportCsv } from './admin-import.js';
import { ImportGraph } from './import-graph.js';

export interface ImportError extends FieldError {
  file: string;
}

export interface ValidatedInput {
  files: string[];
  lines: number;
  records: number;
  /** Valid records, one batch per chunk of lines, in file order. */
  batches: ValidBatch[];
  errors: ImportError[];
  /** Actor ids referenced by filings and defined by no record of the input (the database may hold them). */
  outsideRefs: { actorId: string; error: ImportError }[];
}

/** The NDJSON files an import reads: DIR/*.ndjson in name order, or the one file given. */
export function inputFiles(input: string): string[] {
  if (!statSync(input).isDirectory()) return [input];
  const files = readdirSync(input)
    .filter((f) => f.endsWith('.ndjson'))
    .sort()
    .map((f) => path.join(input, f));
  if (files.length === 0) throw Errors.badRequest(`${input} holds no .ndjson file`);
  return files;
}

/**
 * Pass 1: every record through the validation of POST /v1/ingest (NFC and id text, schemas, phones, ID-number
 * hashing, merging of one actor's records), chunk by chunk; references to actors are checked across all files.
 */
export async function validateInput(
  files: string[],
  opts: { idHmacSecret: string; source: string; linesPerChunk: number; onChunk?: (records: number) => void },
): Promise<ValidatedInput> {
  const out: ValidatedInput = { files, lines: 0, records: 0, batches: [], errors: [], outsideRefs: [] };
  const defined = new Set<string>();
  const refs: { actorId: string; error: ImportError }[] = [];
  for (const file of files) {
    const name = path.basename(file);
    for await (const chunk of ndjsonChunks(file, opts.linesPerChunk)) {
      const parsed = recordsFromNdjson(chunk.text, chunk.firstLine);
      const checked = checkIdText(parsed.records);
      const v = validateRecords(checked.records, {
        idHmacSecret: opts.idHmacSecret,
        defaultSource: opts.source,
      });
      for (const e of [...parsed.errors, ...checked.errors, ...v.errors])
        out.errors.push({ ...e, file: name });
      for (const a of v.batch.actors) defined.add(a.id);
      for (const r of v.actorRefs)
        refs.push({
          actorId: r.actorId,
          error: {
            file: name,
            type: r.type,
            index: r.index,
            ...(r.line !== undefined ? { line: r.line } : {}),
            id: r.id,
            field: r.field,
            message: `references unknown actor "${r.actorId}"`,
          },
        });
      out.batches.push(v.batch);
      out.lines += chunk.lines;
      out.records += parsed.records.length + parsed.errors.length;
      opts.onChunk?.(parsed.records.length);
    }
  }
  out.outsideRefs = refs.filter((r) => !defined.has(r.actorId));
  return out;
}

/** The references no record defines and the database does not hold either: errors of the import. */
export async function unresolvedRefs(
  input: ValidatedInput,
  knownActors: ((ids: string[]) => Promise<Set<string>>) | undefined,
): Promise<ImportError[]> {
  const ids = [...new Set(input.outsideRefs.map((r) => r.actorId))];
  const known = new Set<string>();
  if (knownActors)
    for (let i = 0; i < ids.length; i += 10_000)
      for (const id of await knownActors(ids.slice(i, i + 10_000))) known.add(id);
  return input.outsideRefs.filter((r) => !known.has(r.actorId)).map((r) => r.error);
}

export interface OfflineImportResult {
  nodes: number;
  relationships: number;
  seconds: { graph: number; csv: number; importer: number };
}

/**
 * Loads validated batches into the bundled database under `dataDir` with Neo4j's offline importer, replacing the
 * database `neo4j` (its server must be stopped, and the database empty: the caller checks). The graph is the one
 * the ingest queries would write (import-graph.ts); `now` is its load time.
 */
export async function importOffline(
  batches: ValidBatch[],
  opts: { dataDir: string; workDir: string; now?: string; log?: (line: string) => void },
): Promise<OfflineImportResult> {
  const t0 = performance.now();
  const graph = new ImportGraph(opts.now ?? new Date().toISOString());
  for (const b of batches) graph.add(b);
  const t1 = performance.now();
  rmSync(opts.workDir, { recursive: true, force: true });
  const args = await writeImportCsv(graph, opts.workDir);
  const t2 = performance.now();
  await runAdminImport(opts.dataDir, args, {
    reportFile: path.join(opts.workDir, 'import.report'),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const t3 = performance.now();
  rmSync(opts.workDir, { recursive: true, force: true });
  return {
    ...graph.counts(),
    seconds: { graph: (t1 - t0) / 1000, csv: (t2 - t1) / 1000, importer: (t3 - t2) / 1000 },
  };
}

/**
 * Loads validated batches into a database that already holds data: the ingest service's batched UNWIND writes,
 * `parallel` transactions at a time. Actors (with institutions) go first, then filings and transfers, so a filing
 * always finds its filer whatever file or chunk defined it. Each transaction is one chunk; re-running the import
 * after an interruption completes it without duplicates.
 */
export async function importOnline(
  service: IngestService,
  batches: ValidBatch[],
  opts: { parallel: number; onBatch?: (records: number) => void },
): Promise<{ nodesCreated: number; relationshipsCreated: number }> {
  const totals = { nodesCreated: 0, relationshipsCreated: 0 };
  const phases = [
    batches.map((b) => ({ ...emptyBatch(), institutions: b.institutions, actors: b.actors })),
    batches.map((b) => ({
      ...emptyBatch(),
      complaints: b.complaints,
      claims: b.claims,
      transfers: b.transfers,
    })),
  ];
  for (const phase of phases) {
    // NOTE: a record sent twice (a correction, a merged actor) must be written in input order, as the HTTP path
    // writes it: batches run in parallel only within a group that shares no record id, groups one after the other
    for (const group of disjointGroups(phase.filter((b) => batchSize(b) > 0))) {
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < group.length; i = next++) {
          const b = group[i]!;
          const w = await service.writeValidated(b);
          totals.nodesCreated += w.nodesCreated;
          totals.relationshipsCreated += w.relationshipsCreated;
          opts.onBatch?.(batchSize(b));
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, opts.parallel) }, worker));
    }
  }
  return totals;
}

/** Consecutive runs of batches whose records (by kind and id) do not repeat within the run. */
function disjointGroups(batches: ValidBatch[]): ValidBatch[][] {
  const groups: ValidBatch[][] = [];
  let current: ValidBatch[] = [];
  let seen = new Set<string>();
  for (const b of batches) {
    const keys = [
      ...b.institutions.map((r) => `i:${r.name}`),
      ...b.actors.map((r) => `a:${r.id}`),
      ...b.complaints.map((r) => `c:${r.id}`),
      ...b.claims.map((r) => `l:${r.id}`),
      ...b.transfers.map((r) => `t:${r.id}`),
    ];
    if (keys.some((k) => seen.has(k))) {
      groups.push(current);
      current = [];
      seen = new Set();
    }
    current.push(b);
    for (const k of keys) seen.add(k);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
