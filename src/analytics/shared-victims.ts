// Joins the pieces of one operation that the same victims complain about: a collection crew on rotating phones,
// a tips room behind several collection accounts, split by Louvain because its pieces share nothing but their prey.
import { CO_NAMED_MAX_HOLDERS } from './co-named.js';
import type { EvidenceGraph } from './evidence-graph.js';
import { compareStrings } from './ordering.js';
import { PartUnion } from './part-union.js';

/** Two communities are one operation when at least this many distinct outsiders name members of both. */
export const SHARED_VICTIMS_MIN = 3;

export interface VictimJoinedPartition {
  communities: string[][];
  /** Communities merged into another because they share victims. */
  joinedCommunities: number;
}

/**
 * NOTE: debt collectors rotate phones and WeChat accounts, so a crew shares few identifiers and Louvain splits it,
 * while every debtor it harasses names several of its numbers in complaints. Two communities whose members are
 * named by the same three or more complainants (outside both), and that are tied to each other by at least one
 * evidence (co_named ties them when a complainant names both), are one operation: they are merged. A complainant
 * naming members of more than CO_NAMED_MAX_HOLDERS communities (a serial complainer, a consumer group) is not used,
 * as for co_named. The tie is required so that a merged ring's members are still explained by evidence among them.
 */
export function joinBySharedVictims(
  graph: EvidenceGraph,
  communities: readonly string[][],
  minShared = SHARED_VICTIMS_MIN,
): VictimJoinedPartition {
  const n = communities.length;
  const communityOf = new Map<string, number>();
  communities.forEach((c, i) => c.forEach((actor) => communityOf.set(actor, i)));
  const byNamer = new Map<string, number[]>();
  communities.forEach((community, i) => {
    const namers = new Set<string>();
    for (const member of community) {
      for (const fact of graph.namedAgainst(member)) {
        if (communityOf.get(fact.namerId) !== i) namers.add(fact.namerId);
      }
    }
    for (const namer of namers) {
      const list = byNamer.get(namer);
      if (list === undefined) byNamer.set(namer, [i]);
      else list.push(i);
    }
  });
  const shared = new Map<number, number>();
  for (const list of byNamer.values()) {
    if (list.length < 2 || list.length > CO_NAMED_MAX_HOLDERS) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = list[a]! * n + list[b]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const union = new PartUnion(n);
  let joinedCommunities = 0;
  for (const key of [...shared.keys()].sort((x, y) => x - y)) {
    if (shared.get(key)! < minShared) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    if (!tied(graph, communities[a]!, b, communityOf)) continue;
    if (union.union(a, b)) joinedCommunities++;
  }
  if (joinedCommunities === 0) return { communities: [...communities], joinedCommunities };
  const out = union.merged(communities);
  out.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: out, joinedCommunities };
}

/** Whether some member of `community` has an evidence edge to a member of community `other`. */
function tied(
  graph: EvidenceGraph,
  community: readonly string[],
  other: number,
  communityOf: ReadonlyMap<string, number>,
): boolean {
  return community.some(
    (actor) =>
      graph.graph.hasNode(actor) &&
      graph.graph.someNeighbor(actor, (neighbor) => communityOf.get(neighbor) === other),
  );
}
