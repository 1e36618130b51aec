// Re-runs Louvain inside each community and keeps clear sub-structure, to get around modularity's resolution limit.
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { repairConnectivity } from './connectivity-repair.js';
import { louvainCommunities } from './louvain-communities.js';
import { compareStrings } from './ordering.js';

/**
 * A sub-partition is kept when it reaches this modularity (at γ = 1) inside its community.
 * NOTE: a ring (a clique around a contact phone, a star around a collection account) has no sub-partition
 * anywhere near it, while rings and families chained by single payments split at 0.4 and above.
 */
export const REFINE_MIN_MODULARITY = 0.2;
/** Communities smaller than this are not refined: their halves could not be rings anyway. */
const REFINE_MIN_SIZE = 6;
const REFINE_MAX_DEPTH = 8;

export interface RefinedPartition {
  communities: string[][];
  /** Communities that were split by refinement (at any depth). */
  refinedCommunities: number;
}

/**
 * Modularity cannot see communities smaller than about √(2m) in a graph of total weight m (Fortunato &
 * Barthélemy 2007): on a national graph, a 6-person ring and the family it pays rent to form one community
 * because merging any two small groups joined by one payment raises modularity. Following Ruan & Zhang
 * (2008, "Identifying network communities with a high resolution"), each community is treated as a graph
 * of its own, where m is small, and split again when Louvain finds clear structure inside it.
 */
export function refineCommunities(
  graph: AbstractGraph,
  communities: readonly string[][],
  seed: number,
  resolution: number,
): RefinedPartition {
  let refinedCommunities = 0;
  const refine = (members: string[], depth: number): string[][] => {
    if (members.length < REFINE_MIN_SIZE || depth >= REFINE_MAX_DEPTH) return [members];
    const sub = inducedSubgraph(graph, members);
    if (sub.size === 0) return [members];
    const detailed = louvainCommunities(sub, seed, resolution);
    if (detailed.count < 2 || !(standardModularity(sub, detailed.communities) >= REFINE_MIN_MODULARITY)) {
      return [members];
    }
    const parts = repairConnectivity(sub, detailed.communities).communities;
    if (parts.length < 2) return [members];
    refinedCommunities++;
    return parts.flatMap((part) => refine(part, depth + 1));
  };
  const result = communities.flatMap((members) => refine(members, 0));
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, refinedCommunities };
}

/**
 * Newman's modularity at γ = 1, whatever resolution found the partition.
 * NOTE: Louvain reports modularity at its own γ, which below 1 inflates it; judging splits at γ = 1 keeps a
 * low resolution (asking for larger communities) from being undone by refinement.
 */
export function standardModularity(graph: AbstractGraph, communityOf: Readonly<Record<string, number>>): number {
  let total = 0;
  const internal = new Map<number, number>();
  const degree = new Map<number, number>();
  graph.forEachEdge((_edge, attributes, source, target) => {
    const weight = attributes.weight as number;
    const a = communityOf[source] ?? -1;
    const b = communityOf[target] ?? -1;
    total += weight;
    if (a === b) internal.set(a, (internal.get(a) ?? 0) + weight);
    degree.set(a, (degree.get(a) ?? 0) + weight);
    degree.set(b, (degree.get(b) ?? 0) + weight);
  });
  if (total === 0) return 0;
  let q = 0;
  for (const [community, k] of degree) q += (internal.get(community) ?? 0) / total - (k / (2 * total)) ** 2;
  return q;
}

/** Members (given sorted) and the edges among them, in the parent graph's order so results stay deterministic. */
function inducedSubgraph(graph: AbstractGraph, members: readonly string[]): UndirectedGraph {
  const sub = new UndirectedGraph<Attributes, Attributes>();
  const inside = new Set(members);
  for (const node of members) sub.addNode(node);
  for (const node of members) {
    graph.forEachEdge(node, (edge, attributes, source, target) => {
      const other = source === node ? target : source;
      if (compareStrings(node, other) < 0 && inside.has(other)) {
        sub.addEdgeWithKey(edge, source, target, { weight: attributes.weight as number });
      }
    });
  }
  return sub;
}
