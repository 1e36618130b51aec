// npm run bench:triage [-- --actors 200000 --requests 20000 --concurrency 100]: p50/p99 latency and throughput of
// POST /v1/score, driven by autocannon against the real service (compiled, in its own process, so the load client
// does not share its event loop) over a seed world loaded into a throwaway Neo4j and analysed once.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { freePort } from '../src/bundled/bundled-neo4j.js';
import {
  benchDb,
  startService,
  writeWorld,
  type BenchService,
  loadWorldFile,
  detectOnce,
  runBench,
} from './bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  actors: number;
  seed: number;
  requests: number;
  concurrency: number;
  warmup: number;
  cpuProf: boolean;
  floor: boolean;
}

/** The same load against the least an Express service can do on this machine: where the latency floor is. */
async function expressFloor(concurrency: number, requests: number): Promise<autocannon.Result> {
  const port = await freePort();
  const code =
    "import express from 'express';" +
    'const app = express(); app.use(express.json());' +
    "app.post('/v1/score', (req, res) => res.json({ id: req.body.id, risk: 0, level: 'low' }));" +
    `app.listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await once(child.stdout, 'data');
    const body = JSON.stringify({ type: 'complaint', id: 'floor', complainantId: 'floor' });
    const drive = (amount: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: concurrency,
        amount,
        headers: { 'content-type': 'application/json' },
        requests: [{ method: 'POST', path: '/v1/score', body }],
      });
    await drive(2000);
    return await drive(requests);
  } finally {
    child.kill();
  }
}

const program = new Command('bench:triage')
  .option('--actors <n>', 'actors in the seed world', int, 200_000)
  .option('--seed <n>', 'world seed', int, 7)
  .option('--requests <n>', 'measured requests', int, 20_000)
  .option('--concurrency <n>', 'requests in flight (one per connection)', int, 100)
  .option('--warmup <n>', 'requests sent first and not measured (JIT, first index build)', int, 2_000)
  .option('--no-floor', 'skip measuring a bare Express app under the same client afterwards')
  .option(
    '--cpu-prof',
    'write a CPU profile of the service process (node --cpu-prof, into the working directory)',
  )
  .action(async (opts: Opts) => {
    const { dir, file, world } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb(6144);
    let server: BenchService | undefined;
    try {
      const t0 = performance.now();
      const loaded = await loadWorldFile(db.ctx, file);
      console.log(`loaded ${loaded.accepted} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const run = await detectOnce(db.ctx, { seed: opts.seed });
      console.log(`detection: ${run.status} ${JSON.stringify(run.stages)}`);

      server = await startService(db.ctx, { nodeArgs: opts.cpuProf ? ['--cpu-prof'] : [] });
      const key = await server.createKey('bench-triage', 'ingest');
      const built = performance.now();
      const first = await fetch(`${server.base}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          type: 'complaint',
          id: 'bench-first',
          filedAt: '2026-06-01T10:00:00+08:00',
          complainantId: 'bench-first',
          institution: '中国工商银行',
          category: 'fee_refund',
        }),
      });
      if (!first.ok) throw new Error(`first score: ${first.status} ${await first.text()}`);
      console.log(`first request (builds the triage index): ${Math.round(performance.now() - built)} ms`);

      // A third reuse a ring organiser's phone, a third write a hotline, a third are unrelated newcomers.
      const phones = world.records
        .filter((r) => r.type === 'actor' && world.truth.rings.some((t) => t.organizerIds.includes(r.id)))
        .flatMap((r) => (r as { phones?: string[] }).phones ?? []);
      const hotlines = world.truth.noise.hotlines;
      let n = 0;
      const body = () => {
        const i = n++;
        return JSON.stringify({
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
      };
      let levels: Record<string, number> = {};
      const drive = (amount: number) =>
        autocannon({
          url: server!.base,
          connections: opts.concurrency,
          amount,
          timeout: 30,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          requests: [
            {
              method: 'POST',
              path: '/v1/score',
              setupRequest: (req) => ({ ...req, body: body() }),
              onResponse: (status, text) => {
                const level = status === 200 ? (JSON.parse(text) as { level: string }).level : String(status);
                levels[level] = (levels[level] ?? 0) + 1;
              },
            },
          ],
        });
      if (opts.warmup > 0) await drive(opts.warmup);
      levels = {};
      const result = await drive(opts.requests);
      const errors = result.errors + result.timeouts + result.non2xx;
      console.log(
        `world: ${opts.actors} actors; ${result.requests.sent} requests at concurrency ${opts.concurrency} ` +
          `(after ${opts.warmup} warm-up requests)`,
      );
      console.log(
        `latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      );
      console.log(
        `throughput: ${(result['2xx'] / result.duration).toFixed(0)} requests/s answered 2xx; errors: ${errors} ` +
          `(connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}); ` +
          `answers: ${JSON.stringify(levels)}`,
      );
      const ok = result.latency.p99 < 50 && errors === 0;
      console.log(`target (p99 < 50 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`);
      if (opts.floor) {
        const f = await expressFloor(opts.concurrency, opts.requests);
        console.log(
          `for scale, a bare Express 5 app (express.json, one route answering res.json, no other middleware) under ` +
            `the same client: p50 ${f.latency.p50} ms, p99 ${f.latency.p99} ms, ${(f['2xx'] / f.duration).toFixed(0)} requests/s`,
        );
      }
      process.exitCode = ok ? 0 : 1;
    } finally {
      await server?.stop();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

runBench(program);
