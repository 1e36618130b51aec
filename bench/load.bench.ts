// npm run bench:load [-- --rate 200 --duration 60 --actors 20000]: the report routes (GET /v1/rings, /v1/rings/:id,
// /v1/actors/:id) under a fixed request rate against the real service (compiled, in its own process, listening on
// 127.0.0.1) over a loaded seed world, while an ingest runs at the same time; prints p50/p99 latency, throughput,
// errors.
import { readFileSync, rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { Command, Option } from 'commander';
import { generateWorld } from '../seed/world.generator.js';
import {
  benchDb,
  metricValues,
  startService,
  writeWorld,
  type BenchService,
  loadWorldFile,
  detectOnce,
  runBench,
} from './bench-support.js';

const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  rate: number;
  duration: number;
  warmup: number;
  actors: number;
  seed: number;
  connections: number;
  ingestChunk: number;
  ingestRate: number;
  ingest: boolean;
  ingestFeed: 'fresh' | 'resend';
  cpuProf: boolean;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const program = new Command('bench:load')
  .option('--rate <n>', 'requests per second, all connections together', int, 200)
  .option('--duration <s>', 'seconds of measured load', int, 60)
  .option(
    '--warmup <s>',
    'seconds of the same load (ingest included) first, not measured: a freshly started service has an empty report cache and a cold JIT',
    int,
    15,
  )
  .option('--actors <n>', 'actors in the seed world', int, 20_000)
  .option('--seed <n>', 'world seed', int, 7)
  .option('--connections <n>', 'concurrent connections', int, 16)
  .option('--ingest-chunk <n>', 'NDJSON lines per concurrent ingest request', int, 500)
  .option(
    '--ingest-rate <n>',
    'records per second the concurrent ingest aims at (0: as fast as it can)',
    int,
    1000,
  )
  .addOption(
    new Option(
      '--ingest-feed <kind>',
      'what the concurrent ingest sends: new records, or the loaded ones again',
    )
      .choices(['fresh', 'resend'])
      .default('fresh'),
  )
  .option('--no-ingest', 'no concurrent ingest (a baseline)')
  .option(
    '--cpu-prof',
    'write a CPU profile of the service process (node --cpu-prof, into the working directory)',
  )
  .action(async (opts: Opts) => {
    const { dir, file, world } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb();
    let server: BenchService | undefined;
    try {
      // 1. the world, loaded and analysed by this process
      const t0 = performance.now();
      await loadWorldFile(db.ctx, file);
      await detectOnce(db.ctx, { seed: opts.seed });
      console.log(
        `world: ${opts.actors} actors, ${world.records.length} records, loaded and analysed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );

      // 2. the service in its own process, as `npm start` runs it
      server = await startService(db.ctx, { nodeArgs: opts.cpuProf ? ['--cpu-prof'] : [] });
      const base = server.base;
      const auth = { authorization: `Bearer ${await server.createKey('bench-load', 'analyst')}` };
      const feederKey = await server.createKey('bench-ingest', 'ingest');

      // 3. what to ask for: ring pages, the reported rings, their members and random actors
      const rings = (await json(await fetch(`${base}/v1/rings?limit=200&minScore=0`, { headers: auth })))
        .rings as {
        id: string;
        organizerId: string | null;
      }[];
      const ringIds = rings.map((r) => r.id);
      const actorIds = [
        ...rings.map((r) => r.organizerId).filter((x): x is string => !!x),
        ...world.records
          .filter((r) => (r as { type?: string }).type === 'actor')
          .slice(0, 2000)
          .map((r) => (r as { id: string }).id),
      ];
      if (ringIds.length === 0) throw new Error('the world produced no rings');
      let i = 0;
      const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
      const nextPath = () => {
        i++;
        if (i % 3 === 0) return `/v1/rings?limit=${pick([10, 50])}`;
        if (i % 3 === 1) return `/v1/rings/${pick(ringIds)}`;
        return `/v1/actors/${encodeURIComponent(pick(actorIds))}`;
      };

      // 4. an ingest running meanwhile, in NDJSON chunks at a steady rate, one transaction per request. `fresh`: the
      // records of another seed world (new actors, complaints and transfers arriving, as parties feed them);
      // `resend`: the loaded world's own records again (idempotent MERGE writes on the very nodes being read, which
      // also invalidates every cached report that shows them: the worst case for the report cache).
      const lines =
        opts.ingestFeed === 'resend'
          ? readFileSync(file, 'utf8').split('\n').filter(Boolean)
          : generateWorld({ actors: opts.actors, seed: opts.seed + 1 }).records.map((r) => JSON.stringify(r));
      let ingesting = opts.ingest;
      const ingested = { requests: 0, records: 0, failed: 0 };
      const ingestLoop = (async () => {
        const started = performance.now();
        for (let at = 0; ingesting; at = (at + opts.ingestChunk) % lines.length) {
          const due =
            opts.ingestRate > 0 ? (ingested.requests * opts.ingestChunk * 1000) / opts.ingestRate : 0;
          const wait = due - (performance.now() - started);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (!ingesting) break;
          const res = await fetch(`${base}/v1/ingest`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${feederKey}`,
              'content-type': 'application/x-ndjson',
            },
            body: lines.slice(at, at + opts.ingestChunk).join('\n'),
          });
          await res.arrayBuffer();
          ingested.requests++;
          if (res.ok) ingested.records += Math.min(opts.ingestChunk, lines.length - at);
          else ingested.failed++;
        }
      })();

      // 5. the load
      console.log(
        `load: ${opts.rate} req/s for ${opts.warmup} s of warm-up, then ${opts.duration} s measured, over ${opts.connections} connections to ${base} ` +
          `(${ringIds.length} rings, ${actorIds.length} actors to pick from)` +
          (opts.ingest
            ? `, ingest (${opts.ingestFeed}) of ${opts.ingestChunk}-line NDJSON requests at ${opts.ingestRate || 'max'} records/s meanwhile`
            : ''),
      );
      const drive = (duration: number) =>
        autocannon({
          url: base,
          connections: opts.connections,
          duration,
          overallRate: opts.rate,
          headers: auth,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
        });
      if (opts.warmup > 0) await drive(opts.warmup);
      const measuredFrom = { ...ingested };
      const metricsBefore = metricValues(await server.metrics());
      const result = await drive(opts.duration);
      const metricsAfter = metricValues(await server.metrics());
      ingesting = false;
      await ingestLoop;

      const errors = result.errors + result.timeouts + result.non2xx;
      console.log(
        `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      );
      console.log(
        `throughput: ${result.requests.average.toFixed(1)} req/s (${result['2xx']} answered 2xx of ${result.requests.sent} sent)`,
      );
      console.log(
        `errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
      );
      const during = {
        requests: ingested.requests - measuredFrom.requests,
        records: ingested.records - measuredFrom.records,
        failed: ingested.failed - measuredFrom.failed,
      };
      console.log(
        `concurrent ingest while measured: ${during.requests} requests, ${during.records} records ` +
          `(${(during.records / opts.duration).toFixed(0)} records/s), ${during.failed} failed`,
      );
      const delta = (series: string) => (metricsAfter.get(series) ?? 0) - (metricsBefore.get(series) ?? 0);
      const hits = delta('ringmap_report_cache_lookups{outcome="hit"}');
      const misses = delta('ringmap_report_cache_lookups{outcome="miss"}');
      console.log(
        `report cache while measured: ${hits} hits, ${misses} misses (${((100 * hits) / Math.max(1, hits + misses)).toFixed(0)}% hits)`,
      );
      for (const route of ['/v1/rings', '/v1/rings/:id', '/v1/actors/:id']) {
        const labels = `method="GET",route="${route}",status="200"`;
        const n = delta(`ringmap_http_request_duration_seconds_count{${labels}}`);
        const fast = delta(`ringmap_http_request_duration_seconds_bucket{le="0.005",${labels}}`);
        const sum = delta(`ringmap_http_request_duration_seconds_sum{${labels}}`);
        console.log(
          `  ${route}: ${n} answers, server time mean ${((1000 * sum) / Math.max(1, n)).toFixed(1)} ms, ${((100 * fast) / Math.max(1, n)).toFixed(0)}% within 5 ms`,
        );
      }
      const ok = result.latency.p99 < 100 && errors === 0;
      console.log(`target (p99 < 100 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`);
      process.exitCode = ok ? 0 : 1;
    } finally {
      await server?.stop();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

runBench(program);
