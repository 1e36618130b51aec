// Loads an NDJSON file through IngestService: first validates the whole file (nothing is written if any record
// is bad, unless partial), then writes it chunk by chunk, one transaction a chunk, validating the next chunk while
// the database writes this one.
import { statSync } from 'node:fs';
import type { FieldError } from '../shared/errors.js';
import type { RawRecord } from './ingest.schema.js';
import type { IngestService } from './ingest.service.js';
import { checkIdText } from './id-text.js';
import { ndjsonChunks, type Chunk } from './ndjson-file.js';
import {
  recordsFromNdjson,
  validateRecords,
  validateRecordsYielding,
  type ValidationContext,
} from './ingest.validator.js';

export interface FileIngestOptions {
  partial: boolean;
  source: string;
  linesPerChunk: number;
  idHmacSecret: string;
  /** Called after each chunk with bytes done and total bytes. */
  onProgress?: (doneBytes: number, totalBytes: number, phase: 'validate' | 'write') => void;
  /** Asks the database which of these actor ids exist. */
  knownActors: (ids: string[]) => Promise<Set<string>>;
}

export interface FileIngestResult {
  lines: number;
  records: number;
  accepted: number;
  rejected: FieldError[];
  written: { nodesCreated: number; relationshipsCreated: number };
  seconds: number;
}

export async function ingestFile(
  service: IngestService,
  file: string,
  opts: FileIngestOptions,
): Promise<FileIngestResult> {
  const started = process.hrtime.bigint();
  const total = statSync(file).size;

  // Pass 1: validate everything and check references across the whole file before writing anything.
  const errors: FieldError[] = [];
  const defined = new Set<string>();
  const refs: { actorId: string; error: FieldError }[] = [];
  let done = 0;
  let lines = 0;
  let records = 0;
  const ctx: ValidationContext = { idHmacSecret: opts.idHmacSecret, defaultSource: opts.source };
  for await (const chunk of ndjsonChunks(file, opts.linesPerChunk)) {
    const parsed = parse(chunk);
    const v = validateRecords(parsed.records, ctx);
    errors.push(...parsed.errors, ...v.errors);
    for (const a of v.batch.actors) defined.add(a.id);
    for (const r of v.actorRefs) {
      refs.push({
        actorId: r.actorId,
        error: {
          type: r.type,
          index: r.index,
          ...(r.line ? { line: r.line } : {}),
          id: r.id,
          field: r.field,
          message: `references unknown actor "${r.actorId}"`,
        },
      });
    }
    lines += chunk.lines;
    records += parsed.received;
    done += chunk.bytes;
    opts.onProgress?.(Math.min(done, total), total, 'validate');
  }
  const outside = [...new Set(refs.map((r) => r.actorId).filter((id) => !defined.has(id)))];
  const known = new Set<string>();
  for (let i = 0; i < outside.length; i += 10_000) {
    for (const id of await opts.knownActors(outside.slice(i, i + 10_000))) known.add(id);
  }
  for (const r of refs) if (!defined.has(r.actorId) && !known.has(r.actorId)) errors.push(r.error);
  if (errors.length > 0 && !opts.partial) {
    return {
      lines,
      records,
      accepted: 0,
      rejected: errors,
      written: { nodesCreated: 0, relationshipsCreated: 0 },
      seconds: secondsSince(started),
    };
  }

  // Pass 2: write, chunk by chunk (each chunk one transaction; re-running the file is idempotent). The next chunk is
  // parsed and validated while the database writes this one: the two use different processes (and cores).
  let accepted = 0;
  const written = { nodesCreated: 0, relationshipsCreated: 0 };
  const rejected: FieldError[] = [];
  done = 0;
  let writing: Promise<void> = Promise.resolve();
  let failed: { error: unknown } | undefined;
  for await (const chunk of ndjsonChunks(file, opts.linesPerChunk)) {
    const parsed = parse(chunk);
    const v = await validateRecordsYielding(parsed.records, ctx);
    await writing;
    if (failed) break;
    writing = service.accept(v, { partial: true }, parsed.errors).then(
      (res) => {
        accepted += Object.values(res.accepted).reduce((a, b) => a + b, 0);
        rejected.push(...res.rejected);
        written.nodesCreated += res.written.nodesCreated;
        written.relationshipsCreated += res.written.relationshipsCreated;
        done += chunk.bytes;
        opts.onProgress?.(Math.min(done, total), total, 'write');
      },
      // NOTE: kept, not left pending: a rejection nobody awaits yet would end the process
      (error: unknown) => void (failed = { error }),
    );
  }
  await writing;
  if (failed) throw failed.error;
  return { lines, records, accepted, rejected, written, seconds: secondsSince(started) };
}

/** A chunk's records as POST /v1/ingest reads them: JSON lines, then every string in NFC and ids without invisibles. */
function parse(chunk: Chunk): { records: RawRecord[]; errors: FieldError[]; received: number } {
  const parsed = recordsFromNdjson(chunk.text, chunk.firstLine);
  const checked = checkIdText(parsed.records);
  return {
    records: checked.records,
    errors: [...parsed.errors, ...checked.errors],
    received: parsed.records.length,
  };
}

const secondsSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
