// Co-named evidence (共同被投诉): two actors whose phones, accounts or identifiers one complainant named as the party
// it complains about. Debtors harassed by one collection crew name two or three of its collectors each; fraud
// victims name the scammer's phone and the mule's account together. The complainants are victims, never linked
// to each other or to the named; the named are linked to each other.
import { rarity } from './evidence-kind.js';
import { compareTimes } from './iso-time.js';
import { compareStrings } from './ordering.js';

/**
 * A complainant naming more holders than this is not used: a pasted list of numbers or a complaint against a
 * whole call centre says little about who works with whom.
 */
export const CO_NAMED_MAX_HOLDERS = 12;

/** What co-naming reads of one naming (evidence-graph.ts's NamedFact has these fields). */
interface Naming {
  namerId: string;
  identifierKind: string;
  identifier: string;
  recordId?: string;
  source: string;
  at?: string;
}

export interface CoNamedMatch {
  /** Smaller id first. */
  actorA: string;
  actorB: string;
  /** Complainants who named both. */
  namerIds: string[];
  /** `<kind>:<identifier>` of what was named, of either. */
  identifiers: string[];
  /** The filings that named them. */
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  /** Σ over the complainants of rarity(how many holders each named), at most 2: the weight's factor. */
  strength: number;
}

/** What complainants' namings add up to: what was named, in which filings, from which sources, when. */
export class NamingTally {
  readonly #identifiers = new Set<string>();
  readonly #records = new Set<string>();
  readonly #sources = new Set<string>();
  readonly #times: string[] = [];

  add(fact: Naming): void {
    this.#identifiers.add(`${fact.identifierKind}:${fact.identifier}`);
    if (fact.recordId !== undefined) this.#records.add(fact.recordId);
    if (fact.source) this.#sources.add(fact.source);
    if (fact.at !== undefined) this.#times.push(fact.at);
  }

  /** Sorted, with the first and last time when any naming is dated. */
  summary(): {
    identifiers: string[];
    recordIds: string[];
    sources: string[];
    firstAt?: string;
    lastAt?: string;
  } {
    const times = [...this.#times].sort(compareTimes);
    return {
      identifiers: [...this.#identifiers].sort(compareStrings),
      recordIds: [...this.#records].sort(compareStrings),
      sources: [...this.#sources].sort(compareStrings),
      ...(times.length > 0 ? { firstAt: times[0]!, lastAt: times[times.length - 1]! } : {}),
    };
  }
}

export function findCoNamed(namedAgainst: ReadonlyMap<string, readonly Naming[]>): CoNamedMatch[] {
  const byNamer = new Map<string, Map<string, Naming[]>>();
  for (const [holder, facts] of namedAgainst) {
    for (const fact of facts) {
      let holders = byNamer.get(fact.namerId);
      if (holders === undefined) byNamer.set(fact.namerId, (holders = new Map()));
      const list = holders.get(holder);
      if (list === undefined) holders.set(holder, [fact]);
      else list.push(fact);
    }
  }
  const pairs = new Map<string, { namers: Set<string>; namings: NamingTally; strength: number }>();
  for (const namer of [...byNamer.keys()].sort(compareStrings)) {
    const holders = byNamer.get(namer)!;
    if (holders.size < 2 || holders.size > CO_NAMED_MAX_HOLDERS) continue;
    const ids = [...holders.keys()].sort(compareStrings);
    const factor = rarity(ids.length);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\u0000${ids[j]}`;
        let acc = pairs.get(key);
        if (acc === undefined)
          pairs.set(key, (acc = { namers: new Set(), namings: new NamingTally(), strength: 0 }));
        acc.namers.add(namer);
        acc.strength += factor;
        for (const fact of [...holders.get(ids[i]!)!, ...holders.get(ids[j]!)!]) acc.namings.add(fact);
      }
    }
  }
  return [...pairs.keys()].sort(compareStrings).map((key) => {
    const [actorA, actorB] = key.split('\u0000') as [string, string];
    const acc = pairs.get(key)!;
    return {
      actorA,
      actorB,
      namerIds: [...acc.namers].sort(compareStrings),
      ...acc.namings.summary(),
      strength: Math.min(2, acc.strength),
    };
  });
}
