// Trims actors hanging on a community by a single money or look-alike tie: customers, victims and acquaintances, not members.
import type { EvidenceGraph } from './evidence-graph.js';
import { compareStrings } from './ordering.js';

export interface PeeledPartition {
  communities: string[][];
  /** Actors removed from their community because money to or from one member was all that tied them to it. */
  peeledActors: number;
}

/**
 * NOTE: Louvain always puts an actor with one neighbour in that neighbour's community, so whoever once paid
 * a member (a shop customer, a stock-tips victim, a friend repaying a loan) would join the ring. An actor
 * whose only tie inside its community is money exchanged with one member is peeled off, repeatedly (so
 * chains of such actors go too); what is left is split into its connected parts again.
 */
export function peelPeriphery(graph: EvidenceGraph, communities: readonly string[][]): PeeledPartition {
  let peeledActors = 0;
  const result: string[][] = [];
  for (const members of communities) {
    const inside = new Set(members);
    let queue = [...members];
    while (queue.length > 0) {
      const next = new Set<string>();
      for (const actor of queue) {
        if (!inside.has(actor) || !isMoneyLeaf(graph, actor, inside)) continue;
        inside.delete(actor);
        peeledActors++;
        graph.graph.forEachNeighbor(actor, (neighbor) => inside.has(neighbor) && next.add(neighbor));
      }
      queue = [...next].sort(compareStrings);
    }
    result.push(...components(graph, members, inside));
  }
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, peeledActors };
}

/**
 * NOTE: an actor sharing an identifier with a member stays. Otherwise it is a leaf when at most one member
 * ties it by money, a near-identical text or lockstep filing: one payment is a customer, one look-alike text
 * or one repeated coincidence is chance. Fees into the same collection account (co_payment) do not count here:
 * a debt collector's victims all pay the gang's account, which makes them its victims, not its members.
 */
function isMoneyLeaf(graph: EvidenceGraph, actor: string, inside: ReadonlySet<string>): boolean {
  let soft = 0;
  let neighbors = 0;
  let anchored = false;
  graph.graph.forEachEdge(actor, (_edge, attributes, source, target) => {
    if (anchored || !inside.has(source === actor ? target : source)) return;
    neighbors++;
    let counts = false;
    for (const ref of attributes.refs) {
      const kind = graph.refKind(ref);
      if (kind === 'identifier') anchored = true;
      else if (kind !== 'co_payment') counts = true;
    }
    if (counts) soft++;
  });
  return neighbors > 0 && !anchored && soft <= 1;
}

function components(
  graph: EvidenceGraph,
  members: readonly string[],
  inside: ReadonlySet<string>,
): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const start of members) {
    if (!inside.has(start) || seen.has(start)) continue;
    const component: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const node = stack.pop()!;
      component.push(node);
      graph.graph.forEachNeighbor(node, (neighbor) => {
        if (inside.has(neighbor) && !seen.has(neighbor)) {
          seen.add(neighbor);
          stack.push(neighbor);
        }
      });
    }
    out.push(component.sort(compareStrings));
  }
  return out;
}
