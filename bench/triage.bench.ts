// npm run bench:triage [-- --actors 200000 --requests 20000 --concurrency 100 | --rate 1000]: p50/p99 latency and
// throughput of POST /v1/score against the real service (compiled, in its own process, so the load client does not
// share its event loop) over a seed world loaded into a throwaway Neo4j and analysed once, with a bare Express app
// measured in the same run, right before and right after, under the same client and load (the floor).
// Closed loop (default): autocannon, --concurrency requests in flight. Open loop (--rate N): N requests a second
// sent on schedule whatever the answers do, latency measured from the scheduled send time (bench/open-loop.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
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
import { openLoop } from './open-loop.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  actors: number;
  seed: number;
  requests: number;
  concurrency: number;
  rate?: number;
  andClosed: boolean;
  compare?: string;
  warmup: number;
  cpuProf: boolean;
  floor: boolean;
}

/** One measured load, closed or open loop. */
interface Figures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** answered 2xx a second */
  rps: number;
  errors: number;
  detail: string;
}

interface Target {
  base: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  onResponse?: (status: number, text: string) => void;
}

/** Drives `amount` requests at a target: closed loop at `concurrency`, or open loop at `rate` requests a second. */
async function drive(t: Target, amount: number, o: { concurrency: number; rate?: number }): Promise<Figures> {
  const headers = { 'content-type': 'application/json', ...t.headers };
  if (o.rate) {
    // NOTE: at most as many connections as the closed loop has: a request finding them all busy waits in the client,
    // and that wait counts (latency from the scheduled time); a new connection for each would measure connect storms.
    const r = await openLoop({
      ...t,
      headers,
      path: '/v1/score',
      rate: o.rate,
      requests: amount,
      maxSockets: o.concurrency,
    });
    return {
      ...r.latency,
      rps: r.throughput,
      errors: r.errors + r.non2xx,
      detail: `connection ${r.errors}, non-2xx ${r.non2xx}; client send lag at most ${r.maxSendLagMs.toFixed(1)} ms`,
    };
  }
  let n = 0;
  const r = await autocannon({
    url: t.base,
    connections: o.concurrency,
    amount,
    timeout: 30,
    headers,
    requests: [
      {
        method: 'POST',
        path: '/v1/score',
        setupRequest: (req) => ({ ...req, body: t.body(n++) }),
        onResponse: (status, text) => t.onResponse?.(status, text),
      },
    ],
  });
  return {
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: r['2xx'] / r.duration,
    errors: r.errors + r.timeouts + r.non2xx,
    detail: `connection ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`,
  };
}

/** The least an Express service can do on this machine (express.json, one route, no other middleware). */
async function startFloor(): Promise<{ base: string; stop: () => void }> {
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
  await once(child.stdout, 'data');
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const fmt = (f: Figures) =>
  `p50 ${f.p50.toFixed(1)} ms, p90 ${f.p90.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms, ` +
  `${f.rps.toFixed(0)} requests/s answered 2xx, errors ${f.errors} (${f.detail})`;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const program = new Command('bench:triage')
  .option('--actors <n>', 'actors in the seed world', int, 200_000)
  .option('--seed <n>', 'world seed', int, 7)
  .option('--requests <n>', 'measured requests', int, 20_000)
  .option('--concurrency <n>', 'requests in flight (one per connection), closed loop', int, 100)
  .option('--rate <n>', 'open loop instead: requests a second, latency from the scheduled send time', int)
  .option(
    '--and-closed',
    'with --rate: the closed-loop phase first, in the same run (one world load for both)',
  )
  .option(
    '--compare <dir>',
    'another checkout of ringmap, built (npm run build), measured in the same run right before this one',
  )
  .option('--warmup <n>', 'requests sent first and not measured (JIT, first index build)', int, 2_000)
  .option('--no-floor', 'skip measuring a bare Express app under the same client before and after')
  .option(
    '--cpu-prof',
    'write a CPU profile of the service process (node --cpu-prof, into the working directory)',
  )
  .action(async (opts: Opts) => {
    const { dir, file, world } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb(6144);
    const services: BenchService[] = [];
    let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
    try {
      const t0 = performance.now();
      const loaded = await loadWorldFile(db.ctx, file);
      console.log(`loaded ${loaded.accepted} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const run = await detectOnce(db.ctx, { seed: opts.seed });
      console.log(`detection: ${run.status} ${JSON.stringify(run.stages)}`);

      /** Starts a service (this checkout's, or --compare's), makes its key and builds its triage index. */
      const prepare = async (
        root?: string,
      ): Promise<{ service: BenchService; auth: Record<string, string> }> => {
        const service = await startService(db.ctx, {
          nodeArgs: opts.cpuProf && !root ? ['--cpu-prof'] : [],
          ...(root ? { root } : {}),
        });
        services.push(service);
        const key = await service.createKey(root ? 'bench-triage-compare' : 'bench-triage', 'ingest');
        const auth = { authorization: `Bearer ${key}` };
        const built = performance.now();
        const first = await fetch(`${service.base}/v1/score`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
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
        console.log(
          `${root ? `--compare ${root}` : 'ringmap'}: first request (builds the triage index): ` +
            `${Math.round(performance.now() - built)} ms`,
        );
        return { service, auth };
      };
      const main = await prepare();
      const compare = opts.compare ? await prepare(opts.compare) : undefined;

      // A third reuse a ring organiser's phone, a third write a hotline, a third are unrelated newcomers.
      const phones = world.records
        .filter((r) => r.type === 'actor' && world.truth.rings.some((t) => t.organizerIds.includes(r.id)))
        .flatMap((r) => (r as { phones?: string[] }).phones ?? []);
      const hotlines = world.truth.noise.hotlines;
      let sent = 0;
      const body = () => {
        const i = sent++;
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
      const targetOf = (p: { service: BenchService; auth: Record<string, string> }): Target => ({
        base: p.service.base,
        headers: p.auth,
        body,
        onResponse: (status, text) => {
          const level = status === 200 ? (JSON.parse(text) as { level: string }).level : String(status);
          levels[level] = (levels[level] ?? 0) + 1;
        },
      });
      const ringmap = targetOf(main);
      const floorBody = JSON.stringify({ type: 'complaint', id: 'floor', complainantId: 'floor' });
      console.log(
        `world: ${opts.actors} actors; ${opts.requests} measured requests a phase; load average ${load()}`,
      );

      /** One phase: the floor, ringmap, the floor again, all under the same client; true if its targets are met. */
      const phase = async (o: { concurrency: number; rate?: number }): Promise<boolean> => {
        console.log(
          o.rate
            ? `-- open loop at ${o.rate} requests/s (latency from the scheduled send time)`
            : `-- closed loop at concurrency ${o.concurrency}`,
        );
        const measureFloor = async (when: string): Promise<Figures> => {
          floor ??= await startFloor();
          const t: Target = { base: floor.base, headers: {}, body: () => floorBody };
          if (opts.warmup > 0) await drive(t, opts.warmup, o);
          const f = await drive(t, opts.requests, o);
          console.log(`floor ${when} (bare Express 5, same client): ${fmt(f)}; load average ${load()}`);
          return f;
        };
        const before = opts.floor ? await measureFloor('before') : undefined;
        let c: Figures | undefined;
        if (compare) {
          if (opts.warmup > 0) await drive(targetOf(compare), opts.warmup, o);
          levels = {};
          c = await drive(targetOf(compare), opts.requests, o);
          console.log(`--compare: ${fmt(c)}; answers ${JSON.stringify(levels)}; load average ${load()}`);
        }
        if (opts.warmup > 0) await drive(ringmap, opts.warmup, o);
        levels = {};
        const r = await drive(ringmap, opts.requests, o);
        console.log(`ringmap: ${fmt(r)}; answers ${JSON.stringify(levels)}; load average ${load()}`);
        const after = opts.floor ? await measureFloor('after') : undefined;
        floor?.stop();
        floor = undefined;

        let ok = r.errors === 0;
        if (o.rate) {
          ok &&= r.p99 < 50;
          console.log(`target (open loop at ${o.rate}/s: p99 < 50 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`);
        }
        for (const [when, f] of [
          ['before', before],
          ['after', after],
        ] as const) {
          if (!f) continue;
          if (c)
            console.log(
              `--compare's ratio to the floor ${when}: p99 ${(c.p99 / f.p99).toFixed(2)}×, ` +
                `throughput ${(c.rps / f.rps).toFixed(2)}×`,
            );
          const p99 = r.p99 / f.p99;
          const rps = r.rps / f.rps;
          const met = p99 <= 1.5 && rps >= 0.6;
          console.log(
            `ratio to the floor ${when}: p99 ${p99.toFixed(2)}×, throughput ${rps.toFixed(2)}×` +
              (o.rate ? '' : ` (targets p99 ≤ 1.5×, throughput ≥ 0.6×: ${met ? 'met' : 'NOT met'})`),
          );
          if (!o.rate) ok &&= met;
        }
        return ok;
      };
      let ok = true;
      if (!opts.rate || opts.andClosed) ok = (await phase({ concurrency: opts.concurrency })) && ok;
      if (opts.rate) ok = (await phase({ concurrency: opts.concurrency, rate: opts.rate })) && ok;
      console.log(`targets: ${ok ? 'met' : 'NOT met'}`);
      process.exitCode = ok ? 0 : 1;
    } finally {
      floor?.stop();
      for (const service of services) await service.stop();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

runBench(program);
