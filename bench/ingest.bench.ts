// npm run bench:ingest [-- --actors N --seed S]: records/second of loading a seed world through the ingest path,
// and whether the node and relationship counts in Neo4j match what the generator wrote.
import { Command } from 'commander';
import { ingestFile } from '../src/ingest/file-ingest.js';
import { QUERY_MS } from '../src/ingest/ingest.service.js';
import { benchDb, graphCounts, writeWorld, runBench } from './bench-support.js';

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
      process.exitCode = mismatches.length === 0 && res.rejected.length === 0 ? 0 : 1;
    } finally {
      await db.stop();
    }
  });

runBench(program);
