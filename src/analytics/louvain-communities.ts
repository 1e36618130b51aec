// The one place Louvain is called: seeded, weighted, on a graph built in sorted order.
import louvainModule from 'graphology-communities-louvain';
import type { DetailedLouvainOutput } from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';
import { createSeededRng } from './seeded-rng.js';

// NOTE: the package is CommonJS (`module.exports = louvain`) typed with `export default`; under NodeNext the
// default import is `module.exports` itself, which TypeScript believes is the namespace.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/**
 * Louvain community detection
 * ===========================
 * V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre, « Fast unfolding of communities in large
 * networks », J. Stat. Mech. (2008) P10008, doi:10.1088/1742-5468/2008/10/P10008.
 *
 * Greedy modularity optimisation with the resolution parameter γ (Lambiotte et al. 2008), on the `weight`
 * edge attribute.
 * NOTE: Louvain visits nodes in random order; the rng is seeded, and evidence graphs are built in sorted
 * order, so the same rows and seed give the same communities. Each call gets a fresh rng from the seed so
 * that one call's result does not depend on how many others ran before it.
 */
export function louvainCommunities(
  graph: AbstractGraph,
  seed: number,
  resolution: number,
): DetailedLouvainOutput {
  return louvain.detailed(graph, { rng: createSeededRng(seed), resolution, getEdgeWeight: 'weight' });
}
