// Community refinement in a pool of worker threads: each community is refined on its own, so threads take them in batches.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AbstractGraph } from 'graphology-types';
import { workerEntry } from '../shared/worker-entry.js';
import {
  type HandOffDirection,
  type RefinedPartition,
  REFINE_MIN_SIZE,
  refineCommunities,
} from './community-refinement.js';
import { compareStrings } from './ordering.js';
import { type RefineOutcome, refineTask } from './refine-task.js';
import type { RefineBatch } from './refine.worker.js';

/** How many threads refine when nothing says otherwise: one per core. */
export const defaultRefineThreads = (): number => availableParallelism();

/**
 * Batches per thread: enough that a thread that drew large communities does not hold up the others, few enough that
 * messages cost nothing next to the work.
 */
const BATCHES_PER_THREAD = 8;

/**
 * Below this much work (members of the communities to refine plus their degrees) the communities are refined in
 * this thread whatever the number of threads asked for.
 * NOTE: starting the threads costs more than they save on small graphs: the 20,000-actor seed world (66,787)
 * refined in 0.6 s in one thread and in 2.8–3.7 s with 2 (`npm run bench:stages -- --actors 20000`, under tsx at a
 * load of 13); the 100,000-actor one (432,681) in 12.8–36.2 s and 9.0–21.3 s.
 */
export const POOL_MIN_WORK = 200_000;

/**
 * `refineCommunities` with `threads` worker threads (1, or less work than `minWork`: in this thread, no worker). The parts are the same whatever
 * the number of threads and whatever order batches come back in: each community is refined alone from the same seed
 * (Louvain gets a fresh rng from it per call, louvain-communities.ts), on its induced subgraph rebuilt in the same
 * order (refine-task.ts), and the parts are put back in the communities' order before the same final sort.
 * NOTE: the hand-offs of every edge inside a community are computed here, where the evidence is, before the
 * community goes; a community too small to be refined never leaves this thread.
 */
export async function refineCommunitiesInPool(
  graph: AbstractGraph,
  communities: readonly string[][],
  seed: number,
  resolution: number,
  handOff: HandOffDirection,
  threads: number,
  minWork = POOL_MIN_WORK,
): Promise<RefinedPartition> {
  const large = communities.flatMap((c, i) => (c.length >= REFINE_MIN_SIZE ? [i] : []));
  // the cost of a community: its members and their edges (inside it or not: counting is cheaper than looking)
  const costs = new Map(large.map((i) => [i, communities[i]!.reduce((s, m) => s + 1 + graph.degree(m), 0)]));
  const cost = (i: number) => costs.get(i)!;
  const work = large.reduce((s, i) => s + cost(i), 0);
  if (threads <= 1 || large.length === 0 || work < minWork)
    return refineCommunities(graph, communities, seed, resolution, handOff);

  const batches = batchesOf(large, cost, work / (threads * BATCHES_PER_THREAD));

  const outcomes = new Map<number, RefineOutcome>();
  const workers = Array.from(
    { length: Math.min(threads, batches.length) },
    () => new Worker(workerEntry('refine.worker', import.meta.url)),
  );
  // NOTE: a batch is built (its hand-offs worked out) only just before it is needed, one ahead, so that this thread
  // builds the next while the workers refine
  let next = 0;
  type Built = { indices: number[]; batch: RefineBatch };
  let ahead: Built | undefined;
  const build = (): Built | undefined => {
    const indices = batches[next++];
    if (indices === undefined) return undefined;
    const tasks = indices.map((i) => refineTask(graph, communities[i]!, handOff));
    return { indices, batch: { tasks, seed, resolution } };
  };
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let sent: number[] = [];
            const send = () => {
              const built = ahead ?? build();
              ahead = undefined;
              if (built === undefined) return resolve();
              sent = built.indices;
              worker.postMessage(built.batch);
              ahead = build();
            };
            worker.on('message', (answer: RefineOutcome[]) => {
              answer.forEach((outcome, k) => outcomes.set(sent[k]!, outcome));
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`a refinement thread exited (code ${code})`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  let refinedCommunities = 0;
  const result = communities.flatMap((members, i) => {
    const outcome = outcomes.get(i);
    if (outcome === undefined) return [members];
    refinedCommunities += outcome.refinedCommunities;
    return outcome.parts;
  });
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, refinedCommunities };
}

/** The communities largest first, cut into batches of about `target` cost each. */
function batchesOf(communities: number[], cost: (i: number) => number, target: number): number[][] {
  const sorted = [...communities].sort((x, y) => cost(y) - cost(x) || x - y);
  const batches: number[][] = [];
  let current: number[] = [];
  let currentCost = 0;
  for (const i of sorted) {
    current.push(i);
    currentCost += cost(i);
    if (currentCost >= target) {
      batches.push(current);
      current = [];
      currentCost = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
