// The built evidence graph: a weighted actor graph for Louvain plus the side data that explains every edge.
import type { UndirectedGraph } from 'graphology';
import type { ActorKind } from '../shared/domain.js';
import type { DetectionParams } from './detection-params.js';
import { EVIDENCE_KINDS } from './evidence.types.js';
import type { Evidence, EvidenceVia, FilingRow, Hub, IdentifierKind, TransferRow } from './evidence.types.js';
import { evidenceKindForMasks, rarity, transferFactor, viasOfMask } from './evidence-kind.js';
import { toIsoOrRaw } from './iso-time.js';
import { compareStrings } from './ordering.js';

export interface ActorNodeAttributes {
  kind: ActorKind;
}

/**
 * NOTE: an edge keeps only references to its evidence (an index into the linking identifiers, or −(t+1) for
 * the t-th transfer group) so that a million incidences fit in one heap; `EvidenceGraph.evidenceBetween`
 * expands them into full `Evidence` objects for the few edges anyone looks at.
 */
export interface EvidenceEdgeAttributes {
  weight: number;
  refs: number[];
}

export type EvidenceGraphology = UndirectedGraph<ActorNodeAttributes, EvidenceEdgeAttributes>;

export interface ActorInfo {
  id: string;
  kind: ActorKind;
  name?: string;
}

/** A complaint/claim that names as payout an account its filer does not hold. */
export interface PayoutFact {
  actorId: string;
  account: string;
  recordId?: string;
  source: string;
  at?: string;
  /** Actors holding the account (shared between facts; empty when the account is a hub). */
  holderIds: readonly string[];
}

/** Incidences of one identifier tied to 2..hubThreshold actors, deduplicated and sorted. */
export interface LinkingIdentifier {
  kind: IdentifierKind;
  identifier: string;
  actorCount: number;
  /** Flat tuples of INCIDENCE_WIDTH numbers: actor rank, via bit, record index (−1 none), source index, at ms (NaN none). */
  incidences: number[];
}

export const INCIDENCE_WIDTH = 5;

export interface TransferGroup {
  /** The two actors, smaller id first. */
  a: string;
  b: string;
  /** Sorted by time then id. */
  transfers: TransferRow[];
}

export interface EvidenceGraphStats {
  /** Distinct actors mentioned by any row. */
  actors: number;
  /** Actors with at least one evidence edge (the nodes Louvain sees). */
  linkedActors: number;
  edges: number;
  /** Evidence items over all edges (an edge carries one per shared identifier plus one for transfers). */
  evidence: number;
  identifiers: number;
  linkingIdentifiers: number;
  hubs: number;
  transfers: number;
  filings: number;
}

export interface EvidenceGraphParts {
  graph: EvidenceGraphology;
  hubs: Hub[];
  stats: EvidenceGraphStats;
  params: Pick<DetectionParams, 'hubThreshold' | 'weights'>;
  actorIds: string[];
  actorRank: Map<string, number>;
  actors: Map<string, ActorInfo>;
  records: string[];
  sources: string[];
  identifiers: LinkingIdentifier[];
  transferGroups: TransferGroup[];
  filingsByActor: Map<string, FilingRow[]>;
  transfersByActor: Map<string, TransferRow[]>;
  payoutsByActor: Map<string, PayoutFact[]>;
}

const KIND_ORDER = new Map(EVIDENCE_KINDS.map((kind, i) => [kind, i]));

/** Strongest first; ties by kind strength then identifier, so listings are stable. */
export function compareEvidence(
  x: Pick<Evidence, 'weight' | 'kind' | 'identifier'>,
  y: Pick<Evidence, 'weight' | 'kind' | 'identifier'>,
): number {
  return (
    y.weight - x.weight ||
    (KIND_ORDER.get(x.kind) ?? 0) - (KIND_ORDER.get(y.kind) ?? 0) ||
    compareStrings(x.identifier, y.identifier)
  );
}

export class EvidenceGraph {
  readonly graph: EvidenceGraphology;
  readonly hubs: readonly Hub[];
  readonly stats: EvidenceGraphStats;
  readonly params: Pick<DetectionParams, 'hubThreshold' | 'weights'>;
  readonly #parts: EvidenceGraphParts;

  constructor(parts: EvidenceGraphParts) {
    this.graph = parts.graph;
    this.hubs = parts.hubs;
    this.stats = parts.stats;
    this.params = parts.params;
    this.#parts = parts;
  }

  actor(id: string): ActorInfo {
    return this.#parts.actors.get(id) ?? { id, kind: 'person' };
  }

  filingsOf(actorId: string): readonly FilingRow[] {
    return this.#parts.filingsByActor.get(actorId) ?? [];
  }

  /** Transfers the actor sent or received, sorted by time then id. */
  transfersOf(actorId: string): readonly TransferRow[] {
    return this.#parts.transfersByActor.get(actorId) ?? [];
  }

  /** Payouts the actor's filings name into accounts it does not hold (its own are not kept). */
  payoutsOf(actorId: string): readonly PayoutFact[] {
    return this.#parts.payoutsByActor.get(actorId) ?? [];
  }

  /** Every evidence tying a and b, strongest first; empty when they are not adjacent. */
  evidenceBetween(a: string, b: string): Evidence[] {
    const { graph } = this;
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) return [];
    const edge = graph.edge(a, b);
    if (edge === undefined) return [];
    const [first, second] = compareStrings(a, b) < 0 ? [a, b] : [b, a];
    const refs = graph.getEdgeAttribute(edge, 'refs');
    return refs.map((ref) => this.#expand(ref, first, second)).sort(compareEvidence);
  }

  #expand(ref: number, a: string, b: string): Evidence {
    return ref >= 0 ? this.#expandIdentifier(ref, a, b) : this.#expandTransfers(-ref - 1, a, b);
  }

  #expandIdentifier(index: number, a: string, b: string): Evidence {
    const { identifiers, actorRank, records, sources } = this.#parts;
    const linking = identifiers[index];
    const rankA = actorRank.get(a);
    const rankB = actorRank.get(b);
    if (linking === undefined || rankA === undefined || rankB === undefined) {
      throw new RangeError(`no identifier evidence #${index} between ${a} and ${b}`);
    }
    let maskA = 0;
    let maskB = 0;
    const recordIds = new Set<string>();
    const sourceSet = new Set<string>();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const data = linking.incidences;
    for (let i = 0; i < data.length; i += INCIDENCE_WIDTH) {
      const rank = data[i];
      if (rank !== rankA && rank !== rankB) continue;
      const bit = data[i + 1] ?? 0;
      if (rank === rankA) maskA |= bit;
      else maskB |= bit;
      const record = data[i + 2] ?? -1;
      if (record >= 0) recordIds.add(records[record] ?? '');
      sourceSet.add(sources[data[i + 3] ?? 0] ?? '');
      const at = data[i + 4] ?? Number.NaN;
      if (!Number.isNaN(at)) {
        if (at < first) first = at;
        if (at > last) last = at;
      }
    }
    const kind = evidenceKindForMasks(linking.kind, maskA, maskB);
    const evidence: Evidence = {
      kind,
      identifierKind: linking.kind,
      identifier: linking.identifier,
      actors: [a, b],
      vias: [viasOfMask(maskA), viasOfMask(maskB)],
      recordIds: [...recordIds].sort(compareStrings),
      sources: [...sourceSet].sort(compareStrings),
      weight: this.params.weights[kind] * rarity(linking.actorCount),
      actorCount: linking.actorCount,
    };
    if (first <= last) {
      evidence.firstAt = new Date(first).toISOString();
      evidence.lastAt = new Date(last).toISOString();
    }
    return evidence;
  }

  #expandTransfers(index: number, a: string, b: string): Evidence {
    const group = this.#parts.transferGroups[index];
    if (group === undefined || group.a !== a || group.b !== b) {
      throw new RangeError(`no transfer evidence #${index} between ${a} and ${b}`);
    }
    const viasA = new Set<EvidenceVia>();
    const viasB = new Set<EvidenceVia>();
    const received = new Map<string, number>();
    const sourceSet = new Set<string>();
    let amount = 0;
    for (const t of group.transfers) {
      (t.fromActor === a ? viasA : viasB).add('transfer_out');
      (t.toActor === a ? viasA : viasB).add('transfer_in');
      received.set(t.toAccount, (received.get(t.toAccount) ?? 0) + 1);
      sourceSet.add(t.source);
      amount += t.amount;
    }
    let identifier = '';
    let most = 0;
    for (const [account, count] of [...received].sort((x, y) => compareStrings(x[0], y[0]))) {
      if (count > most) [identifier, most] = [account, count];
    }
    const count = group.transfers.length;
    const first = group.transfers[0];
    const last = group.transfers[count - 1];
    return {
      kind: 'transfer',
      identifierKind: 'account',
      identifier,
      actors: [a, b],
      vias: [[...viasA].sort(compareStrings), [...viasB].sort(compareStrings)],
      recordIds: group.transfers.map((t) => t.transferId).sort(compareStrings),
      sources: [...sourceSet].sort(compareStrings),
      ...(first && last ? { firstAt: toIsoOrRaw(first.at), lastAt: toIsoOrRaw(last.at) } : {}),
      weight: this.params.weights.transfer * transferFactor(count),
      count,
      amount,
    };
  }
}
