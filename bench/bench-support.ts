// Shared set-up for the benchmarks: a throwaway bundled Neo4j (unless NEO4J_URI is set) and a seed world on disk.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorld } from '../seed/world.generator.js';
import type { World } from '../seed/world.types.js';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/app-context.js';
import { createLogger } from '../src/logger.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../src/bundled/bundled-neo4j.js';
import type { Command } from 'commander';
import type { DetectionParamsInput } from '../src/analytics/detection-params.js';
import { ingestFile } from '../src/ingest/file-ingest.js';
import type { RunRecord } from '../src/runs/run.repo.js';
import { Errors } from '../src/shared/errors.js';

export interface BenchDb {
  ctx: AppContext;
  stop(): Promise<void>;
}

export async function benchDb(heapMb = 4096, extraEnv: Record<string, string> = {}): Promise<BenchDb> {
  let dataDir: string | undefined;
  const env: Record<string, string | undefined> = {
    ...process.env,
    RINGMAP_ID_HMAC_SECRET: 'bench-secret-0123456789',
    ...extraEnv,
  };
  if (!env.NEO4J_URI) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-bench-neo4j-'));
    const db = await startBundledNeo4j({ dataDir, port: await freePort(), heapMb, pageCacheMb: 2048 });
    env.NEO4J_URI = db.uri;
    env.NEO4J_USER = db.user;
    env.NEO4J_PASSWORD = db.password;
  }
  const ctx = await createContext(loadConfig(env), createLogger('warn', process.stderr));
  return {
    ctx,
    stop: async () => {
      await ctx.close();
      if (dataDir) await stopBundledNeo4j(dataDir, { removeData: true });
    },
  };
}

export async function writeWorld(
  actors: number,
  seed: number,
): Promise<{ dir: string; file: string; world: World; seconds: number }> {
  const t0 = performance.now();
  const world = generateWorld({ actors, seed });
  const seconds = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(path.join(tmpdir(), `ringmap-world-${actors}-`));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'world.ndjson');
  const out = createWriteStream(file);
  for (const r of world.records) if (!out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  writeFileSync(path.join(dir, 'truth.json'), JSON.stringify(world.truth));
  return { dir, file, world, seconds };
}

export async function graphCounts(
  ctx: AppContext,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const s = ctx.db.driver.session();
  try {
    const n = await s.run('MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c');
    const r = await s.run('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c');
    return {
      nodes: Object.fromEntries(n.records.map((x) => [x.get('l') as string, Number(x.get('c'))])),
      relationships: Object.fromEntries(r.records.map((x) => [x.get('t') as string, Number(x.get('c'))])),
    };
  } finally {
    await s.close();
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchService {
  base: string;
  /** The service's process id. */
  pid: number;
  /** GET /metrics as the bench admin (Prometheus text). */
  metrics(): Promise<string>;
  /** Creates a named key with a role and a per-key rate limit high enough not to shape the load. */
  createKey(name: string, role: 'analyst' | 'ingest' | 'prosecutor'): Promise<string>;
  stop(): Promise<void>;
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

/**
 * The service in its own process, compiled and started as `npm start` does, on the benchmark's database: the load
 * client then does not share the server's event loop. `nodeArgs` pass flags to that process (e.g. `--cpu-prof`).
 */
export async function startService(
  ctx: AppContext,
  opts: {
    nodeArgs?: string[];
    env?: Record<string, string>;
    /** Another checkout, built already, whose service to start instead of this one's (a before/after comparison). */
    root?: string;
  } = {},
): Promise<BenchService> {
  const root = opts.root ?? ROOT;
  if (!opts.root) {
    const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const adminKey = `admin-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), path.join(root, 'dist', 'src', 'main.js')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NEO4J_URI: ctx.db.uri,
        NEO4J_USER: ctx.config.neo4j.user,
        NEO4J_PASSWORD: ctx.config.neo4j.password,
        // NOTE: a name of its own: a database reused from an earlier bench keeps that bench's key under its name
        RINGMAP_API_KEYS: `admin:bench-admin-${randomBytes(4).toString('hex')}:${adminKey}`,
        RINGMAP_ID_HMAC_SECRET: ctx.config.idHmacSecret,
        RINGMAP_EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
        ...opts.env,
      },
    },
  );
  await waitReady(base, child);
  return {
    base,
    pid: child.pid!,
    metrics: async () => {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } });
      if (!res.ok) throw new Error(`GET /metrics: ${res.status}`);
      return res.text();
    },
    createKey: async (name, role) => {
      const res = await fetch(`${base}/v1/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        // NOTE: the default per-key limit (600/min) would answer most of a load test with 429
        body: JSON.stringify({ name, role, rateLimitPerMin: 1_000_000 }),
      });
      if (!res.ok) throw new Error(`creating key ${name}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Counters and histogram sums of a Prometheus text, by series (name and labels as written). */
export function metricValues(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** Loads a world file through the same path as `npm run ingest`, in 5,000-line chunks. */
export function loadWorldFile(ctx: AppContext, file: string): ReturnType<typeof ingestFile> {
  return ingestFile(ctx.ingest, file, {
    partial: false,
    source: 'bench',
    linesPerChunk: 5000,
    idHmacSecret: ctx.config.idHmacSecret,
    knownActors: (ids) => ctx.ingest.knownActors(ids),
  });
}

/** One detection run, waited for; throws unless it succeeded. */
export async function detectOnce(ctx: AppContext, params: DetectionParamsInput): Promise<RunRecord> {
  const { runId } = await ctx.runs.start(params);
  const run = await ctx.runs.waitFor(runId);
  if (run.status !== 'succeeded') throw Errors.runFailed(runId, run.error);
  return run;
}

/** Runs a bench's command line; a failure prints one line naming the bench and exits 1. */
export function runBench(program: Command): void {
  program.parseAsync().catch((e: unknown) => {
    console.error(`${program.name()}: ${(e as Error).message}`);
    process.exit(1);
  });
}
