// npm run bench:load [-- --rate 200 --duration 60 --actors 20000]: the report routes (GET /v1/rings, /v1/rings/:id,
// /v1/actors/:id) under a fixed request rate against the real service (`src/main.ts` in its own process, listening on
// 127.0.0.1) over a loaded seed world, while an ingest runs at the same time; prints p50/p99 latency, throughput,
// errors.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { ingestFile } from '../src/ingest/file-ingest.js';
import { freePort } from '../src/store/bundled-neo4j.js';
import { benchDb, writeWorld } from './bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  rate: number;
  duration: number;
  actors: number;
  seed: number;
  connections: number;
  ingestChunk: number;
  ingestRate: number;
  ingest: boolean;
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not become ready within 60 s');
}

async function json(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const program = new Command('bench:load')
  .option('--rate <n>', 'requests per second, all connections together', int, 200)
  .option('--duration <s>', 'seconds of load', int, 60)
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
  .option('--no-ingest', 'no concurrent ingest (a baseline)')
  .action(async (opts: Opts) => {
    const { dir, file, world } = await writeWorld(opts.actors, opts.seed);
    const db = await benchDb();
    let server: ChildProcess | undefined;
    try {
      // 1. the world, loaded and analysed by this process
      const t0 = performance.now();
      await ingestFile(db.ctx.ingest, file, {
        partial: false,
        source: 'bench',
        linesPerChunk: 5000,
        idHmacSecret: db.ctx.config.idHmacSecret,
        knownActors: (ids) => db.ctx.ingest.knownActors(ids),
      });
      const { runId } = await db.ctx.runs.start({ seed: opts.seed });
      const run = await db.ctx.runs.waitFor(runId);
      if (run.status !== 'succeeded') throw new Error(`detection failed: ${run.error}`);
      console.log(
        `world: ${opts.actors} actors, ${world.records.length} records, loaded and analysed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );

      // 2. the service in its own process, as `npm start` runs it
      const adminKey = `admin-${randomBytes(16).toString('hex')}`;
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          NEO4J_URI: db.ctx.db.uri,
          RINGMAP_API_KEYS: `admin:bench-admin:${adminKey}`,
          RINGMAP_ID_HMAC_SECRET: db.ctx.config.idHmacSecret,
          RINGMAP_EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519')
            .privateKey.export({ format: 'pem', type: 'pkcs8' })
            .toString(),
        },
      });
      await waitReady(base, server);
      const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
      // NOTE: the load key's own rate limit is raised above the default (600/min) so the limiter does not shape the run
      const reader = await json(
        await fetch(`${base}/v1/keys`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ name: 'bench-load', role: 'analyst', rateLimitPerMin: 1_000_000 }),
        }),
      );
      const feeder = await json(
        await fetch(`${base}/v1/keys`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ name: 'bench-ingest', role: 'ingest', rateLimitPerMin: 1_000_000 }),
        }),
      );
      const auth = { authorization: `Bearer ${reader.key as string}` };

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

      // 4. an ingest running meanwhile: the world's records re-sent in NDJSON chunks at a steady rate, as parties
      // feed it (idempotent MERGE writes on the very nodes being read, one transaction per request)
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
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
              authorization: `Bearer ${feeder.key as string}`,
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
        `load: ${opts.rate} req/s for ${opts.duration} s over ${opts.connections} connections to ${base} ` +
          `(${ringIds.length} rings, ${actorIds.length} actors to pick from)` +
          (opts.ingest
            ? `, ingest of ${opts.ingestChunk}-line NDJSON requests at ${opts.ingestRate || 'max'} records/s meanwhile`
            : ''),
      );
      const result = await autocannon({
        url: base,
        connections: opts.connections,
        duration: opts.duration,
        overallRate: opts.rate,
        headers: auth,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
      });
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
      console.log(
        `concurrent ingest: ${ingested.requests} requests, ${ingested.records} records ` +
          `(${(ingested.records / opts.duration).toFixed(0)} records/s), ${ingested.failed} failed`,
      );
      const ok = result.latency.p99 < 100 && errors === 0;
      console.log(`target (p99 < 100 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`);
      process.exitCode = ok ? 0 : 1;
    } finally {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server!.once('exit', r));
      }
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`bench:load: ${(e as Error).message}`);
  process.exit(1);
});
