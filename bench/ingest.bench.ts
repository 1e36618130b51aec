// npm run bench:ingest [-- --actors N --seed S]: records/second of loading a seed world through the ingest path,
// and whether the node and relationship counts in Neo4j match what the generator wrote; then, in the same run and
// on the same database, the floor: the same rows written by bare UNWIND CREATE statements (no MERGE, no relationship,
// no index; removed after), one transaction per chunk, which no write path of these rows can beat.
import { Command } from 'commander';
import { ingestFile } from '../src/ingest/file-ingest.js';
import { QUERY_MS } from '../src/ingest/ingest.service.js';
import { writeStatements } from '../src/ingest/write-statements.js';
import { validateInput } from '../src/import/bulk-import.js';
import type { AppContext } from '../src/app-context.js';
import { benchDb, graphCounts, writeWorld, runBench } from './bench-support.js';

/** The floor's one statement: every row a node of its own, its properties as sent. */
const FLOOR_CREATE = 'UNWIND $rows AS r CREATE (x:IngestFloor) SET x = r';

const program = new Command('bench:ingest')
  .option('--actors <n>', 'actors in the world', (v) => Number.parseInt(v, 10), 20_000)
  .option('--seed <n>', 'world seed', (v) => Number.parseInt(v, 10), 7)
  .option('--chunk <n>', 'lines per transaction', (v) => Number.parseInt(v, 10), 5000)
  .action(async (opts: { actors: number; seed: number; chunk: number }) => {
    const { file, world, seconds: genSeconds } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb();
    try {
      const res = await ingestFile(db.ctx.ingest, file, {
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
        `world: ${opts.actors} actors, seed ${opts.seed}, ${res.records} records (generated in ${genSeconds.toFixed(1)} s)`,
      );
      console.log(
        `ingest: ${res.accepted} records in ${res.seconds.toFixed(1)} s = ${rps} records/s (validation + ${opts.chunk}-line transactions)`,
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
      const sent = writeStatements(batch, ctx.config.ingest.batchSize).map(({ rows }) =>
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
