// Re-runs Louvain inside each community and keeps clear sub-structure, to get around modularity's resolution limit.
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { repairConnectivity } from './connectivity-repair.js';
import { louvainCommunities } from './louvain-communities.js';
import { compareStrings } from './ordering.js';
import { PartUnion } from './part-union.js';

/**
 * A sub-partition is kept when it reaches this modularity inside its community (at γ = 1; scaled by γ otherwise).
 * NOTE: a ring (a clique around a contact phone, a star around a collection account) has no sub-partition
 * anywhere near it, while rings and families chained by single payments split well above it. 0.3 was the best
 * recall/precision balance on the seed worlds (0.2 splits large gangs along their handsets, 0.4 keeps noise).
 */
export const REFINE_MIN_MODULARITY = 0.3;
/** Communities smaller than this are not refined: their halves could not be rings anyway. */
export const REFINE_MIN_SIZE = 6;
const REFINE_MAX_DEPTH = 8;
/**
 * Two parts joined by a hand-off are merged only when the edges between them weigh at least this share of the
 * lighter part's total edge weight.
 * NOTE: without it one hand-off was enough: everyone who wrote down a property manager's or a community helper's
 * phone pulled their family's community into the manager's, and on the independent generator's worlds that chained
 * 1,319 honest actors (hotline users, law-firm clients, residents) and a surrender-agent team into one community,
 * and 98 honest actors into a loan-mediation ring. A ring's pieces hand off to one another with most of their weight.
 * 0.15 was chosen over 0.3 on the dev and held-out seeds (0.3 split more real rings; `npm run calibrate` and
 * `npm run bench:quality`, issue 12's notes).
 */
export const REJOIN_MIN_SHARE = 0.15;
/**
 * …or when more than this share of one part's members write down the other part's identifiers: an organiser's
 * clients, each group tied together only by the organiser's phone it writes down, stay with the organiser.
 */
export const REJOIN_WRITER_SHARE = 0.5;

/**
 * Between two actors: bit 1 when the first writes down an identifier the second owns, bit 2 the other way round;
 * SAME_DEVICE when they filed from or hold one device.
 */
export type HandOffDirection = (a: string, b: string) => number;
/**
 * Parts that file from the same devices are rejoined on the same share test as a hand-off, or when more than
 * REJOIN_WRITER_SHARE of the members of each of them use a device the other part uses.
 * NOTE: a handset many people file from is one operator filing for them (a surrender team's office phones); Louvain
 * otherwise cuts such a team into one piece per salesman, each with its own clients.
 */
export const SAME_DEVICE = 4;

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
 * `handOff` says who writes down whose identifiers: parts a split makes are merged back by `rejoin`'s rules.
 */
export function refineCommunities(
  graph: AbstractGraph,
  communities: readonly string[][],
  seed: number,
  resolution: number,
  handOff: HandOffDirection = () => 0,
): RefinedPartition {
  let refinedCommunities = 0;
  const result = communities.flatMap((members) => {
    const refined = refineCommunity(graph, members, seed, resolution, handOff);
    refinedCommunities += refined.refinedCommunities;
    return refined.communities;
  });
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, refinedCommunities };
}

/**
 * One community of `refineCommunities`, its parts in the order found (not sorted). It reads nothing but the
 * community's induced subgraph and `handOff` on its edges, so it gives the same parts on that subgraph alone
 * (refine-task.ts: how a worker thread refines a community).
 */
export function refineCommunity(
  graph: AbstractGraph,
  members: string[],
  seed: number,
  resolution: number,
  handOff: HandOffDirection = () => 0,
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
    const parts = rejoin(sub, repairConnectivity(sub, detailed.communities).communities, handOff);
    if (parts.length < 2) return [members];
    refinedCommunities++;
    return parts.flatMap((part) => refine(part, depth + 1));
  };
  return { communities: refine(members, 0), refinedCommunities };
}

/**
 * Merges parts joined by a hand-off when the edges between them weigh at least `minShare` of the lighter part's edge
 * weight (its volume: every edge at its members, inside or out), or when more than REJOIN_WRITER_SHARE of one part's
 * members write down the other part's identifiers; union-find over part pairs, repeated on the merged parts until
 * nothing more merges.
 * NOTE: repeated because a piece can be tied to several pieces of one operation by a thin share each and to all of
 * them together by a real one: a loan mediator's staff each take their own clients (Louvain cuts one piece per
 * staff member), and clients write down whichever staff phone they were given, so each piece hands 0.07–0.16 of its
 * weight to each other piece and 0.25 to the rest (issue 12's notes: alt:21's A-006, 90 members in three reported
 * pieces before, one ring of 85 after). Honest neighbours of such a piece stayed at 0.01.
 */
export function rejoin(
  sub: AbstractGraph,
  parts: string[][],
  handOff: HandOffDirection,
  minShare = REJOIN_MIN_SHARE,
): string[][] {
  let current = parts;
  for (;;) {
    const merged = rejoinOnce(sub, current, handOff, minShare);
    if (merged.length === current.length) return merged;
    current = merged;
  }
}

function rejoinOnce(
  sub: AbstractGraph,
  parts: string[][],
  handOff: HandOffDirection,
  minShare: number,
): string[][] {
  const count = parts.length;
  const partOf = new Map<string, number>();
  parts.forEach((part, i) => part.forEach((node) => partOf.set(node, i)));
  const union = new PartUnion(count);
  const volume = new Float64Array(count);
  // per pair of parts (lower index first): the weight of the edges between them, and the members of each writing
  // down identifiers held in the other (writers[0]: the lower part's, writers[1]: the higher part's)
  const cross = new Map<
    number,
    { weight: number; writers: [Set<string>, Set<string>]; device: [Set<string>, Set<string>] }
  >();
  sub.forEachEdge((_edge, attributes, source, target) => {
    const a = partOf.get(source) ?? 0;
    const b = partOf.get(target) ?? 0;
    const w = (attributes.weight as number | undefined) ?? 1;
    volume[a]! += w;
    volume[b]! += w;
    if (a === b) return;
    const [low, lowNode, highNode] = a < b ? [a, source, target] : [b, target, source];
    const key = low * count + (a < b ? b : a);
    let entry = cross.get(key);
    if (entry === undefined)
      cross.set(
        key,
        (entry = { weight: 0, writers: [new Set(), new Set()], device: [new Set(), new Set()] }),
      );
    entry.weight += w;
    const direction = handOff(lowNode, highNode);
    if ((direction & 1) !== 0) entry.writers[0].add(lowNode);
    if ((direction & 2) !== 0) entry.writers[1].add(highNode);
    if ((direction & SAME_DEVICE) !== 0) {
      entry.device[0].add(lowNode);
      entry.device[1].add(highNode);
    }
  });
  for (const key of [...cross.keys()].sort((x, y) => x - y)) {
    const entry = cross.get(key)!;
    // a hand-off either way between them, or a device both sides file from
    if (entry.writers[0].size + entry.writers[1].size + entry.device[0].size === 0) continue;
    const a = Math.floor(key / count);
    const b = key % count;
    const shared = entry.weight >= minShare * Math.min(volume[a]!, volume[b]!);
    const writers =
      entry.writers[0].size > REJOIN_WRITER_SHARE * parts[a]!.length ||
      entry.writers[1].size > REJOIN_WRITER_SHARE * parts[b]!.length;
    // NOTE: both sides: one ring member using a family's tablet must not pull the family in
    const devices =
      entry.device[0].size > REJOIN_WRITER_SHARE * parts[a]!.length &&
      entry.device[1].size > REJOIN_WRITER_SHARE * parts[b]!.length;
    if (shared || writers || devices) union.union(a, b);
  }
  return union.merged(parts);
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
