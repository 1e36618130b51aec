// The people a ring preyed on: filers who named a member's phone, account or identifier as the party they complain
// about (被投诉方). Listed apart from the members, never counted as members.
import { IDENTIFIER_EVIDENCE_KINDS } from './evidence.types.js';
import type { EvidenceGraph } from './evidence-graph.js';
import type { RingContext } from './ring-context.js';
import { compareStrings } from './ordering.js';
import { NamingTally } from './co-named.js';

export interface RingVictim {
  actorId: string;
  /** The members whose identifiers this victim's filings name. */
  namedMemberIds: string[];
  /** `<kind>:<identifier>` of what was named. */
  identifiers: string[];
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  reason: string;
}

export function ringVictims(ctx: RingContext): RingVictim[] {
  const byVictim = new Map<string, { members: Set<string>; namings: NamingTally }>();
  for (const member of ctx.members) {
    for (const fact of ctx.graph.namedAgainst(member)) {
      if (ctx.memberSet.has(fact.namerId)) continue;
      let entry = byVictim.get(fact.namerId);
      if (entry === undefined)
        byVictim.set(fact.namerId, (entry = { members: new Set(), namings: new NamingTally() }));
      entry.members.add(member);
      entry.namings.add(fact);
    }
  }
  return [...byVictim.keys()].sort(compareStrings).map((actorId) => {
    const e = byVictim.get(actorId)!;
    const namings = e.namings.summary();
    const members = [...e.members].sort(compareStrings);
    return {
      actorId,
      namedMemberIds: members,
      ...namings,
      reason:
        `${actorId} complained about ${namings.identifiers.join(', ')}, held by member(s) ` +
        `${members.join(', ')}, in ${namings.recordIds.length} filing(s): the ring's victim, not a member.`,
    };
  });
}

/**
 * Takes out of each community the filers who named another member's (or anyone's) phone, account or identifier as
 * the party they complain about and are tied to the members only by money or by acting alike (similar complaint texts,
 * filing at the same hours): debtors who paid their collectors and wrote the same kind of complaint about them
 * are the ring's victims, not its members. A filer who also shares an identifier with members, or hands off to
 * them, stays: naming one's accomplice does not make one a victim.
 */
export function separateVictims(
  graph: EvidenceGraph,
  communities: readonly string[][],
): { communities: string[][]; separated: number } {
  const namedBy = new Map<string, Set<string>>();
  for (const community of communities) {
    for (const holder of community) {
      for (const fact of graph.namedAgainst(holder)) {
        let set = namedBy.get(fact.namerId);
        if (set === undefined) namedBy.set(fact.namerId, (set = new Set()));
        set.add(holder);
      }
    }
  }
  let separated = 0;
  const out = communities.map((community) => {
    const members = new Set(community);
    const kept = community.filter((actor) => {
      const named = namedBy.get(actor);
      const namesMember = named !== undefined && [...named].some((h) => members.has(h) && h !== actor);
      // NOTE: a filer naming a party outside the community (a mule's account, a collector's WeChat) is that
      // party's victim too: it leaves on the same terms, listed with the ring that holds the party, if any
      if (!namesMember && graph.namesBy(actor).size === 0) return true;
      let identifierTie = false;
      if (graph.graph.hasNode(actor)) {
        graph.graph.forEachNeighbor(actor, (other) => {
          if (identifierTie || !members.has(other)) return;
          if (graph.evidenceBetween(actor, other).some((e) => IDENTIFIER_EVIDENCE_KINDS.has(e.kind)))
            identifierTie = true;
        });
      }
      if (!identifierTie) separated++;
      return identifierTie;
    });
    return kept;
  });
  return { communities: out, separated };
}
