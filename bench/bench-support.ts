// Shared set-up for the benchmarks: a throwaway bundled Neo4j (unless NEO4J_URI is set) and a seed world on disk.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateWorld } from '../seed/world.generator.js';
import type { World } from '../seed/world.types.js';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/app-context.js';
import { createLogger } from '../src/logger.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../src/store/bundled-neo4j.js';

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
