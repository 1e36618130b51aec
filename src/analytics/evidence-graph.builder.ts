// Accumulates projection rows (any order, duplicates allowed) and builds the weighted actor graph from them.
import type { ActorKind } from '../shared/domain.js';
import { ACTOR_KINDS } from '../shared/domain.js';
import type { DetectionParamsInput } from './detection-params.js';
import { resolveDetectionParams } from './detection-params.js';
import type { ActorRow, FilingRow, IncidenceRow, TransferRow } from './evidence.types.js';
import { EvidenceGraph } from './evidence-graph.js';
import type { ActorInfo } from './evidence-graph.js';
import { KIND_CODE, linkIdentifiers } from './evidence-identifiers.js';
import { PairTable, toGraphology } from './evidence-pairs.js';
import type { Ranking } from './evidence-pairs.js';
import {
  coordinationStats,
  filingsByActor,
  linkCoordination,
  linkTransfers,
} from './evidence-graph.phases.js';
import { VIA_BIT } from './evidence-kind.js';
import { timeMs } from './iso-time.js';
import { compareStrings } from './ordering.js';

export interface EvidenceRows {
  actors?: Iterable<ActorRow>;
  incidences?: Iterable<IncidenceRow>;
  transfers?: Iterable<TransferRow>;
  filings?: Iterable<FilingRow>;
}

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
  /**
   * The graph, in phases: (1) rank every actor; (2) identifiers shared by a few actors tie them, the widely shared
   * are hubs; (3) transfers between two actors tie them; (4) coordination (texts, lockstep, co-payment,
   * co-naming) ties actors who share nothing; (5) the pairs become a graphology graph.
   */
  build(input: DetectionParamsInput = {}): EvidenceGraph {
    const params = resolveDetectionParams(input);
    const started = performance.now();
    const ranking = this.#rank();
    const { actorIds, actorRank, records, sources } = ranking;
    const table = new PairTable();
    const ids = linkIdentifiers(this.#incidences, this.#transfers.values(), ranking, params, table);
    const money = linkTransfers(
      this.#transfers.values(),
      ids.transferAccounts,
      ranking,
      params.weights,
      table,
    );
    const byActor = filingsByActor(this.#filings.values());
    const { coordination, coordinationLinks, coNamed, coordinationMs } = linkCoordination(
      [...this.#filings.values()],
      money.transferGroups,
      ids.namedAgainst,
      params,
      ranking,
      table,
    );

    const actors = new Map<string, ActorInfo>();
    for (const row of this.#actors.values()) actors.set(row.id, { ...row });
    for (const rank of ids.agentRanks) {
      const id = actorIds[rank] ?? '';
      if (!actors.has(id)) actors.set(id, { id, kind: 'agent' });
    }
    const graph = toGraphology(table, actorIds, actors);

    return new EvidenceGraph({
      graph,
      hubs: ids.hubs,
      stats: {
        actors: actorIds.length,
        linkedActors: graph.order,
        edges: graph.size,
        evidence: table.evidenceCount,
        identifiers: ids.bucketKeys.length,
        linkingIdentifiers: ids.identifiers.length,
        hubs: ids.hubs.length,
        transfers: this.#transfers.size,
        ownTransfers: money.ownTransfers,
        filings: this.#filings.size,
        ...coordinationStats(coordination),
      },
      params: {
        hubThreshold: params.hubThreshold,
        weights: params.weights,
        lockstepMinRepetitions: params.lockstepMinRepetitions,
        lockstepWindowMinutes: params.lockstepWindowMinutes,
      },
      actorIds,
      actorRank,
      actors,
      records,
      sources,
      identifiers: ids.identifiers,
      transferGroups: money.transferGroups,
      filingsByActor: byActor,
      transfersByActor: money.transfersByActor,
      payoutsByActor: ids.payoutsByActor,
      namedAgainst: ids.namedAgainst,
      namesBy: ids.namesBy,
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

  #rank(): Ranking {
    const ids = new Set<string>(this.#actors.keys());
    for (const id of this.#actorIds.values) ids.add(id);
    for (const t of this.#transfers.values()) ids.add(t.fromActor).add(t.toActor);
    for (const f of this.#filings.values()) ids.add(f.actorId);
    // NOTE: the default sort orders strings by UTF-16 code units, exactly like compareStrings, only faster.
    const actorIds = [...ids].sort();
    const actorRank = new Map(actorIds.map((id, rank) => [id, rank]));
    return {
      actorIds,
      actorRank,
      rankOfInterned: this.#actorIds.values.map((id) => actorRank.get(id) ?? -1),
      records: this.#records.values,
      sources: this.#sources.values,
    };
  }
}
