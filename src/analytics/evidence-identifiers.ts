// The identifier phase of EvidenceGraphBuilder.build: each shared phone, account, device, agent or identifier
// ties its holders (weighted by rarity), or is set aside as a hub; payouts, naming and agents are noted on the way.
import type { Hub, IdentifierKind, TransferRow } from './evidence.types.js';
import { IDENTIFIER_KINDS } from './evidence.types.js';
import { INCIDENCE_WIDTH } from './evidence-graph.js';
import type { LinkingIdentifier, NamedFact, PayoutFact } from './evidence-graph.js';
import { OWNING_MASK, VIA_BIT, evidenceKindForMasks, rarity } from './evidence-kind.js';
import type { DetectionParams } from './detection-params.js';
import { pushTo, type PairTable, type Ranking } from './evidence-pairs.js';
import { compareStrings } from './ordering.js';

/** One character per identifier kind, prefixed to the identifier to key its bucket without a second string. */
export const KIND_CODE: Readonly<Record<IdentifierKind, string>> = {
  phone: 'p',
  account: 'a',
  device: 'd',
  agent: 'g',
  identifier: 'i',
};
const KIND_OF_CODE: ReadonlyMap<string, IdentifierKind> = new Map(
  IDENTIFIER_KINDS.map((k) => [KIND_CODE[k], k]),
);

export interface IdentifierLinks {
  identifiers: LinkingIdentifier[];
  hubs: Hub[];
  agentRanks: Set<number>;
  payoutsByActor: Map<string, PayoutFact[]>;
  namedAgainst: Map<string, NamedFact[]>;
  namesBy: Map<string, Set<string>>;
  /** Holders of the accounts money moved between, to recognise transfers within one household. */
  transferAccounts: Map<string, Set<string>>;
  bucketKeys: string[];
}

/**
 * An identifier held by more actors than the hub threshold (up to this many times it) still ties them when most of
 * its holders are named, each by someone outside them, as the party complained about: an office network or a
 * payroll shared by a collection gang whose collectors debtors name, not a campus or an employer nobody names.
 */
export const NAMED_HUB_MAX_FACTOR = 4;
/** …more than this share of all its actors (holders and those who write it down). */
export const NAMED_HUB_SHARE = 0.5;

/**
 * More than NAMED_HUB_SHARE of the identifier's actors hold it and are named by filers who do not hold it.
 * NOTE: of all its actors, not of its holders: a law firm's landline is held by the firm alone and written down by
 * its clients, and one complaint naming the firm must not tie the clients.
 */
function namedHolders(
  ranks: readonly number[],
  masks: readonly number[],
  actorIds: readonly string[],
  namedAgainst: ReadonlyMap<string, NamedFact[]>,
): boolean {
  const holders = new Set<string>();
  ranks.forEach((rank, i) => (masks[i]! & OWNING_MASK) !== 0 && holders.add(actorIds[rank] ?? ''));
  if (holders.size === 0) return false;
  let named = 0;
  for (const holder of holders)
    if ((namedAgainst.get(holder) ?? []).some((fact) => !holders.has(fact.namerId))) named++;
  return named > NAMED_HUB_SHARE * ranks.length;
}

/** Wide identifiers (over the hub threshold, under NAMED_HUB_MAX_FACTOR times it) link or become hubs. */
function settleWide(
  links: IdentifierLinks,
  wide: readonly WideIdentifier[],
  { actorIds, records, sources }: Ranking,
  hubThreshold: number,
  link: (w: WideIdentifier) => void,
): void {
  for (const w of wide) {
    const linked = namedHolders(w.ranks, w.masks, actorIds, links.namedAgainst);
    if (w.kind === 'account') {
      const { identifier, tuples, ranks, masks } = w;
      collectPayouts(
        links.payoutsByActor,
        identifier,
        tuples,
        ranks,
        masks,
        !linked,
        actorIds,
        records,
        sources,
      );
    }
    if (linked) link(w);
    else links.hubs.push(describeHub(w.kind, w.identifier, w.ranks.length, w.tuples, hubThreshold));
  }
}

interface WideIdentifier {
  kind: IdentifierKind;
  identifier: string;
  tuples: number[];
  ranks: number[];
  masks: number[];
}

/** Ties every pair of an identifier's actors in `table`, weighted by its rarity, and lists it as linking. */
function linkHolders(
  identifiers: LinkingIdentifier[],
  table: PairTable,
  weights: DetectionParams['weights'],
  { kind, identifier, tuples, ranks, masks }: WideIdentifier,
): void {
  const d = ranks.length;
  const ref = identifiers.length;
  identifiers.push({ kind, identifier, actorCount: d, incidences: tuples });
  const scale = rarity(d);
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const evidenceKind = evidenceKindForMasks(kind, masks[i]!, masks[j]!);
      table.add(ranks[i]!, ranks[j]!, ref, weights[evidenceKind] * scale);
    }
  }
}

/** Links the holders of every identifier bucket (kind code + identifier → flat incidence tuples) into `table`. */
export function linkIdentifiers(
  incidences: ReadonlyMap<string, number[]>,
  transfers: Iterable<TransferRow>,
  ranking: Ranking,
  params: Pick<DetectionParams, 'hubThreshold' | 'weights'>,
  table: PairTable,
): IdentifierLinks {
  const { hubThreshold, weights } = params;
  const { actorIds, records, sources } = ranking;
  const links: IdentifierLinks = {
    identifiers: [],
    hubs: [],
    agentRanks: new Set<number>(),
    payoutsByActor: new Map(),
    namedAgainst: new Map(),
    namesBy: new Map(),
    transferAccounts: new Map(),
    bucketKeys: [...incidences.keys()].sort(),
  };
  const { identifiers, hubs, agentRanks, payoutsByActor, namedAgainst, namesBy, transferAccounts } = links;
  const wide: WideIdentifier[] = [];
  const link = (w: WideIdentifier) => linkHolders(identifiers, table, weights, w);
  for (const t of transfers) {
    if (!transferAccounts.has(t.fromAccount)) transferAccounts.set(t.fromAccount, new Set());
    if (!transferAccounts.has(t.toAccount)) transferAccounts.set(t.toAccount, new Set());
  }
  for (const key of links.bucketKeys) {
    const kind = KIND_OF_CODE.get(key.charAt(0));
    const raw = incidences.get(key);
    if (kind === undefined || raw === undefined) continue;
    const identifier = key.slice(1);
    if (raw.length === INCIDENCE_WIDTH) {
      noteSingleIncidence(links, kind, identifier, raw, ranking);
      continue;
    }
    const deduped = dedupeIncidences(raw, ranking.rankOfInterned, records, sources);
    // NOTE: naming an identifier as the party complained about ties the filer to its holders as a victim, never
    // to the other filers naming it: it is kept apart from the linking incidences (and from the hub count).
    const tuples = collectNamed(namedAgainst, namesBy, kind, identifier, deduped, actorIds, records, sources);
    if (tuples.length === 0) continue;
    const { ranks, masks } = actorMasks(tuples);
    const d = ranks.length;
    if (kind === 'agent')
      ranks.forEach((rank, i) => (masks[i]! & VIA_BIT.is_agent) !== 0 && agentRanks.add(rank));
    const accountHolders = kind === 'account' ? transferAccounts.get(identifier) : undefined;
    if (accountHolders !== undefined) {
      masks.forEach(
        (mask, i) => (mask & VIA_BIT.holds) !== 0 && accountHolders.add(actorIds[ranks[i]!] ?? ''),
      );
    }
    const wideOne = d > hubThreshold && d <= NAMED_HUB_MAX_FACTOR * hubThreshold;
    // NOTE: a wide account's payouts wait until it is known whether it links its holders (below)
    if (kind === 'account' && !wideOne) {
      collectPayouts(
        payoutsByActor,
        identifier,
        tuples,
        ranks,
        masks,
        d > hubThreshold,
        actorIds,
        records,
        sources,
      );
    }
    if (d < 2) continue;
    if (d > hubThreshold) {
      if (wideOne) wide.push({ kind, identifier, tuples, ranks, masks });
      else hubs.push(describeHub(kind, identifier, d, tuples, hubThreshold));
      continue;
    }
    link({ kind, identifier, tuples, ranks, masks });
  }
  // NOTE: after the loop, when every identifier's naming facts are known
  settleWide(links, wide, ranking, hubThreshold, link);
  hubs.sort((x, y) => y.actorCount - x.actorCount || compareStrings(x.identifier, y.identifier));
  return links;
}

// Most identifiers have a single incidence (one's own phone, card, handset): nothing to link, so only
// the agent and foreign-payout facts are kept, without the general path's allocations.
function noteSingleIncidence(
  links: IdentifierLinks,
  kind: IdentifierKind,
  identifier: string,
  raw: number[],
  ranking: Ranking,
): void {
  const { actorIds, records, sources } = ranking;
  const rank = ranking.rankOfInterned[raw[0] ?? 0] ?? -1;
  if (raw[1] === VIA_BIT.is_agent && kind === 'agent') links.agentRanks.add(rank);
  if (raw[1] === VIA_BIT.holds) links.transferAccounts.get(identifier)?.add(actorIds[rank] ?? '');
  if (raw[1] === VIA_BIT.payout && kind === 'account') {
    const tuple = [rank, raw[1], raw[2] ?? -1, raw[3] ?? 0, raw[4] ?? Number.NaN];
    collectPayouts(
      links.payoutsByActor,
      identifier,
      tuple,
      [rank],
      [VIA_BIT.payout],
      false,
      actorIds,
      records,
      sources,
    );
  }
}

/** Rank-based tuples sorted by (actor, via, record, source, time) with exact duplicates removed. */
function dedupeIncidences(
  raw: number[],
  rankOfInterned: number[],
  records: string[],
  sources: string[],
): number[] {
  const count = raw.length / INCIDENCE_WIDTH;
  if (count === 1)
    return [rankOfInterned[raw[0] ?? 0] ?? -1, raw[1] ?? 0, raw[2] ?? -1, raw[3] ?? 0, raw[4] ?? Number.NaN];
  const at = (t: number, field: number): number => raw[t * INCIDENCE_WIDTH + field] ?? -1;
  const rank = (t: number): number => rankOfInterned[at(t, 0)] ?? -1;
  const order = Array.from({ length: count }, (_, t) => t);
  const compare = (x: number, y: number): number => {
    const recordX = at(x, 2);
    const recordY = at(y, 2);
    const timeX = at(x, 4);
    const timeY = at(y, 4);
    return (
      rank(x) - rank(y) ||
      at(x, 1) - at(y, 1) ||
      (recordX === recordY
        ? 0
        : recordX < 0
          ? -1
          : recordY < 0
            ? 1
            : compareStrings(records[recordX]!, records[recordY]!)) ||
      compareStrings(sources[at(x, 3)] ?? '', sources[at(y, 3)] ?? '') ||
      (Object.is(timeX, timeY) ? 0 : Number.isNaN(timeX) ? -1 : Number.isNaN(timeY) ? 1 : timeX - timeY)
    );
  };
  if (count > 1) order.sort(compare);
  const out: number[] = [];
  let previous = -1;
  for (const t of order) {
    if (previous >= 0 && compare(previous, t) === 0) continue;
    out.push(rank(t), at(t, 1), at(t, 2), at(t, 3), at(t, 4));
    previous = t;
  }
  return out;
}

/**
 * Records, for each holder of an identifier that filings name as the party complained about, who named it in which
 * filing; returns the identifier's other (linking) incidences. A filer naming an identifier it holds itself is
 * ignored (one's own phone is no accusation).
 */
function collectNamed(
  namedAgainst: Map<string, NamedFact[]>,
  namesBy: Map<string, Set<string>>,
  kind: IdentifierKind,
  identifier: string,
  tuples: number[],
  actorIds: string[],
  records: string[],
  sources: string[],
): number[] {
  let named = false;
  for (let i = 1; i < tuples.length; i += INCIDENCE_WIDTH) if (tuples[i] === VIA_BIT.named) named = true;
  if (!named) return tuples;
  const rest: number[] = [];
  const namers: number[] = [];
  const holders = new Set<number>();
  for (let i = 0; i < tuples.length; i += INCIDENCE_WIDTH) {
    const tuple = tuples.slice(i, i + INCIDENCE_WIDTH);
    if (tuples[i + 1] === VIA_BIT.named) {
      namers.push(...tuple);
      const namerId = actorIds[tuples[i]!] ?? '';
      let names = namesBy.get(namerId);
      if (names === undefined) namesBy.set(namerId, (names = new Set()));
      names.add(`${kind}:${identifier}`);
    } else {
      rest.push(...tuple);
      if ((tuples[i + 1]! & OWNING_MASK) !== 0) holders.add(tuples[i]!);
    }
  }
  for (const holder of holders) {
    const holderId = actorIds[holder] ?? '';
    for (let i = 0; i < namers.length; i += INCIDENCE_WIDTH) {
      const namer = namers[i]!;
      if (holders.has(namer)) continue;
      const record = namers[i + 2] ?? -1;
      const at = namers[i + 4] ?? Number.NaN;
      const fact: NamedFact = {
        holderId,
        namerId: actorIds[namer] ?? '',
        identifierKind: kind,
        identifier,
        source: sources[namers[i + 3] ?? 0] ?? '',
      };
      if (record >= 0) fact.recordId = records[record] ?? '';
      if (!Number.isNaN(at)) fact.at = new Date(at).toISOString();
      pushTo(namedAgainst, holderId, fact);
    }
  }
  return rest;
}

function collectPayouts(
  payoutsByActor: Map<string, PayoutFact[]>,
  account: string,
  tuples: number[],
  ranks: number[],
  masks: number[],
  isHub: boolean,
  actorIds: string[],
  records: string[],
  sources: string[],
): void {
  if (!masks.some((mask) => (mask & VIA_BIT.payout) !== 0)) return;
  const holderRanks = new Set(ranks.filter((_, i) => (masks[i]! & VIA_BIT.holds) !== 0));
  const holderIds = isHub ? [] : [...holderRanks].map((rank) => actorIds[rank] ?? '');
  for (let i = 0; i < tuples.length; i += INCIDENCE_WIDTH) {
    if (tuples[i + 1] !== VIA_BIT.payout) continue;
    const rank = tuples[i] ?? -1;
    if (holderRanks.has(rank)) continue; // refunds into one's own account are what honest filers ask for
    const actorId = actorIds[rank] ?? '';
    const record = tuples[i + 2] ?? -1;
    const at = tuples[i + 4] ?? Number.NaN;
    const fact: PayoutFact = {
      actorId,
      account,
      source: sources[tuples[i + 3] ?? 0] ?? '',
      holderIds,
    };
    if (record >= 0) fact.recordId = records[record] ?? '';
    if (!Number.isNaN(at)) fact.at = new Date(at).toISOString();
    pushTo(payoutsByActor, actorId, fact);
  }
}

function describeHub(
  kind: IdentifierKind,
  identifier: string,
  d: number,
  tuples: number[],
  threshold: number,
): Hub {
  const recordIndices = new Set<number>();
  for (let i = 0; i < tuples.length; i += INCIDENCE_WIDTH) {
    const record = tuples[i + 2] ?? -1;
    if (record >= 0) recordIndices.add(record);
  }
  const recordCount = recordIndices.size;
  return {
    identifier,
    identifierKind: kind,
    actorCount: d,
    recordCount,
    reason:
      `${kind} ${identifier} is tied to ${d} actors (more than the hub threshold of ${threshold})` +
      (recordCount > 0 ? ` through ${recordCount} complaints/claims` : '') +
      `, like a hotline or a platform account; it is not used to link actors.`,
  };
}

/** The actors of sorted incidence tuples, each once, with the union of the vias it has to the identifier. */
function actorMasks(tuples: readonly number[]): { ranks: number[]; masks: number[] } {
  const ranks: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < tuples.length; i += INCIDENCE_WIDTH) {
    const rank = tuples[i] ?? -1;
    if (ranks[ranks.length - 1] !== rank) {
      ranks.push(rank);
      masks.push(0);
    }
    masks[masks.length - 1]! |= tuples[i + 1] ?? 0;
  }
  return { ranks, masks };
}
