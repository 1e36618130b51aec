// The built evidence graph: a weighted actor graph for Louvain plus the side data that explains every edge.
import type { DetectionParams } from './detection-params.js';
import { EVIDENCE_KINDS } from './evidence.types.js';
import type { Evidence, EvidenceKind, EvidenceVia, FilingRow, Hub, TransferRow } from './evidence.types.js';
import { evidenceKindForMasks, rarity, transferFactor, viasOfMask } from './evidence-kind.js';
import type { CoordinationAnalysis } from './coordination-evidence.js';
import { lockstepFactor } from './coordination-evidence.js';
import { compareTimes, toIsoOrRaw } from './iso-time.js';
import { compareStrings } from './ordering.js';
import type {
  ActorInfo,
  LinkingIdentifier,
  EvidenceGraphology,
  EvidenceGraphParts,
  EvidenceGraphStats,
  NamedFact,
  PayoutFact,
} from './evidence-graph.types.js';

export type {
  ActorInfo,
  ActorNodeAttributes,
  EvidenceEdgeAttributes,
  EvidenceGraphology,
  EvidenceGraphParts,
  EvidenceGraphStats,
  LinkingIdentifier,
  NamedFact,
  PayoutFact,
  TransferGroup,
} from './evidence-graph.types.js';

/** Coordination refs live far below the transfer refs (−1 … −number of transfer groups). */
export const COORDINATION_REF_BASE = 2 ** 40;
export const coordinationRef = (index: number): number => -(COORDINATION_REF_BASE + index);
export const isIdentifierRef = (ref: number): boolean => ref >= 0;
export const isCoordinationRef = (ref: number): boolean => ref <= -COORDINATION_REF_BASE;

const EMPTY_SET: ReadonlySet<string> = new Set();

export const INCIDENCE_WIDTH = 5;

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
  readonly params: Pick<
    DetectionParams,
    'hubThreshold' | 'weights' | 'lockstepMinRepetitions' | 'lockstepWindowMinutes'
  >;
  readonly timings: Readonly<Record<string, number>>;
  readonly #parts: EvidenceGraphParts;

  constructor(parts: EvidenceGraphParts) {
    this.graph = parts.graph;
    this.hubs = parts.hubs;
    this.stats = parts.stats;
    this.params = parts.params;
    this.timings = parts.timings;
    this.#parts = parts;
  }

  /** Templates, lockstep coincidences and collection accounts found in the rows (generic templates and crowds included). */
  get coordination(): CoordinationAnalysis {
    return this.#parts.coordination;
  }

  filing(id: string): FilingRow | undefined {
    return this.#parts.filingById.get(id);
  }

  /** The kind of evidence a ref stands for: one of the identifier kinds is reported as 'identifier'. */
  refKind(ref: number): 'identifier' | EvidenceKind {
    if (isIdentifierRef(ref)) return 'identifier';
    if (!isCoordinationRef(ref)) return 'transfer';
    return this.#parts.coordinationLinks[-ref - COORDINATION_REF_BASE]?.kind ?? 'co_payment';
  }

  actor(id: string): ActorInfo {
    return this.#parts.actors.get(id) ?? { id, kind: 'person' };
  }

  filingsOf(actorId: string): readonly FilingRow[] {
    return this.#parts.filingsByActor.get(actorId) ?? [];
  }

  /** Transfers the actor sent or received, sorted by time then id; moves between own/joint accounts are left out. */
  transfersOf(actorId: string): readonly TransferRow[] {
    return this.#parts.transfersByActor.get(actorId) ?? [];
  }

  /** Payouts the actor's filings name into accounts it does not hold (its own are not kept). */
  payoutsOf(actorId: string): readonly PayoutFact[] {
    return this.#parts.payoutsByActor.get(actorId) ?? [];
  }

  /** Filings by others naming one of the actor's identifiers as the party complained about (被投诉方). */
  namedAgainst(actorId: string): readonly NamedFact[] {
    return this.#parts.namedAgainst.get(actorId) ?? [];
  }

  /** The identifiers (`<kind>:<identifier>`) this actor's filings name as the party complained about. */
  namesBy(actorId: string): ReadonlySet<string> {
    return this.#parts.namesBy.get(actorId) ?? EMPTY_SET;
  }

  /**
   * For each identifier a and b share (not money, not coordination): its kind and the vias by which each of them is
   * tied to it, as bit masks. What `evidenceBetween` expands, without building the evidence: who writes down whose
   * identifier can be read from it for every edge of a large community at little cost.
   */
  forEachSharedIdentifier(
    a: string,
    b: string,
    visit: (kind: LinkingIdentifier['kind'], maskA: number, maskB: number) => void,
  ): void {
    const { graph } = this;
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) return;
    const edge = graph.edge(a, b);
    if (edge === undefined) return;
    const { identifiers, actorRank } = this.#parts;
    const rankA = actorRank.get(a);
    const rankB = actorRank.get(b);
    for (const ref of graph.getEdgeAttribute(edge, 'refs')) {
      if (!isIdentifierRef(ref)) continue;
      const data = identifiers[ref]?.incidences ?? [];
      let maskA = 0;
      let maskB = 0;
      for (let i = 0; i < data.length; i += INCIDENCE_WIDTH) {
        if (data[i] === rankA) maskA |= data[i + 1] ?? 0;
        else if (data[i] === rankB) maskB |= data[i + 1] ?? 0;
      }
      visit(identifiers[ref]!.kind, maskA, maskB);
    }
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
    if (isIdentifierRef(ref)) return this.#expandIdentifier(ref, a, b);
    if (isCoordinationRef(ref)) return this.#expandCoordination(-ref - COORDINATION_REF_BASE, a, b);
    return this.#expandTransfers(-ref - 1, a, b);
  }

  #expandCoordination(index: number, a: string, b: string): Evidence {
    const link = this.#parts.coordinationLinks[index];
    const { templates, lockstep, coPayments } = this.#parts.coordination;
    const match =
      link === undefined
        ? undefined
        : link.kind === 'template_text'
          ? templates.matches[link.index]
          : link.kind === 'lockstep'
            ? lockstep.matches[link.index]
            : link.kind === 'co_named'
              ? this.#parts.coNamed[link.index]
              : coPayments.matches[link.index];
    if (link === undefined || match === undefined || match.actorA !== a || match.actorB !== b) {
      throw new RangeError(`no coordination evidence #${index} between ${a} and ${b}`);
    }
    const { weights } = this.params;
    const filingsSpan = (ids: readonly string[]) => {
      const filings = ids.flatMap((id) => this.#parts.filingById.get(id) ?? []);
      const times = filings.map((f) => f.filedAt).sort(compareTimes);
      return {
        sources: [...new Set(filings.map((f) => f.source))].sort(compareStrings),
        ...(times.length > 0
          ? { firstAt: toIsoOrRaw(times[0]!), lastAt: toIsoOrRaw(times[times.length - 1]!) }
          : {}),
      };
    };
    if (link.kind === 'template_text') {
      const m = templates.matches[link.index]!;
      return {
        kind: 'template_text',
        identifierKind: 'template',
        identifier: templates.templates[m.template]?.id ?? '',
        actors: [a, b],
        vias: [['wrote'], ['wrote']],
        recordIds: [...m.filingIds].sort(compareStrings),
        ...filingsSpan(m.filingIds),
        weight: weights.template_text * m.similarity * rarity(m.spread),
        actorCount: m.spread,
        count: m.pairs,
        similarity: m.similarity,
      };
    }
    if (link.kind === 'lockstep') return this.#lockstepEvidence(link.index, a, b, filingsSpan);
    if (link.kind === 'co_named') {
      const m = this.#parts.coNamed[link.index]!;
      return {
        kind: 'co_named',
        identifierKind: 'complainant',
        identifier: m.namerIds[0] ?? '',
        actors: [a, b],
        vias: [['named'], ['named']],
        recordIds: m.recordIds,
        sources: m.sources,
        ...(m.firstAt !== undefined ? { firstAt: m.firstAt, lastAt: m.lastAt! } : {}),
        weight: weights.co_named * m.strength,
        actorCount: m.namerIds.length,
        count: m.recordIds.length,
      };
    }
    return this.#coPaymentEvidence(link.index, a, b);
  }

  #lockstepEvidence(
    index: number,
    a: string,
    b: string,
    filingsSpan: (ids: readonly string[]) => Pick<Evidence, 'sources' | 'firstAt' | 'lastAt'>,
  ): Evidence {
    const { weights, lockstepMinRepetitions } = this.params;
    const m = this.#parts.coordination.lockstep.matches[index]!;
    const byInstitution = new Map<string, number>();
    for (const e of m.episodes) byInstitution.set(e.institution, (byInstitution.get(e.institution) ?? 0) + 1);
    const institutions = [...byInstitution].sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]));
    const recordIds = m.episodes.flatMap((e) => e.filingIds).sort(compareStrings);
    return {
      kind: 'lockstep',
      identifierKind: 'institution',
      identifier: institutions[0]?.[0] ?? '',
      actors: [a, b],
      vias: [['filed'], ['filed']],
      recordIds,
      ...filingsSpan(recordIds),
      weight: weights.lockstep * lockstepFactor(m.episodes.length, lockstepMinRepetitions),
      count: m.episodes.length,
      institutions: institutions.map(([name]) => name).sort(compareStrings),
    };
  }

  #coPaymentEvidence(index: number, a: string, b: string): Evidence {
    const { weights } = this.params;
    const { coPayments } = this.#parts.coordination;
    const m = coPayments.matches[index]!;
    const account = coPayments.accounts[m.account]!;
    // the fees are transfers each payer sent: their sources are the banks that reported them
    const feeIds = new Set(m.transferIds);
    const feeSources = new Set<string>();
    for (const t of [...this.transfersOf(a), ...this.transfersOf(b)])
      if (feeIds.has(t.transferId)) feeSources.add(t.source);
    return {
      kind: 'co_payment',
      identifierKind: 'account',
      identifier: account.account,
      actors: [a, b],
      vias: [['transfer_out'], ['transfer_out']],
      recordIds: m.transferIds,
      sources: [...feeSources].sort(compareStrings),
      firstAt: m.firstAt,
      lastAt: m.lastAt,
      weight: weights.co_payment * rarity(account.payerIds.length),
      actorCount: account.payerIds.length,
      count: m.count,
      amount: m.amount,
    };
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
