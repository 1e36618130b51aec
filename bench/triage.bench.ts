// npm run bench:triage [-- --actors 200000 --requests 20000 --concurrency 100]: p50/p99 latency and throughput of
// POST /v1/score against a real listening server, on a seed world loaded into a throwaway Neo4j.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { ingestFile } from '../src/ingest/file-ingest.js';
import { benchDb, writeWorld } from './bench-support.js';

const KEY = 'bench-ingest-key-0123456789';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const program = new Command('bench:triage')
  .option('--actors <n>', 'actors in the seed world', (v) => Number.parseInt(v, 10), 200_000)
  .option('--seed <n>', 'world seed', (v) => Number.parseInt(v, 10), 7)
  .option('--requests <n>', 'total requests', (v) => Number.parseInt(v, 10), 20_000)
  .option('--concurrency <n>', 'requests in flight', (v) => Number.parseInt(v, 10), 100)
  .action(async (opts: { actors: number; seed: number; requests: number; concurrency: number }) => {
    const { file, world } = await writeWorld(opts.actors, opts.seed);
    // NOTE: the per-key rate limit would answer most of a load test with 429; the bench measures triage itself.
    const db = await benchDb(6144, {
      RINGMAP_API_KEYS: `ingest:bench:${KEY}`,
      RINGMAP_RATE_LIMIT_PER_MIN: '10000000',
    });
    try {
      const t0 = performance.now();
      const loaded = await ingestFile(db.ctx.ingest, file, {
        partial: false,
        source: 'bench',
        linesPerChunk: 5000,
        idHmacSecret: db.ctx.config.idHmacSecret,
        knownActors: (ids) => db.ctx.ingest.knownActors(ids),
      });
      console.log(`loaded ${loaded.accepted} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const { runId } = await db.ctx.runs.start({ seed: opts.seed });
      const run = await db.ctx.runs.waitFor(runId);
      console.log(`detection: ${run.status} ${JSON.stringify(run.stages)}`);
      const built = performance.now();
      await db.ctx.triage.currentIndex();
      console.log(`triage index built in ${Math.round(performance.now() - built)} ms`);

      const server = db.ctx.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const port = (server.address() as AddressInfo).port;

      // A third reuse a ring's contact phone, a third write a hotline, a third are unrelated newcomers.
      const phones = world.records
        .filter((r) => r.type === 'actor' && world.truth.rings.some((t) => t.organizerIds.includes(r.id)))
        .flatMap((r) => (r as { phones?: string[] }).phones ?? []);
      const hotlines = world.truth.noise.hotlines;
      const body = (i: number) =>
        JSON.stringify({
          type: 'complaint',
          id: `bench-${i}`,
          filedAt: '2026-06-01T10:00:00+08:00',
          complainantId: `bench-actor-${i}`,
          institution: '中国工商银行',
          category: 'fee_refund',
          ...(i % 3 === 0
            ? { contactPhone: phones[i % phones.length] }
            : i % 3 === 1
              ? { contactPhone: hotlines[i % hotlines.length] }
              : {}),
        });
      const latencies: number[] = [];
      let errors = 0;
      let next = 0;
      const levels: Record<string, number> = {};
      const worker = async () => {
        while (next < opts.requests) {
          const i = next++;
          const s = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}/v1/score`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
            body: body(i),
          });
          const json = (await res.json()) as { level?: string };
          latencies.push(performance.now() - s);
          if (res.status !== 200) errors++;
          else levels[json.level ?? '?'] = (levels[json.level ?? '?'] ?? 0) + 1;
        }
      };
      const start = performance.now();
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
      const seconds = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      console.log(
        `world: ${opts.actors} actors; ${opts.requests} requests at concurrency ${opts.concurrency}`,
      );
      console.log(
        `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`,
      );
      console.log(
        `throughput: ${(opts.requests / seconds).toFixed(0)} requests/s; errors: ${errors}; levels: ${JSON.stringify(levels)}`,
      );
      server.close();
    } finally {
      await db.stop();
    }
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`bench:triage: ${(e as Error).message}`);
  process.exit(1);
});
