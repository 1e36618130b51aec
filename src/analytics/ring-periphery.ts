// Trims actors hanging on a community by a single money or look-alike tie: customers, victims and acquaintances, not members.
import type { EvidenceGraph } from './evidence-graph.js';
import { isHandOff } from './evidence-kind.js';
import type { EvidenceKind } from './evidence.types.js';
import { compareStrings } from './ordering.js';

export interface PeeledPartition {
  communities: string[][];
  /** Actors removed from their community because money to or from one member was all that tied them to it. */
  peeledActors: number;
  /** Actors removed as a household hanging on one member (see `peelHouseholds`). */
  householdActors: number;
}

/** A household is at most this many people (the pendant group, not counting the member it hangs on). */
export const HOUSEHOLD_PENDANT_MAX = 5;
/** Communities larger than this are not searched for pendant households (one pass per member). */
const HOUSEHOLD_SEARCH_MAX_MEMBERS = 400;
/** What a household shares among itself and with its one member: home things and money, nothing else. */
const HOMELY_KINDS: ReadonlySet<EvidenceKind> = new Set([
  'shared_phone',
  'shared_device',
  'shared_account',
  'shared_identifier',
  'transfer',
]);

/**
 * NOTE: Louvain always puts an actor with one neighbour in that neighbour's community, so whoever once paid
 * a member (a shop customer, a stock-tips victim, a friend repaying a loan) would join the ring. An actor
 * whose only tie inside its community is money exchanged with one member is peeled off, repeatedly (so
 * chains of such actors go too); what is left is split into its connected parts again.
 */
export function peelPeriphery(graph: EvidenceGraph, communities: readonly string[][]): PeeledPartition {
  let peeledActors = 0;
  let householdActors = 0;
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
    const households = peelHouseholds(graph, inside);
    householdActors += households;
    result.push(...components(graph, members, inside));
  }
  result.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities: result, peeledActors, householdActors };
}

/**
 * NOTE: a member's family comes with it: the home phone, the tablet, the joint card and the money they pass
 * around tie them to that member and to nobody else in the ring. A group of at most HOUSEHOLD_PENDANT_MAX
 * actors that hangs on one member alone (removing the member cuts it off from the rest), each of them tied to that
 * member directly (they share its home), and whose ties, among
 * themselves and to that member, are only such home things and money — no hand-off, no look-alike text, no
 * lockstep, no shared collection account — is that member's household, not the ring's: it leaves, when the
 * member itself is tied into the ring by something it does. A ring's own members are tied to more than one
 * other member, or by what the ring does. Removes from `inside`; returns how many.
 */
function peelHouseholds(graph: EvidenceGraph, inside: Set<string>): number {
  if (inside.size > HOUSEHOLD_SEARCH_MAX_MEMBERS || inside.size <= HOUSEHOLD_PENDANT_MAX + 2) return 0;
  const homely = (a: string, b: string): boolean =>
    graph.evidenceBetween(a, b).every((e) => HOMELY_KINDS.has(e.kind) && !isHandOff(e));
  let removed = 0;
  for (const member of [...inside].sort(compareStrings)) {
    if (!inside.has(member)) continue;
    // only a member the ring holds for what it does (a hand-off, a look-alike text, lockstep, fees…) has a
    // household apart from it; where everything is shared things (a bot farm's friends) nothing is peeled
    if (!graph.graph.neighbors(member).some((n) => inside.has(n) && !homely(member, n))) continue;
    const seen = new Set<string>([member]);
    for (const start of graph.graph.neighbors(member).sort(compareStrings)) {
      if (!inside.has(start) || seen.has(start)) continue;
      // the group reachable from this neighbour without passing through the member
      const group: string[] = [];
      const stack = [start];
      seen.add(start);
      let household = true;
      while (stack.length > 0) {
        const node = stack.pop()!;
        group.push(node);
        if (group.length > HOUSEHOLD_PENDANT_MAX) household = false;
        graph.graph.forEachNeighbor(node, (next) => {
          if (!inside.has(next)) return;
          if (household && !homely(node, next)) household = false;
          if (!seen.has(next)) {
            seen.add(next);
            stack.push(next);
          }
        });
      }
      // a household shares its home with the member: each of them is tied to the member directly
      if (!household || group.some((actor) => !graph.graph.hasEdge(actor, member))) continue;
      if (group.length >= inside.size - 1 - group.length) continue;
      for (const actor of group) inside.delete(actor);
      removed += group.length;
    }
  }
  return removed;
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
