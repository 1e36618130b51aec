// The facts about one ring that roles, score, typology and explanation are all computed from, gathered once.
import type { ActorKind } from '../shared/domain.js';
import type {
  Evidence,
  EvidenceKind,
  EvidenceVia,
  FilingRow,
  IdentifierKind,
  TransferRow,
  Via,
} from './evidence.types.js';
import { IDENTIFIER_EVIDENCE_KINDS, MONEY_EVIDENCE_KINDS, VIAS } from './evidence.types.js';
import type { EvidenceGraph } from './evidence-graph.js';
import { OWNING_MASK, directedMask, viaMask } from './evidence-kind.js';
import { compareTimes } from './iso-time.js';
import { compareStrings } from './ordering.js';

/** Two members and every evidence tying them. */
export interface RingPair {
  a: string;
  b: string;
  weight: number;
  evidence: Evidence[];
}

/** An identifier at least two members are tied to, with each member's vias. */
export interface RingIdentifier {
  kind: IdentifierKind;
  identifier: string;
  actorCount: number;
  vias: Map<string, EvidenceVia[]>;
  /** Members who own it: use the phone, hold the account, are the agent. */
  owners: string[];
  /** Members who point at it without owning it: as contact, payout or representative. */
  pointers: string[];
}

export type CoordinationChannel = 'contact' | 'payout' | 'representation' | 'transfer';

/**
 * A member pointing at a centre: another member whose identifier it uses via contact/payout/representation
 * (or sends money to), or, when no member owns the identifier, the identifier itself (`<kind>:<identifier>`).
 */
export interface CoordinationTie {
  memberId: string;
  centre: string;
  centreIsMember: boolean;
  channels: Set<CoordinationChannel>;
  identifiers: Set<string>;
}

/** Money leaving a member: a transfer it sent, or a refund paid into an account it does not hold. */
export interface MoneyEvent {
  kind: 'transfer' | 'payout';
  id: string;
  payer: string;
  /** Sending account, or the institution paying the refund. */
  from: string;
  account: string;
  recipients: readonly string[];
  amount?: number;
  at?: string;
}

export interface RingContext {
  graph: EvidenceGraph;
  members: string[];
  memberSet: ReadonlySet<string>;
  kindOf: ReadonlyMap<string, ActorKind>;
  pairs: RingPair[];
  strength: ReadonlyMap<string, number>;
  /** For each evidence kind present, the members it ties to another member. */
  kindMembers: ReadonlyMap<EvidenceKind, ReadonlySet<string>>;
  /** For each evidence kind present, the identifiers (receiving accounts for transfers) behind it. */
  kindIdentifiers: ReadonlyMap<EvidenceKind, ReadonlySet<string>>;
  /** Members tied to another member by something other than money (an identifier they share). */
  tiedMembers: ReadonlySet<string>;
  identifiers: RingIdentifier[];
  /** member → centre → tie; only members pointing somewhere appear. */
  ties: ReadonlyMap<string, ReadonlyMap<string, CoordinationTie>>;
  filings: FilingRow[];
  filingById: ReadonlyMap<string, FilingRow>;
  /** Transfers sent by members to anyone, sorted by time. */
  transfersOut: TransferRow[];
  /** Transfers whose sender and recipient are both members. */
  internalTransfers: TransferRow[];
  moneyEvents: MoneyEvent[];
}

const CHANNEL_OF: Readonly<Record<IdentifierKind, CoordinationChannel | undefined>> = {
  phone: 'contact',
  account: 'payout',
  agent: 'representation',
  device: undefined,
  identifier: undefined,
};

export function buildRingContext(graph: EvidenceGraph, memberIds: Iterable<string>): RingContext {
  const members = [...new Set(memberIds)].sort(compareStrings);
  const memberSet = new Set(members);
  const kindOf = new Map(members.map((id) => [id, graph.actor(id).kind]));

  const pairs: RingPair[] = [];
  const strength = new Map(members.map((id) => [id, 0]));
  for (const a of members) {
    if (!graph.graph.hasNode(a)) continue;
    graph.graph.forEachEdge(a, (_edge, attributes, source, target) => {
      const b = source === a ? target : source;
      if (!memberSet.has(b) || compareStrings(a, b) >= 0) return;
      pairs.push({ a, b, weight: attributes.weight, evidence: graph.evidenceBetween(a, b) });
      strength.set(a, (strength.get(a) ?? 0) + attributes.weight);
      strength.set(b, (strength.get(b) ?? 0) + attributes.weight);
    });
  }
  pairs.sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
  const kindMembers = new Map<EvidenceKind, Set<string>>();
  const kindIdentifiers = new Map<EvidenceKind, Set<string>>();
  for (const pair of pairs) {
    for (const e of pair.evidence) {
      const set = kindMembers.get(e.kind) ?? new Set<string>();
      set.add(pair.a).add(pair.b);
      kindMembers.set(e.kind, set);
      kindIdentifiers.set(e.kind, (kindIdentifiers.get(e.kind) ?? new Set<string>()).add(e.identifier));
    }
  }
  // NOTE: money ties (transfers, fees into one account) do not make a member "tied": a shop's customers pay one
  // till too. Shared identifiers and acting alike (one template, filing in lockstep) do.
  const tiedMembers = new Set<string>();
  for (const [kind, set] of kindMembers)
    if (!MONEY_EVIDENCE_KINDS.has(kind)) for (const id of set) tiedMembers.add(id);

  const identifiers = collectIdentifiers(pairs);
  const filings = members.flatMap((id) => graph.filingsOf(id));
  filings.sort((x, y) => compareTimes(x.filedAt, y.filedAt) || compareStrings(x.id, y.id));
  const filingById = new Map(filings.map((f) => [f.id, f]));

  const transfersOut = members
    .flatMap((id) => graph.transfersOf(id).filter((t) => t.fromActor === id && t.toActor !== id))
    .sort((x, y) => compareTimes(x.at, y.at) || compareStrings(x.transferId, y.transferId));
  const internalTransfers = transfersOut.filter((t) => memberSet.has(t.toActor));

  const moneyEvents: MoneyEvent[] = transfersOut.map((t) => ({
    kind: 'transfer',
    id: t.transferId,
    payer: t.fromActor,
    from: t.fromAccount,
    account: t.toAccount,
    recipients: [t.toActor],
    amount: t.amount,
    at: t.at,
  }));
  for (const id of members) {
    for (const payout of graph.payoutsOf(id)) {
      const filing = payout.recordId === undefined ? undefined : filingById.get(payout.recordId);
      const event: MoneyEvent = {
        kind: 'payout',
        id: payout.recordId ?? `${id}->${payout.account}`,
        payer: id,
        from: filing?.institution ?? '',
        account: payout.account,
        recipients: payout.holderIds,
      };
      if (filing?.amount !== undefined) event.amount = filing.amount;
      const at = filing?.filedAt ?? payout.at;
      if (at !== undefined) event.at = at;
      moneyEvents.push(event);
    }
  }

  return {
    graph,
    members,
    memberSet,
    kindOf,
    pairs,
    strength,
    kindMembers,
    kindIdentifiers,
    tiedMembers,
    identifiers,
    ties: collectTies(identifiers, internalTransfers),
    filings,
    filingById,
    transfersOut,
    internalTransfers,
    moneyEvents,
  };
}

function collectIdentifiers(pairs: RingPair[]): RingIdentifier[] {
  const byKey = new Map<
    string,
    { kind: IdentifierKind; identifier: string; actorCount: number; vias: Map<string, Set<EvidenceVia>> }
  >();
  for (const pair of pairs) {
    for (const e of pair.evidence) {
      if (!IDENTIFIER_EVIDENCE_KINDS.has(e.kind)) continue;
      const key = `${e.identifierKind}:${e.identifier}`;
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = {
          kind: e.identifierKind as IdentifierKind,
          identifier: e.identifier,
          actorCount: e.actorCount ?? 0,
          vias: new Map(),
        };
        byKey.set(key, entry);
      }
      e.actors.forEach((actor, side) => {
        const set = entry.vias.get(actor) ?? new Set<EvidenceVia>();
        for (const via of e.vias[side] ?? []) set.add(via);
        entry.vias.set(actor, set);
      });
    }
  }
  return [...byKey.keys()].sort(compareStrings).map((key) => {
    const entry = byKey.get(key)!;
    const vias = new Map(
      [...entry.vias.keys()].sort(compareStrings).map((actor) => [actor, [...entry.vias.get(actor)!]]),
    );
    const owners: string[] = [];
    const pointers: string[] = [];
    for (const [actor, list] of vias) {
      const mask = viaMask(list.filter((v): v is Via => (VIAS as readonly string[]).includes(v)));
      if (mask & OWNING_MASK) owners.push(actor);
      if (directedMask(mask)) pointers.push(actor);
    }
    return {
      kind: entry.kind,
      identifier: entry.identifier,
      actorCount: entry.actorCount,
      vias,
      owners,
      pointers,
    };
  });
}

function collectTies(
  identifiers: RingIdentifier[],
  internalTransfers: TransferRow[],
): Map<string, Map<string, CoordinationTie>> {
  const ties = new Map<string, Map<string, CoordinationTie>>();
  const tie = (memberId: string, centre: string, centreIsMember: boolean): CoordinationTie => {
    let byCentre = ties.get(memberId);
    if (byCentre === undefined) ties.set(memberId, (byCentre = new Map()));
    let found = byCentre.get(centre);
    if (found === undefined) {
      found = { memberId, centre, centreIsMember, channels: new Set(), identifiers: new Set() };
      byCentre.set(centre, found);
    }
    return found;
  };
  for (const id of identifiers) {
    const channel = CHANNEL_OF[id.kind];
    if (channel === undefined) continue;
    for (const pointer of id.pointers) {
      // NOTE: a device has no owner/pointer direction, and an owner's own contact/payout is self-use.
      const centres = id.owners.filter((owner) => owner !== pointer);
      if (centres.length === 0 && id.pointers.length >= 2) {
        const t = tie(pointer, `${id.kind}:${id.identifier}`, false);
        t.channels.add(channel);
        t.identifiers.add(id.identifier);
      }
      for (const centre of centres) {
        const t = tie(pointer, centre, true);
        t.channels.add(channel);
        t.identifiers.add(id.identifier);
      }
    }
  }
  for (const transfer of internalTransfers) {
    tie(transfer.fromActor, transfer.toActor, true).channels.add('transfer');
  }
  return ties;
}

/** Members a centre is pointed at by, through identifiers (contact/payout/representation) and through transfers. */
export function pointersByCentre(
  ctx: RingContext,
): Map<string, { viaIdentifiers: Set<string>; viaTransfers: Set<string> }> {
  const result = new Map<string, { viaIdentifiers: Set<string>; viaTransfers: Set<string> }>();
  for (const byCentre of ctx.ties.values()) {
    for (const t of byCentre.values()) {
      if (!t.centreIsMember) continue;
      let entry = result.get(t.centre);
      if (entry === undefined)
        result.set(t.centre, (entry = { viaIdentifiers: new Set(), viaTransfers: new Set() }));
      if (t.channels.has('transfer')) entry.viaTransfers.add(t.memberId);
      if (t.channels.size > (t.channels.has('transfer') ? 1 : 0)) entry.viaIdentifiers.add(t.memberId);
    }
  }
  return result;
}
