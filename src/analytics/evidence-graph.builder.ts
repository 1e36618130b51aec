// Accumulates projection rows (any order, duplicates allowed) and builds the weighted actor graph from them.
import { UndirectedGraph } from 'graphology';
import type { ActorKind } from '../shared/domain.js';
import { ACTOR_KINDS } from '../shared/domain.js';
import type { DetectionParamsInput } from './detection-params.js';
import { resolveDetectionParams } from './detection-params.js';
import type {
  ActorRow,
  FilingRow,
  Hub,
  IdentifierKind,
  IncidenceRow,
  TransferRow,
} from './evidence.types.js';
import { IDENTIFIER_KINDS } from './evidence.types.js';
import { EvidenceGraph, INCIDENCE_WIDTH, coordinationRef, isCoordinationRef } from './evidence-graph.js';
import type {
  ActorInfo,
  ActorNodeAttributes,
  EvidenceEdgeAttributes,
  LinkingIdentifier,
  NamedFact,
  PayoutFact,
  TransferGroup,
} from './evidence-graph.js';
import { OWNING_MASK, VIA_BIT, evidenceKindForMasks, rarity, transferFactor } from './evidence-kind.js';
import type { CoordinationLink } from './coordination-evidence.js';
import { analyseCoordination, lockstepFactor } from './coordination-evidence.js';
import { compareTimes, timeMs } from './iso-time.js';
import { findCoNamed } from './co-named.js';
import { compareStrings } from './ordering.js';

export interface EvidenceRows {
  actors?: Iterable<ActorRow>;
  incidences?: Iterable<IncidenceRow>;
  transfers?: Iterable<TransferRow>;
  filings?: Iterable<FilingRow>;
}

/** One character per identifier kind, prefixed to the identifier to key its bucket without a second string. */
const KIND_CODE: Readonly<Record<IdentifierKind, string>> = {
  phone: 'p',
  account: 'a',
  device: 'd',
  agent: 'g',
  identifier: 'i',
};
const KIND_OF_CODE: ReadonlyMap<string, IdentifierKind> = new Map(
  IDENTIFIER_KINDS.map((k) => [KIND_CODE[k], k]),
);

/** When the same actor arrives with different kinds, the most specific one wins whatever the order. */
const KIND_PRIORITY: Readonly<Record<ActorKind, number>> = { person: 0, organization: 1, agent: 2 };

class Interner {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  id(value: string): number {
    let id = this.#index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#index.set(value, id);
    }
    return id;
  }
}

function requireText(value: unknown, field: string, row: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${row}: ${field} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Of two rows with the same id but different content, keep the same one whatever the arrival order. */
function canonical<T extends object>(row: T, keys: readonly (keyof T)[]): string {
  return JSON.stringify(keys.map((key) => row[key] ?? null));
}

const TRANSFER_KEYS = [
  'transferId',
  'fromActor',
  'toActor',
  'fromAccount',
  'toAccount',
  'amount',
  'at',
  'source',
] as const satisfies readonly (keyof TransferRow)[];
const FILING_KEYS = [
  'id',
  'type',
  'actorId',
  'filedAt',
  'institution',
  'category',
  'amount',
  'text',
  'source',
] as const satisfies readonly (keyof FilingRow)[];

function keepCanonical<T extends object>(
  map: Map<string, T>,
  id: string,
  row: T,
  keys: readonly (keyof T)[],
): void {
  const existing = map.get(id);
  if (existing === undefined || canonical(row, keys) < canonical(existing, keys)) map.set(id, row);
}

export class EvidenceGraphBuilder {
  readonly #actors = new Map<string, ActorRow>();
  readonly #actorIds = new Interner();
  readonly #records = new Interner();
  readonly #sources = new Interner();
  /** Bucket key (kind code + identifier) → flat tuples: interned actor, via bit, record (−1 none), source, at ms. */
  readonly #incidences = new Map<string, number[]>();
  readonly #transfers = new Map<string, TransferRow>();
  readonly #filings = new Map<string, FilingRow>();

  static fromRows(rows: EvidenceRows): EvidenceGraphBuilder {
    return new EvidenceGraphBuilder().addRows(rows);
  }

  addRows(rows: EvidenceRows): this {
    for (const row of rows.actors ?? []) this.addActor(row);
    for (const row of rows.incidences ?? []) this.addIncidence(row);
    for (const row of rows.transfers ?? []) this.addTransfer(row);
    for (const row of rows.filings ?? []) this.addFiling(row);
    return this;
  }

  addActor(row: ActorRow): this {
    const id = requireText(row.id, 'id', 'actor');
    if (!ACTOR_KINDS.includes(row.kind))
      throw new TypeError(`actor ${id}: unknown kind ${JSON.stringify(row.kind)}`);
    const existing = this.#actors.get(id);
    const kind =
      existing && KIND_PRIORITY[existing.kind] > KIND_PRIORITY[row.kind] ? existing.kind : row.kind;
    const names = [existing?.name, row.name].filter(
      (n): n is string => typeof n === 'string' && n.length > 0,
    );
    const name = names.sort(compareStrings)[0];
    this.#actors.set(id, name === undefined ? { id, kind } : { id, kind, name });
    return this;
  }

  addIncidence(row: IncidenceRow): this {
    const actorId = requireText(row.actorId, 'actorId', 'incidence');
    const identifier = requireText(row.identifier, 'identifier', `incidence of ${actorId}`);
    const code = KIND_CODE[row.identifierKind];
    const bit = VIA_BIT[row.via];
    if (code === undefined)
      throw new TypeError(`incidence ${identifier}: unknown identifierKind ${row.identifierKind}`);
    if (bit === undefined) throw new TypeError(`incidence ${identifier}: unknown via ${row.via}`);
    const key = code + identifier;
    let bucket = this.#incidences.get(key);
    if (bucket === undefined) {
      bucket = [];
      this.#incidences.set(key, bucket);
    }
    const actor = this.#actorIds.id(actorId);
    const record = row.recordId ? this.#records.id(row.recordId) : -1;
    const source = this.#sources.id(row.source ?? '');
    const at = timeMs(row.at);
    bucket.push(actor, bit, record, source, at);
    // NOTE: a tie reported at several times dates its evidence from the first to the last: the last time is a second
    // tuple of the same tie, which the evidence window (min to max of the times) takes in and nothing else counts.
    const lastAt = timeMs(row.lastAt);
    if (!Number.isNaN(lastAt) && lastAt !== at) bucket.push(actor, bit, record, source, lastAt);
    return this;
  }

  addTransfer(row: TransferRow): this {
    const id = requireText(row.transferId, 'transferId', 'transfer');
    const where = `transfer ${id}`;
    if (!Number.isFinite(row.amount)) throw new TypeError(`${where}: amount must be a finite number`);
    const copy: TransferRow = {
      transferId: id,
      fromActor: requireText(row.fromActor, 'fromActor', where),
      toActor: requireText(row.toActor, 'toActor', where),
      fromAccount: requireText(row.fromAccount, 'fromAccount', where),
      toAccount: requireText(row.toAccount, 'toAccount', where),
      amount: row.amount,
      at: typeof row.at === 'string' ? row.at : '',
      source: row.source ?? '',
    };
    keepCanonical(this.#transfers, id, copy, TRANSFER_KEYS);
    return this;
  }

  addFiling(row: FilingRow): this {
    const id = requireText(row.id, 'id', 'filing');
    const where = `filing ${id}`;
    if (row.type !== 'complaint' && row.type !== 'claim')
      throw new TypeError(`${where}: unknown type ${row.type}`);
    const copy: FilingRow = {
      id,
      type: row.type,
      actorId: requireText(row.actorId, 'actorId', where),
      filedAt: typeof row.filedAt === 'string' ? row.filedAt : '',
      institution: row.institution ?? '',
      category: row.category ?? '',
      source: row.source ?? '',
    };
    if (typeof row.amount === 'number' && Number.isFinite(row.amount)) copy.amount = row.amount;
    if (typeof row.text === 'string' && row.text.length > 0) copy.text = row.text;
    keepCanonical(this.#filings, id, copy, FILING_KEYS);
    return this;
  }

  /**
   * Builds the graph. Only `hubThreshold` and `weights` matter here; the builder keeps its rows, so it can be
   * rebuilt with other parameters.
   * NOTE: everything is inserted in sorted order (actors by id, identifiers by kind and value, edges by actor
   * pair) because Louvain's result depends on node and edge order, and rows arrive in whatever order Neo4j
   * streams them.
   */
  build(input: DetectionParamsInput = {}): EvidenceGraph {
    const params = resolveDetectionParams(input);
    const { hubThreshold, weights } = params;
    const started = performance.now();

    const ids = new Set<string>(this.#actors.keys());
    for (const id of this.#actorIds.values) ids.add(id);
    for (const t of this.#transfers.values()) ids.add(t.fromActor).add(t.toActor);
    for (const f of this.#filings.values()) ids.add(f.actorId);
    // NOTE: the default sort orders strings by UTF-16 code units, exactly like compareStrings, only faster.
    const actorIds = [...ids].sort();
    const actorRank = new Map(actorIds.map((id, rank) => [id, rank]));
    const rankOfInterned = this.#actorIds.values.map((id) => actorRank.get(id) ?? -1);
    const n = actorIds.length;
    const records = this.#records.values;
    const sources = this.#sources.values;

    // NOTE: keyed by the smaller rank, then the larger: small-integer keys keep a million pairs cheap.
    const pairs = new Map<number, Map<number, EvidenceEdgeAttributes>>();
    let evidenceCount = 0;
    const addEvidence = (rankA: number, rankB: number, ref: number, weight: number): void => {
      if (!(weight > 0)) return;
      const low = rankA < rankB ? rankA : rankB;
      const high = rankA < rankB ? rankB : rankA;
      let row = pairs.get(low);
      if (row === undefined) pairs.set(low, (row = new Map()));
      const edge = row.get(high);
      if (edge === undefined) row.set(high, { weight, refs: [ref] });
      else {
        edge.weight += weight;
        edge.refs.push(ref);
      }
      evidenceCount++;
    };

    const identifiers: LinkingIdentifier[] = [];
    const hubs: Hub[] = [];
    const agentRanks = new Set<number>();
    const payoutsByActor = new Map<string, PayoutFact[]>();
    const namedAgainst = new Map<string, NamedFact[]>();
    const namesBy = new Map<string, Set<string>>();
    // Holders of the accounts money moved between, to recognise transfers within one household.
    const transferAccounts = new Map<string, Set<string>>();
    for (const t of this.#transfers.values()) {
      if (!transferAccounts.has(t.fromAccount)) transferAccounts.set(t.fromAccount, new Set());
      if (!transferAccounts.has(t.toAccount)) transferAccounts.set(t.toAccount, new Set());
    }
    const bucketKeys = [...this.#incidences.keys()].sort();
    for (const key of bucketKeys) {
      const kind = KIND_OF_CODE.get(key.charAt(0));
      const raw = this.#incidences.get(key);
      if (kind === undefined || raw === undefined) continue;
      const identifier = key.slice(1);
      if (raw.length === INCIDENCE_WIDTH) {
        // Most identifiers have a single incidence (one's own phone, card, handset): nothing to link, so only
        // the agent and foreign-payout facts are kept, without the general path's allocations.
        const rank = rankOfInterned[raw[0] ?? 0] ?? -1;
        if (raw[1] === VIA_BIT.is_agent && kind === 'agent') agentRanks.add(rank);
        if (raw[1] === VIA_BIT.holds) transferAccounts.get(identifier)?.add(actorIds[rank] ?? '');
        if (raw[1] === VIA_BIT.payout && kind === 'account') {
          const tuple = [rank, raw[1], raw[2] ?? -1, raw[3] ?? 0, raw[4] ?? Number.NaN];
          collectPayouts(
            payoutsByActor,
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
        continue;
      }
      const deduped = dedupeIncidences(raw, rankOfInterned, records, sources);
      // NOTE: naming an identifier as the party complained about ties the filer to its holders as a victim, never
      // to the other filers naming it: it is kept apart from the linking incidences (and from the hub count).
      const tuples = collectNamed(
        namedAgainst,
        namesBy,
        kind,
        identifier,
        deduped,
        actorIds,
        records,
        sources,
      );
      if (tuples.length === 0) continue;
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
      const d = ranks.length;
      if (kind === 'agent')
        ranks.forEach((rank, i) => (masks[i]! & VIA_BIT.is_agent) !== 0 && agentRanks.add(rank));
      const accountHolders = kind === 'account' ? transferAccounts.get(identifier) : undefined;
      if (accountHolders !== undefined) {
        masks.forEach(
          (mask, i) => (mask & VIA_BIT.holds) !== 0 && accountHolders.add(actorIds[ranks[i]!] ?? ''),
        );
      }
      if (kind === 'account') {
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
        hubs.push(describeHub(kind, identifier, d, tuples, hubThreshold));
        continue;
      }
      const ref = identifiers.length;
      identifiers.push({ kind, identifier, actorCount: d, incidences: tuples });
      const scale = rarity(d);
      for (let i = 0; i < d; i++) {
        for (let j = i + 1; j < d; j++) {
          const evidenceKind = evidenceKindForMasks(kind, masks[i]!, masks[j]!);
          addEvidence(ranks[i]!, ranks[j]!, ref, weights[evidenceKind] * scale);
        }
      }
    }
    hubs.sort((x, y) => y.actorCount - x.actorCount || compareStrings(x.identifier, y.identifier));

    const transfersByActor = new Map<string, TransferRow[]>();
    let ownTransfers = 0;
    const groupsByPair = new Map<number, TransferRow[]>();
    for (const t of this.#transfers.values()) {
      // NOTE: money moved between one's own accounts, or into/out of a joint account one holds, ties nobody:
      // it is household bookkeeping, and would otherwise look like family members paying one account.
      if (
        t.toActor === t.fromActor ||
        transferAccounts.get(t.toAccount)?.has(t.fromActor) ||
        transferAccounts.get(t.fromAccount)?.has(t.toActor)
      ) {
        ownTransfers++;
        continue;
      }
      pushTo(transfersByActor, t.fromActor, t);
      pushTo(transfersByActor, t.toActor, t);
      const a = actorRank.get(t.fromActor) ?? 0;
      const b = actorRank.get(t.toActor) ?? 0;
      let group = groupsByPair.get(a < b ? a * n + b : b * n + a);
      if (group === undefined) groupsByPair.set(a < b ? a * n + b : b * n + a, (group = []));
      group.push(t);
    }
    for (const list of transfersByActor.values()) list.sort(compareTransfers);
    const transferGroups: TransferGroup[] = [...groupsByPair.keys()]
      .sort((x, y) => x - y)
      .map((key) => ({
        a: actorIds[Math.floor(key / n)] ?? '',
        b: actorIds[key % n] ?? '',
        transfers: (groupsByPair.get(key) ?? []).sort(compareTransfers),
      }));
    transferGroups.forEach((group, t) => {
      addEvidence(
        actorRank.get(group.a) ?? 0,
        actorRank.get(group.b) ?? 0,
        -(t + 1),
        weights.transfer * transferFactor(group.transfers.length),
      );
    });

    const filingsByActor = new Map<string, FilingRow[]>();
    for (const f of this.#filings.values()) pushTo(filingsByActor, f.actorId, f);
    for (const list of filingsByActor.values()) {
      list.sort((x, y) => compareTimes(x.filedAt, y.filedAt) || compareStrings(x.id, y.id));
    }

    // Coordination: near-identical texts, lockstep filing, fees into one collection account. These tie actors
    // who share no identifier at all, so they are computed over all filings and transfers, not per identifier.
    const coordinationStarted = performance.now();
    const coordination = analyseCoordination(
      [...this.#filings.values()],
      transferGroups.flatMap((g) => g.transfers),
      params,
    );
    const coordinationMs = performance.now() - coordinationStarted;
    const coordinationLinks: CoordinationLink[] = [];
    const link = (
      kind: CoordinationLink['kind'],
      index: number,
      a: string,
      b: string,
      weight: number,
    ): void => {
      const rankA = actorRank.get(a);
      const rankB = actorRank.get(b);
      if (rankA === undefined || rankB === undefined || rankA === rankB) return;
      addEvidence(rankA, rankB, coordinationRef(coordinationLinks.length), weight);
      coordinationLinks.push({ kind, index });
    };
    coordination.templates.matches.forEach((m, i) =>
      link('template_text', i, m.actorA, m.actorB, weights.template_text * m.similarity * rarity(m.spread)),
    );
    coordination.lockstep.matches.forEach((m, i) =>
      link(
        'lockstep',
        i,
        m.actorA,
        m.actorB,
        weights.lockstep * lockstepFactor(m.episodes.length, params.lockstepMinRepetitions),
      ),
    );
    // NOTE: co_payment is for payers not otherwise linked: family members paying one relative's account, or
    // two people who also pay each other, are already tied (or are one household) and gain nothing from it.
    const directlyLinked = (a: string, b: string): boolean => {
      const x = actorRank.get(a) ?? -1;
      const y = actorRank.get(b) ?? -1;
      const edge = pairs.get(Math.min(x, y))?.get(Math.max(x, y));
      return edge !== undefined && edge.refs.some((ref) => !isCoordinationRef(ref));
    };
    coordination.coPayments.matches.forEach((m, i) => {
      if (directlyLinked(m.actorA, m.actorB)) return;
      const payers = coordination.coPayments.accounts[m.account]?.payerIds.length ?? 2;
      link('co_payment', i, m.actorA, m.actorB, weights.co_payment * rarity(payers));
    });
    const coNamed = weights.co_named > 0 ? findCoNamed(namedAgainst) : [];
    coNamed.forEach((m, i) => link('co_named', i, m.actorA, m.actorB, weights.co_named * m.strength));

    const actors = new Map<string, ActorInfo>();
    for (const row of this.#actors.values()) actors.set(row.id, { ...row });
    for (const rank of agentRanks) {
      const id = actorIds[rank] ?? '';
      if (!actors.has(id)) actors.set(id, { id, kind: 'agent' });
    }

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

    return new EvidenceGraph({
      graph,
      hubs,
      stats: {
        actors: n,
        linkedActors: graph.order,
        edges: graph.size,
        evidence: evidenceCount,
        identifiers: bucketKeys.length,
        linkingIdentifiers: identifiers.length,
        hubs: hubs.length,
        transfers: this.#transfers.size,
        ownTransfers,
        filings: this.#filings.size,
        texts: coordination.templates.stats.texts,
        nearDuplicatePairs: coordination.templates.stats.nearDuplicatePairs,
        templates: coordination.templates.stats.templates,
        genericTemplates: coordination.templates.stats.genericTemplates,
        templateLinks: coordination.templates.matches.length,
        lockstepLinks: coordination.lockstep.matches.length,
        coPaymentLinks: coordination.coPayments.matches.length,
        crowds: coordination.lockstep.crowds.length,
        collectionAccounts: coordination.coPayments.accounts.length,
      },
      params: {
        hubThreshold,
        weights,
        lockstepMinRepetitions: params.lockstepMinRepetitions,
        lockstepWindowMinutes: params.lockstepWindowMinutes,
      },
      actorIds,
      actorRank,
      actors,
      records,
      sources,
      identifiers,
      transferGroups,
      filingsByActor,
      transfersByActor,
      payoutsByActor,
      namedAgainst,
      namesBy,
      coNamed,
      filingById: new Map(this.#filings),
      coordination,
      coordinationLinks,
      timings: {
        graph: Math.round(performance.now() - started - coordinationMs),
        ...coordination.timings,
      },
    });
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function compareTransfers(x: TransferRow, y: TransferRow): number {
  return compareTimes(x.at, y.at) || compareStrings(x.transferId, y.transferId);
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
