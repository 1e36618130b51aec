// The people a ring preyed on: filers who named a member's phone, account or identifier as the party they complain
// about (被投诉方). Listed apart from the members, never counted as members.
import type { RingContext } from './ring-context.js';
import { compareStrings } from './ordering.js';

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
  const byVictim = new Map<
    string,
    {
      members: Set<string>;
      identifiers: Set<string>;
      records: Set<string>;
      sources: Set<string>;
      times: string[];
    }
  >();
  for (const member of ctx.members) {
    for (const fact of ctx.graph.namedAgainst(member)) {
      if (ctx.memberSet.has(fact.namerId)) continue;
      let entry = byVictim.get(fact.namerId);
      if (entry === undefined) {
        entry = {
          members: new Set(),
          identifiers: new Set(),
          records: new Set(),
          sources: new Set(),
          times: [],
        };
        byVictim.set(fact.namerId, entry);
      }
      entry.members.add(member);
      entry.identifiers.add(`${fact.identifierKind}:${fact.identifier}`);
      if (fact.recordId !== undefined) entry.records.add(fact.recordId);
      if (fact.source) entry.sources.add(fact.source);
      if (fact.at !== undefined) entry.times.push(fact.at);
    }
  }
  return [...byVictim.keys()].sort(compareStrings).map((actorId) => {
    const e = byVictim.get(actorId)!;
    const times = e.times.sort();
    const victim: RingVictim = {
      actorId,
      namedMemberIds: [...e.members].sort(compareStrings),
      identifiers: [...e.identifiers].sort(compareStrings),
      recordIds: [...e.records].sort(compareStrings),
      sources: [...e.sources].sort(compareStrings),
      reason:
        `${actorId} complained about ${[...e.identifiers].sort(compareStrings).join(', ')}, held by member(s) ` +
        `${[...e.members].sort(compareStrings).join(', ')}, in ${e.records.size} filing(s): the ring's victim, not a member.`,
    };
    if (times.length > 0) {
      victim.firstAt = times[0]!;
      victim.lastAt = times[times.length - 1]!;
    }
    return victim;
  });
}
