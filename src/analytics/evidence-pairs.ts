// The pair table EvidenceGraphBuilder.build fills phase by phase (actor ranks → evidence refs and weights), and the
// graphology graph it becomes.
import { UndirectedGraph } from 'graphology';
import type { ActorInfo, ActorNodeAttributes, EvidenceEdgeAttributes } from './evidence-graph.js';
import { isCoordinationRef } from './evidence-graph.js';

/** Every actor id in code-unit order, its rank, and the interned tables the incidence tuples point into. */
export interface Ranking {
  actorIds: string[];
  actorRank: Map<string, number>;
  /** Interned actor index → rank. */
  rankOfInterned: number[];
  records: string[];
  sources: string[];
}

export class PairTable {
  // NOTE: keyed by the smaller rank, then the larger: small-integer keys keep a million pairs cheap.
  readonly pairs = new Map<number, Map<number, EvidenceEdgeAttributes>>();
  evidenceCount = 0;

  add(rankA: number, rankB: number, ref: number, weight: number): void {
    if (!(weight > 0)) return;
    const low = rankA < rankB ? rankA : rankB;
    const high = rankA < rankB ? rankB : rankA;
    let row = this.pairs.get(low);
    if (row === undefined) this.pairs.set(low, (row = new Map()));
    const edge = row.get(high);
    if (edge === undefined) row.set(high, { weight, refs: [ref] });
    else {
      edge.weight += weight;
      edge.refs.push(ref);
    }
    this.evidenceCount++;
  }

  /** Whether two ranks are tied by anything but coordination. */
  directlyLinked(x: number, y: number): boolean {
    const edge = this.pairs.get(Math.min(x, y))?.get(Math.max(x, y));
    return edge !== undefined && edge.refs.some((ref) => !isCoordinationRef(ref));
  }
}

/** The linked actors as nodes (in rank order) and their pairs as edges keyed 0, 1, … in (low, high) order. */
export function toGraphology(
  table: PairTable,
  actorIds: readonly string[],
  actors: ReadonlyMap<string, ActorInfo>,
): UndirectedGraph<ActorNodeAttributes, EvidenceEdgeAttributes> {
  const { pairs } = table;
  const n = actorIds.length;
  const graph = new UndirectedGraph<ActorNodeAttributes, EvidenceEdgeAttributes>();
  const lows = [...pairs.keys()].sort((x, y) => x - y);
  const linked = new Uint8Array(n);
  for (const low of lows) {
    linked[low] = 1;
    for (const high of pairs.get(low)!.keys()) linked[high] = 1;
  }
  for (let rank = 0; rank < n; rank++) {
    if (linked[rank] === 0) continue;
    const id = actorIds[rank] ?? '';
    graph.addNode(id, { kind: actors.get(id)?.kind ?? 'person' });
  }
  let edgeIndex = 0;
  for (const low of lows) {
    const row = pairs.get(low)!;
    for (const high of [...row.keys()].sort((x, y) => x - y)) {
      graph.addEdgeWithKey(String(edgeIndex++), actorIds[low] ?? '', actorIds[high] ?? '', row.get(high)!);
    }
  }
  return graph;
}

export function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
