// Detection on one built evidence graph with 1 refinement thread and with a pool, alternately, with the load average:
// what bench:scale and bench:stages print about the refinement pool (refine-pool.ts).
import { loadavg } from 'node:os';
import { detectRingsInPool, type EvidenceGraph } from '../src/analytics/index.js';
import { POOL_MIN_WORK } from '../src/analytics/refine-pool.js';

export interface PoolRow {
  threads: number;
  /** communities (incl. refinement), refinement alone, assembly: ms */
  communities: number;
  refinement: number;
  assembly: number;
  load: number;
}

/**
 * Detection on the built evidence graph with 1 refinement thread and with `threads`, alternately, twice each (the
 * load of a shared machine drifts); the rings must be the same.
 */
export async function poolComparison(
  evidence: EvidenceGraph,
  seed: number,
  threads: number,
): Promise<PoolRow[]> {
  const rows: PoolRow[] = [];
  let rings: string | undefined;
  for (const n of [1, threads, 1, threads]) {
    const load = loadavg()[0]!;
    const result = await detectRingsInPool(evidence, { seed }, n);
    const t = result.timings;
    rows.push({
      threads: n,
      communities: t.communities ?? 0,
      refinement: t.refinement ?? 0,
      assembly: t.assembly ?? 0,
      load,
    });
    const key = JSON.stringify(result.rings.map((r) => [r.key, r.score]));
    if (rings !== undefined && key !== rings) throw new Error(`${n} threads found other rings than 1`);
    rings = key;
  }
  return rows;
}

export function printPoolComparison(rows: PoolRow[], buildTimings: Readonly<Record<string, number>>): void {
  const build = Object.values(buildTimings).reduce((s, ms) => s + ms, 0);
  console.log(
    `\ndetection with refinement in worker threads (same evidence graph, built once in ${(build / 1000).toFixed(2)} s: ` +
      `${Object.entries(buildTimings)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)}`)
        .join(', ')}); the same rings with every thread count`,
  );
  console.log(
    `(a graph whose communities to refine weigh less than ${POOL_MIN_WORK.toLocaleString('en')} members + degrees ` +
      `is refined in one thread whatever the thread count: POOL_MIN_WORK in refine-pool.ts)`,
  );
  console.log(
    `${'threads'.padStart(7)} ${'refinement s'.padStart(13)} ${'communities s'.padStart(14)} ${'assembly s'.padStart(11)} ${'detection s'.padStart(12)} ${'load (1 min)'.padStart(13)}`,
  );
  for (const r of rows)
    console.log(
      `${String(r.threads).padStart(7)} ${(r.refinement / 1000).toFixed(2).padStart(13)} ${(r.communities / 1000).toFixed(2).padStart(14)} ${(r.assembly / 1000).toFixed(2).padStart(11)} ${((build + r.communities + r.assembly) / 1000).toFixed(2).padStart(12)} ${r.load.toFixed(2).padStart(13)}`,
    );
  const one = rows.filter((r) => r.threads === 1);
  const many = rows.filter((r) => r.threads !== 1);
  const sum = (rs: PoolRow[], f: (r: PoolRow) => number) => rs.reduce((s, r) => s + f(r), 0);
  const ratio = (f: (r: PoolRow) => number) => (sum(one, f) / Math.max(1, sum(many, f))).toFixed(2);
  console.log(
    `speed-up with ${many[0]?.threads ?? 1} threads (1 thread ÷ pool, both runs summed): refinement ${ratio((r) => r.refinement)}×, ` +
      `community stage ${ratio((r) => r.communities)}×, detection incl. the evidence graph ${ratio((r) => build + r.communities + r.assembly)}×`,
  );
}
