// npm run bench:scale [-- --actors 200000]: a seed world end to end — bulk import (offline importer), a detection
// run (projection, each detection stage, write-back), the first ring report — with time and peak RSS per stage, and
// in the same run the community-detection peers on the same evidence graph: graphology Louvain alone, and from a
// bench-only Python venv (.venv-bench, made here) python-igraph Louvain and Leiden, leidenalg, NetworKit PLM.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { UndirectedGraph } from 'graphology';
import { EvidenceGraphBuilder, louvainCommunities } from '../src/analytics/index.js';
import { resolveDetectionParams } from '../src/analytics/detection-params.js';
import { rowsFromRecords } from '../src/ingest/records-to-rows.js';
import { importOffline, inputFiles, validateInput } from '../src/import/bulk-import.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../src/bundled/bundled-neo4j.js';
import { PROJECT_ROOT } from '../src/project-root.js';
import { benchDb, writeWorld } from './bench-support.js';
import { poolComparison, printPoolComparison } from './pool-comparison.js';

const SECRET = 'bench-secret-0123456789';

/** Peak RSS of this process while `fn` runs (sampled every 50 ms), and its time. */
async function stage<T>(rows: Row[], name: string, fn: () => Promise<T> | T): Promise<T> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    rows.push({ name, ms: performance.now() - t0, rssMb: peak / 2 ** 20 });
  }
}
interface Row {
  name: string;
  ms: number;
  rssMb?: number;
  note?: string;
}

function venvPython(): string {
  const dir = path.join(PROJECT_ROOT, '.venv-bench');
  const py = path.join(dir, 'bin', 'python');
  if (!existsSync(py)) {
    console.error('making the bench-only Python venv .venv-bench (igraph, leidenalg, networkit)...');
    const mk = spawnSync('python3', ['-m', 'venv', dir], { stdio: 'inherit' });
    if (mk.status !== 0) throw new Error('python3 -m venv failed (apt-get install python3-venv)');
  }
  const pip = spawnSync(
    py,
    ['-m', 'pip', 'install', '-q', '-r', path.join(PROJECT_ROOT, 'bench', 'peers', 'requirements.txt')],
    { stdio: 'inherit' },
  );
  if (pip.status !== 0) throw new Error('pip install of the peers failed');
  return py;
}

const program = new Command('bench:scale')
  .option('--actors <n>', 'actors in the seed world', (v) => Number.parseInt(v, 10), 200_000)
  .option('--seed <n>', 'world and detection seed', (v) => Number.parseInt(v, 10), 7)
  .option('--no-peers', 'skip the Python peers')
  .option(
    '--threads <n>',
    'refinement threads to compare with 1 (default: one per core)',
    (v) => Number.parseInt(v, 10),
    availableParallelism(),
  )
  .action(async (opts: { actors: number; seed: number; peers: boolean; threads: number }) => {
    const rows: Row[] = [];
    const py = opts.peers ? venvPython() : undefined;
    const { dir, world, seconds: genSeconds } = await writeWorld(opts.actors, opts.seed);
    console.log(
      `world: ${opts.actors} actors, seed ${opts.seed}, ${world.records.length} records (generated in ${genSeconds.toFixed(1)} s)`,
    );

    // 1. bulk import: validation, offline importer, server start, schema
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-scale-neo4j-'));
    const input = await stage(rows, 'import: validate', () =>
      validateInput(inputFiles(dir), { idHmacSecret: SECRET, source: 'bench', linesPerChunk: 5000 }),
    );
    if (input.errors.length > 0)
      throw new Error(`the world has invalid records: ${JSON.stringify(input.errors[0])}`);
    await stage(rows, 'import: graph + CSV + offline importer', () =>
      importOffline(input.batches, { dataDir, workDir: path.join(dataDir, 'work') }),
    );
    input.batches.length = 0;
    const port = await freePort();
    const server = await stage(rows, 'import: start Neo4j', () =>
      startBundledNeo4j({ dataDir, port, heapMb: 6144, pageCacheMb: 2048 }),
    );
    let ringId: string | undefined;
    try {
      const db = await stage(rows, 'import: constraints and indexes', () =>
        benchDb(6144, { NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password }),
      );
      const importMs = rows.reduce((s, r) => s + r.ms, 0);
      rows.push({
        name: 'import: total',
        ms: importMs,
        note: `${Math.round(world.records.length / (importMs / 1000)).toLocaleString('en')} records/s`,
      });
      try {
        // 2. a detection run: its own stage timings, and the process's peak RSS over it
        const run = await stage(rows, 'run (projection → write-back)', async () => {
          const { runId } = await db.ctx.runs.start({ seed: opts.seed });
          return db.ctx.runs.waitFor(runId);
        });
        if (run.status !== 'succeeded') throw new Error(`run failed: ${String(run.error)}`);
        for (const [name, t] of Object.entries(run.stages)) rows.push({ name: `  ${name}`, ms: t.ms });
        // 3. the first ring report after the run
        const page = await db.ctx.reports.list({ limit: 1 });
        ringId = (page.rings[0] as { id: string } | undefined)?.id;
        if (ringId) await stage(rows, 'first ring report', () => db.ctx.reports.get(ringId!));
      } finally {
        await db.stop();
      }
    } finally {
      await stopBundledNeo4j(dataDir, { removeData: true });
    }

    // 4. the community stage and its peers on the same evidence graph (built from the records, as the projection)
    const builder = new EvidenceGraphBuilder();
    rowsFromRecords(world.records, builder, { defaultSource: 'bench' });
    const params = resolveDetectionParams({ seed: opts.seed });
    const evidence = await stage(rows, 'evidence graph build (no database)', () => builder.build(params));
    const graph = evidence.graph;
    const ours = await stage(rows, 'graphology Louvain on it', () =>
      louvainCommunities(graph, opts.seed, params.resolution),
    );
    const index = new Map<string, number>();
    graph.forEachNode((n) => index.set(n, index.size));
    const edgeFile = path.join(dir, 'edges.txt');
    const out = createWriteStream(edgeFile);
    const edges: [number, number, number][] = [];
    graph.forEachEdge((_e, attrs, s, t) => {
      edges.push([index.get(s)!, index.get(t)!, attrs.weight]);
    });
    for (const [s, t, w] of edges) if (!out.write(`${s} ${t} ${w}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const loaded = await stage(rows, 'graphology: load edge list + Louvain', () => {
      const g = new UndirectedGraph<Record<string, never>, { weight: number }>();
      for (let i = 0; i < index.size; i++) g.addNode(String(i));
      for (const [s, t, w] of edges) g.addEdge(String(s), String(t), { weight: w });
      return louvainCommunities(g, opts.seed, params.resolution);
    });
    const pool = await poolComparison(evidence, opts.seed, opts.threads);
    const graphMs = evidence.timings.graph ?? 0;
    const communityStage = graphMs + rows.find((r) => r.name === 'graphology Louvain on it')!.ms;
    console.log(
      `\nevidence graph: ${graph.order.toLocaleString('en')} actors, ${graph.size.toLocaleString('en')} edges; ` +
        `graphology Louvain: ${ours.count} communities, modularity ${ours.modularity.toFixed(4)}; ` +
        `from the edge list: ${loaded.count} communities, modularity ${loaded.modularity.toFixed(4)}`,
    );

    console.log(`\n${'stage'.padEnd(44)} ${'seconds'.padStart(9)} ${'peak RSS MB'.padStart(12)}`);
    for (const r of rows)
      console.log(
        `${r.name.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(9)} ${r.rssMb ? r.rssMb.toFixed(0).padStart(12) : ''.padStart(12)} ${r.note ?? ''}`,
      );
    console.log('(peak RSS: the Node process; Neo4j and its offline importer are separate JVMs)');
    printPoolComparison(pool, evidence.timings);

    if (py) {
      const res = spawnSync(
        py,
        [path.join(PROJECT_ROOT, 'bench', 'peers', 'community_peers.py'), edgeFile, String(index.size)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        },
      );
      if (res.status !== 0) throw new Error(`the Python peers failed: ${res.stderr}`);
      const peers = JSON.parse(res.stdout) as Record<
        string,
        { load: number; detect: number; communities: number; modularity: number }
      >;
      console.log(
        `\ncommunity stage, ringmap (evidence-graph build ${(graphMs / 1000).toFixed(2)} s + Louvain): ${(communityStage / 1000).toFixed(2)} s`,
      );
      console.log(
        `${'peer'.padEnd(30)} ${'load s'.padStart(8)} ${'detect s'.padStart(9)} ${'comms'.padStart(8)} ${'modularity'.padStart(10)}  ringmap ÷ load+detect  ringmap ÷ detect`,
      );
      const gl = rows.find((r) => r.name === 'graphology: load edge list + Louvain')!.ms / 1000;
      console.log(
        `${'graphology Louvain'.padEnd(30)} ${'-'.padStart(8)} ${gl.toFixed(2).padStart(9)} ${String(loaded.count).padStart(8)} ${loaded.modularity.toFixed(4).padStart(10)}  ${(communityStage / 1000 / gl).toFixed(2).padStart(8)}×`,
      );
      for (const [name, p] of Object.entries(peers)) {
        console.log(
          `${name.padEnd(30)} ${p.load.toFixed(2).padStart(8)} ${p.detect.toFixed(2).padStart(9)} ${String(p.communities).padStart(8)} ${p.modularity.toFixed(4).padStart(10)}  ${(communityStage / 1000 / (p.load + p.detect)).toFixed(2).padStart(8)}×  ${(communityStage / 1000 / p.detect).toFixed(2).padStart(14)}×`,
        );
      }
      console.log('targets (issue 13): community stage ≤ 0.5× igraph load+detect, ≤ 1× NetworKit PLM');
    }
    rmSync(dir, { recursive: true, force: true });
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`bench:scale: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
