// npm run bench:stages [-- --actors 100000 --seed 7]: where detection's time goes, step by step, on a seed world without
// a database (the steps of detect-rings.ts called one by one, in one thread), and the connected components of the
// evidence graph after quarantine: how much of it a component-by-component detection could spread over threads; then
// detection with 1 refinement thread and with the pool on the same graph (pool-comparison.ts).
import { availableParallelism, loadavg } from 'node:os';
import { Command } from 'commander';
import { generateWorld } from '../seed/world.generator.js';
import {
  EvidenceGraphBuilder,
  assembleRing,
  louvainCommunities,
  peelPeriphery,
  rejoin,
  refineCommunities,
  repairConnectivity,
  resolveDetectionParams,
} from '../src/analytics/index.js';
import { handOffsIn } from '../src/analytics/detect-rings.js';
import { trimWeakMembers } from '../src/analytics/ring-core.js';
import { separateVictims } from '../src/analytics/ring-victims.js';
import { joinBySharedVictims } from '../src/analytics/shared-victims.js';
import { rowsFromRecords } from '../src/ingest/records-to-rows.js';
import type { AbstractGraph } from 'graphology-types';
import { poolComparison, printPoolComparison } from './pool-comparison.js';

function components(graph: AbstractGraph): number[] {
  const seen = new Set<string>();
  const sizes: number[] = [];
  graph.forEachNode((start) => {
    if (seen.has(start)) return;
    let size = 0;
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const node = stack.pop()!;
      size++;
      graph.forEachNeighbor(node, (n) => {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      });
    }
    sizes.push(size);
  });
  return sizes.sort((a, b) => b - a);
}

const program = new Command('bench:stages')
  .option('--actors <n>', 'actors in the seed world', (v) => Number.parseInt(v, 10), 100_000)
  .option('--seed <n>', 'world and detection seed', (v) => Number.parseInt(v, 10), 7)
  .option(
    '--threads <n>',
    'refinement threads to compare with 1 (default: one per core)',
    (v) => Number.parseInt(v, 10),
    availableParallelism(),
  )
  .action(async (opts: { actors: number; seed: number; threads: number }) => {
    const load = () => loadavg()[0]!.toFixed(2);
    console.log(`== ${opts.actors} actors, seed ${opts.seed}; load average (1 min) ${load()}`);
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      console.log(`  ${name.padEnd(34)} ${((now - t) / 1000).toFixed(2).padStart(7)} s`);
      t = now;
    };
    const world = generateWorld({ actors: opts.actors, seed: opts.seed });
    const builder = new EvidenceGraphBuilder();
    rowsFromRecords(world.records, builder, { defaultSource: 'bench' });
    lap('world and projection rows (not detection)');
    const params = resolveDetectionParams({ seed: opts.seed });
    const evidence = builder.build(params);
    lap('evidence graph build');
    for (const [part, ms] of Object.entries(evidence.timings))
      console.log(`    of it ${part.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
    const { graph } = evidence;
    const handOff = handOffsIn(evidence);
    const detailed = louvainCommunities(graph, params.seed, params.resolution);
    lap('Louvain');
    let { communities } = repairConnectivity(graph, detailed.communities);
    lap('connectivity repair');
    communities = rejoin(graph, communities, handOff);
    lap('rejoin');
    ({ communities } = refineCommunities(graph, communities, params.seed, params.resolution, handOff));
    lap('refinement');
    const peeled = peelPeriphery(evidence, communities);
    lap('peeling');
    const trimmed = trimWeakMembers(evidence, peeled.communities, params.weakMemberRatio);
    lap('trimming');
    const apart = separateVictims(evidence, trimmed.communities);
    lap('victims apart');
    const joined = joinBySharedVictims(evidence, apart.communities);
    lap('joined by shared victims');
    const rings = joined.communities
      .filter((m) => m.length >= params.minRingSize)
      .map((m) => assembleRing(evidence, m));
    lap(`assembly and scoring (${rings.length} candidates)`);
    console.log(`  load average (1 min) ${load()}`);

    const sizes = components(graph);
    const linked = sizes.reduce((s, n) => s + n, 0);
    console.log(
      `\nevidence graph: ${graph.order.toLocaleString('en')} linked actors, ${graph.size.toLocaleString('en')} edges, ` +
        `${sizes.length.toLocaleString('en')} connected components; the largest ${sizes
          .slice(0, 5)
          .map((n) => n.toLocaleString('en'))
          .join(
            ', ',
          )} (the first ${((100 * (sizes[0] ?? 0)) / Math.max(1, linked)).toFixed(1)}% of the actors)`,
    );
    const bounds = [2, 3, 5, 10, 20, 50, 100, 1000, Number.POSITIVE_INFINITY];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const inside = sizes.filter((n) => n >= bounds[i]! && n < bounds[i + 1]!);
      if (inside.length === 0) continue;
      const upper = bounds[i + 1] === Number.POSITIVE_INFINITY ? '' : String(bounds[i + 1]! - 1);
      console.log(
        `  size ${`${bounds[i]}–${upper}`.padEnd(10)} ${String(inside.length).padStart(7)} components ${String(inside.reduce((s, n) => s + n, 0)).padStart(8)} actors`,
      );
    }
    printPoolComparison(await poolComparison(evidence, opts.seed, opts.threads), evidence.timings);
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`bench:stages: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
