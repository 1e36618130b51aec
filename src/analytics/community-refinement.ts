// Re-runs Louvain inside each community and keeps clear sub-structure, to get around modularity's resolution limit.
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { repairConnectivity } from './connectivity-repair.js';
import { louvainCommunities } from './louvain-communities.js';
import { compareStrings } from './ordering.js';

/**
 * A sub-partition is kept when it reaches this modularity inside its community (at γ = 1; scaled by γ otherwise).
 * NOTE: a ring (a clique around a contact phone, a star around a collection account) has no sub-partition
 * anywhere near it, while rings and families chained by single payments split well above it. 0.3 was the best
 * recall/precision balance on the seed worlds (0.2 splits large gangs along their handsets, 0.4 keeps noise).
 */
export const REFINE_MIN_MODULARITY = 0.3;
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
 * `mustStayTogether` names edges a split may not cut (the parts they join are merged back).
 */
export function refineCommunities(
  graph: AbstractGraph,
  communities: readonly string[][],
  seed: number,
  resolution: number,
  mustStayTogether: (a: string, b: string) => boolean = () => false,
): RefinedPartition {
  let refinedCommunities = 0;
  const refine = (members: string[], depth: number): string[][] => {
    if (members.length < REFINE_MIN_SIZE || depth >= REFINE_MAX_DEPTH) return [members];
    const sub = inducedSubgraph(graph, members);
    if (sub.size === 0) return [members];
    const detailed = louvainCommunities(sub, seed, resolution);
    // NOTE: at resolution γ the undivided community already scores 1 − γ; the split must beat that by
    // REFINE_MIN_MODULARITY × γ, so that a low γ (asking for larger communities) is not undone here.
    const gain = detailed.modularity - (1 - resolution);
    if (detailed.count < 2 || !(gain >= REFINE_MIN_MODULARITY * resolution)) return [members];
    const parts = rejoin(sub, repairConnectivity(sub, detailed.communities).communities, mustStayTogether);
    if (parts.length < 2) return [members];
    refinedCommunities++;
    return parts.flatMap((part) => refine(part, depth + 1));
  };
  const result = communities.flatMap((members) => refine(members, 0));
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, refinedCommunities };
}

/** Merges parts joined by an edge that must not be cut (union-find over the edges between parts). */
export function rejoin(
  sub: AbstractGraph,
  parts: string[][],
  mustStayTogether: (a: string, b: string) => boolean,
): string[][] {
  const partOf = new Map<string, number>();
  parts.forEach((part, i) => part.forEach((node) => partOf.set(node, i)));
  const parent = parts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  sub.forEachEdge((_edge, _attributes, source, target) => {
    const a = find(partOf.get(source) ?? 0);
    const b = find(partOf.get(target) ?? 0);
    if (a !== b && mustStayTogether(source, target)) parent[Math.max(a, b)] = Math.min(a, b);
  });
  const merged = new Map<number, string[]>();
  parts.forEach((part, i) => {
    const root = find(i);
    const into = merged.get(root);
    if (into === undefined) merged.set(root, [...part]);
    else into.push(...part);
  });
  return [...merged.values()].map((part) => part.sort(compareStrings));
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
