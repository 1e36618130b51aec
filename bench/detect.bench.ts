// npm run bench:detect [-- --sizes 20000,200000]: time of each detection stage (projection, detection incl.
// scoring, write-back) on seed worlds of the given sizes, each in a fresh database.
import { Command } from 'commander';
import { evaluate } from '../src/analytics/index.js';
import { benchDb, writeWorld, loadWorldFile, runBench } from './bench-support.js';

const program = new Command('bench:detect')
  .option('--sizes <list>', 'comma-separated world sizes', '20000,200000')
  .option('--seed <n>', 'world and detection seed', (v) => Number.parseInt(v, 10), 7)
  .action(async (opts: { sizes: string; seed: number }) => {
    for (const actors of opts.sizes.split(',').map((s) => Number.parseInt(s, 10))) {
      const { file, world } = await writeWorld(actors, opts.seed);
      const db = await benchDb(6144);
      try {
        const loaded = await loadWorldFile(db.ctx, file);
        const t0 = performance.now();
        const { runId } = await db.ctx.runs.start({ seed: opts.seed });
        const run = await db.ctx.runs.waitFor(runId);
        const total = Math.round(performance.now() - t0);
        if (run.status !== 'succeeded') throw new Error(`run failed: ${run.error}`);
        const stats = run.stats as Record<string, unknown>;
        const s = db.ctx.db.driver.session();
        const res = await s.run(db.ctx.queries.get('rings/run-rings'), { runId });
        await s.close();
        const rings = res.records.map((r) => ({
          id: r.get('id') as string,
          score: Number(r.get('score')),
          actorIds: r.get('actorIds') as string[],
        }));
        const quality = evaluate(rings, world.truth, {
          reportMinScore: 50,
          honestActorCount: world.truth.honestActorCount,
          ringActorIds: new Set(world.truth.rings.flatMap((r) => r.actorIds)),
        });
        console.log(
          `\n== ${actors} actors (${loaded.accepted} records loaded in ${loaded.seconds.toFixed(1)} s)`,
        );
        for (const [stage, t] of Object.entries(run.stages))
          console.log(`  ${stage.padEnd(12)} ${String(t.ms).padStart(8)} ms`);
        console.log(`  ${'total'.padEnd(12)} ${String(total).padStart(8)} ms (incl. run bookkeeping)`);
        console.log(`  graph: ${JSON.stringify(stats)}`);
        console.log(`  quality: ${JSON.stringify(quality)}`);
      } finally {
        await db.stop();
      }
    }
  });

runBench(program);
