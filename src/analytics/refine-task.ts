// A community's refinement as plain data that a worker thread can take: its induced subgraph and the hand-offs on its edges.
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { type HandOffDirection, refineCommunity } from './community-refinement.js';
import { compareStrings } from './ordering.js';

/**
 * The community's members, and its edges in the order `refineCommunity` would copy them out of the whole graph
 * (each member in turn, its edges to larger members in the whole graph's order), with their source and target as
 * the whole graph has them.
 * NOTE: a graph rebuilt from this in this order is the very subgraph refinement builds (same nodes, edges and
 * adjacency order), so Louvain visits it in the same order and the parts are the same as in one thread.
 */
export interface RefineTask {
  members: string[];
  /** Per edge: source and target as indices into `members`. */
  ends: Int32Array;
  weights: Float64Array;
  /** Per edge: `handOff(source, target)`, computed where the evidence is. */
  handOffs: Uint8Array;
}

export interface RefineOutcome {
  parts: string[][];
  refinedCommunities: number;
}

export function refineTask(graph: AbstractGraph, members: string[], handOff: HandOffDirection): RefineTask {
  const index = new Map(members.map((m, i) => [m, i]));
  const ends: number[] = [];
  const weights: number[] = [];
  const handOffs: number[] = [];
  for (const node of members) {
    graph.forEachEdge(node, (_edge, attributes, source, target) => {
      const other = source === node ? target : source;
      if (compareStrings(node, other) >= 0 || !index.has(other)) return;
      ends.push(index.get(source)!, index.get(target)!);
      weights.push(attributes.weight as number);
      handOffs.push(handOff(source, target));
    });
  }
  return {
    members,
    ends: Int32Array.from(ends),
    weights: Float64Array.from(weights),
    handOffs: Uint8Array.from(handOffs),
  };
}

/** Bits 1 and 2 swap when the pair is asked the other way round; SAME_DEVICE stays. */
const flip = (d: number): number => (d & ~3) | ((d & 1) << 1) | ((d & 2) >> 1);

/** Refines the task's community as `refineCommunity` does on the whole graph. */
export function runRefineTask(task: RefineTask, seed: number, resolution: number): RefineOutcome {
  const { members, ends, weights, handOffs } = task;
  const graph = new UndirectedGraph<Attributes, Attributes>();
  for (const m of members) graph.addNode(m);
  const directions = new Map<string, number>();
  for (let e = 0; e < weights.length; e++) {
    const source = members[ends[2 * e]!]!;
    const target = members[ends[2 * e + 1]!]!;
    graph.addEdge(source, target, { weight: weights[e] });
    directions.set(`${source}\u0000${target}`, handOffs[e]!);
  }
  const handOff: HandOffDirection = (a, b) => {
    const forward = directions.get(`${a}\u0000${b}`);
    if (forward !== undefined) return forward;
    const backward = directions.get(`${b}\u0000${a}`);
    return backward === undefined ? 0 : flip(backward);
  };
  const { communities, refinedCommunities } = refineCommunity(graph, members, seed, resolution, handOff);
  return { parts: communities, refinedCommunities };
}
