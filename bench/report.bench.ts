// npm run bench:report [-- --actors 20000 --rings 20 --no-load]: a detection run's write-back, then the first report
// of each of the best rings after it (each ring's first read, no cache), next to the same rings built from the store
// (ring-get + filings-by-id: what every first report did before the filings were written at write-back, and what
// an evidence export reads) and to the floor, a bare indexed lookup of one Ring node over Bolt, all in the same run,
// with the load average. `--no-load` uses the world already in the database at NEO4J_URI.
import { loadavg } from 'node:os';
import { Command } from 'commander';
import { benchDb, detectOnce, loadWorldFile, runBench, writeWorld } from './bench-support.js';

const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  actors: number;
  seed: number;
  rings: number;
  load: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

const load = () => loadavg()[0]!.toFixed(2);

const program = new Command('bench:report')
  .option('--actors <n>', 'actors in the seed world', int, 20_000)
  .option('--seed <n>', 'world and detection seed', int, 7)
  .option('--rings <n>', 'rings whose first report is read', int, 20)
  .option('--no-load', 'use the world already in the database at NEO4J_URI (loaded by an earlier run)')
  .action(async (opts: Opts) => {
    const world = opts.load ? await writeWorld(opts.actors, opts.seed) : undefined;
    const db = await benchDb();
    try {
      const { ctx } = db;
      if (world) await loadWorldFile(ctx, world.file);
      console.log(`load average before the run: ${load()}`);
      const run = await detectOnce(ctx, { seed: opts.seed });
      const stages = Object.entries(run.stages)
        .filter(([k]) => !k.includes('.'))
        .map(([k, t]) => `${k} ${t.ms}`)
        .join(', ');
      console.log(`run ${run.id}: stages (ms): ${stages}; load average after it: ${load()}`);

      // NOTE: what the service does after each run (the first page of the list, and the plan of the report query),
      // awaited here so that the timings below do not race it
      await ctx.reports.warm();
      const page = await ctx.reports.list({ limit: opts.rings });
      const ids = page.rings.map((r) => String(r.id));
      if (ids.length === 0) throw new Error('the run found no ring');
      const first: number[] = [];
      for (const id of ids) first.push((await timed(() => ctx.reports.get(id)))[1]);
      const loadFirst = load();
      const store: number[] = [];
      for (const id of ids) store.push((await timed(() => ctx.reports.get(id, { fresh: true })))[1]);
      const loadStore = load();
      const floor: number[] = [];
      for (const id of ids)
        floor.push(
          (
            await timed(() =>
              ctx.db.driver.executeQuery(
                'MATCH (g:Ring {key: $key}) RETURN g.id AS id',
                { key: `${run.id}:${id}` },
                { routing: 'READ', database: ctx.db.database },
              ),
            )
          )[1],
        );
      const loadFloor = load();
      const floorMs = median(floor);
      const row = (name: string, xs: number[], loadAvg: string) =>
        console.log(
          `${name.padEnd(52)} ${xs[0]!.toFixed(1).padStart(9)} ${median(xs).toFixed(1).padStart(9)} ${Math.max(
            ...xs,
          )
            .toFixed(1)
            .padStart(9)} ${(median(xs) / floorMs).toFixed(1).padStart(9)}×  ${loadAvg}`,
        );
      console.log(
        `\n${ids.length} rings of run ${run.id}, read one after the other, each for the first time on each path`,
      );
      console.log(
        `${'path'.padEnd(52)} ${'first ms'.padStart(9)} ${'p50 ms'.padStart(9)} ${'max ms'.padStart(9)} ${'p50÷floor'.padStart(10)}  load average`,
      );
      row('ring report (GET /v1/rings/:id, first read)', first, loadFirst);
      row('built from the store (ring-get + filings-by-id)', store, loadStore);
      row('floor: one Ring node by its key over Bolt', floor, loadFloor);
      console.log('target (issue 13): the first ring report after a refresh ≤ 50 ms');
    } finally {
      await db.stop();
    }
  });

runBench(program);
