// npm run bench:ingest [-- --actors N --seed S --http]: records/second of loading a seed world through the ingest
// path (`npm run ingest`'s, or with --http POST /v1/ingest of NDJSON, one request per chunk), and whether the node and relationship counts in Neo4j match what the generator wrote; then, in the same run and
// on the same database, the floor: the same rows written by bare UNWIND CREATE statements (no MERGE, no relationship,
// no index; removed after), one transaction per chunk, which no write path of these rows can beat.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { ingestFile } from '../src/ingest/file-ingest.js';
import { QUERY_MS, type IngestResult } from '../src/ingest/ingest.service.js';
import { ndjsonChunks } from '../src/ingest/ndjson-file.js';
import { writeStatements } from '../src/ingest/write-statements.js';
import { validateInput } from '../src/import/bulk-import.js';
import type { AppContext } from '../src/app-context.js';
import { benchDb, graphCounts, writeWorld, runBench } from './bench-support.js';

/** The floor's one statement: every row a node of its own, its properties as sent. */
const FLOOR_CREATE = 'UNWIND $rows AS r CREATE (x:IngestFloor) SET x = r';
/** Rows per floor statement, whatever RINGMAP_INGEST_BATCH says: one statement per kind of row and chunk. */
const FLOOR_ROWS = 20_000;

const program = new Command('bench:ingest')
  .option('--actors <n>', 'actors in the world', (v) => Number.parseInt(v, 10), 20_000)
  .option('--seed <n>', 'world seed', (v) => Number.parseInt(v, 10), 7)
  .option('--chunk <n>', 'lines per transaction', (v) => Number.parseInt(v, 10), 5000)
  .option('--http', 'POST /v1/ingest to the service (in this process), one request per chunk', false)
  .action(async (opts: { actors: number; seed: number; chunk: number; http: boolean }) => {
    const { file, world, seconds: genSeconds } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb();
    try {
      const res = opts.http
        ? await ingestOverHttp(db.ctx, file, opts.chunk)
        : await ingestFile(db.ctx.ingest, file, {
            partial: false,
            source: 'bench',
            linesPerChunk: opts.chunk,
            idHmacSecret: db.ctx.config.idHmacSecret,
            knownActors: (ids) => db.ctx.ingest.knownActors(ids),
          });
      const counts = await graphCounts(db.ctx);
      const expected = world.expectedCounts;
      const mismatches: string[] = [];
      for (const [label, n] of Object.entries(expected.nodes))
        if ((counts.nodes[label] ?? 0) !== n)
          mismatches.push(`${label}: ${counts.nodes[label] ?? 0} != ${n}`);
      for (const [type, n] of Object.entries(expected.relationships))
        if ((counts.relationships[type] ?? 0) !== n)
          mismatches.push(`${type}: ${counts.relationships[type] ?? 0} != ${n}`);
      const rps = Math.round(res.accepted / res.seconds);
      console.log(
        `world: ${opts.actors} actors, seed ${opts.seed}, ${world.records.length} records (generated in ${genSeconds.toFixed(1)} s)`,
      );
      console.log(
        `ingest${opts.http ? ' (POST /v1/ingest)' : ''}: ${res.accepted} records in ${res.seconds.toFixed(1)} s = ${rps} records/s (validation + ${opts.chunk}-line transactions)`,
      );
      console.log(`rejected: ${res.rejected.length}`);
      console.log(
        `time per write query: ${[...QUERY_MS].map(([q, ms]) => `${q} ${Math.round(ms)} ms`).join(', ')}`,
      );
      console.log(`nodes: ${JSON.stringify(counts.nodes)}`);
      console.log(`relationships: ${JSON.stringify(counts.relationships)}`);
      console.log(
        mismatches.length === 0
          ? 'counts: all match the generator'
          : `counts: MISMATCH ${mismatches.join('; ')}`,
      );
      const floor = await floorSeconds(db.ctx, file, opts.chunk);
      console.log(
        `floor (bare UNWIND CREATE of the same rows, ${opts.chunk}-line transactions): ${floor.toFixed(1)} s = ` +
          `${Math.round(res.accepted / floor)} records/s; ingest took ${(res.seconds / floor).toFixed(1)}× the floor`,
      );
      process.exitCode = mismatches.length === 0 && res.rejected.length === 0 ? 0 : 1;
    } finally {
      await db.stop();
    }
  });

/** POSTs the file as NDJSON, `lines` lines a request, one after the other, to the service listening in this process. */
async function ingestOverHttp(
  ctx: AppContext,
  file: string,
  lines: number,
): Promise<{ accepted: number; rejected: unknown[]; seconds: number }> {
  const { key } = await ctx.keys.create({
    name: `bench-ingest-${randomBytes(4).toString('hex')}`,
    role: 'ingest',
    rateLimitPerMin: 1_000_000,
  });
  const server = ctx.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const t0 = performance.now();
    let accepted = 0;
    const rejected: unknown[] = [];
    for await (const chunk of ndjsonChunks(file, lines)) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: chunk.text,
      });
      const body = (await res.json()) as IngestResult;
      if (!res.ok) throw new Error(`POST /v1/ingest: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      accepted += Object.values(body.accepted).reduce((a, b) => a + b, 0);
      rejected.push(...body.rejected);
    }
    return { accepted, rejected, seconds: (performance.now() - t0) / 1000 };
  } finally {
    server.close();
  }
}

/** Seconds to write the file's validated rows as bare nodes (validation not counted); the nodes are removed after. */
async function floorSeconds(ctx: AppContext, file: string, linesPerChunk: number): Promise<number> {
  const input = await validateInput([file], {
    idHmacSecret: ctx.config.idHmacSecret,
    source: 'bench',
    linesPerChunk,
  });
  const t0 = performance.now();
  for (const batch of input.batches) {
    await ctx.handle.inWrite(async (tx) => {
      const sent = writeStatements(batch, FLOOR_ROWS).map(({ rows }) =>
        tx.raw.run(FLOOR_CREATE, { rows }).summary(),
      );
      await Promise.all(sent);
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const session = ctx.handle.session();
  try {
    await session.run('MATCH (x:IngestFloor) CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  return seconds;
}

runBench(program);
