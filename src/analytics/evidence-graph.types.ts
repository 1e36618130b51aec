// The evidence graph's shapes: node and edge attributes, the side facts that explain an edge, and the parts
// EvidenceGraphBuilder hands to EvidenceGraph.
import type { UndirectedGraph } from 'graphology';
import type { ActorKind } from '../shared/domain.js';
import type { DetectionParams } from './detection-params.js';
import type { FilingRow, Hub, IdentifierKind, TransferRow } from './evidence.types.js';
import type { CoordinationAnalysis, CoordinationLink } from './coordination-evidence.js';
import type { CoNamedMatch } from './co-named.js';

export interface ActorNodeAttributes {
  kind: ActorKind;
}

/**
 * NOTE: an edge keeps only references to its evidence (an index into the linking identifiers, −(t+1) for
 * the t-th transfer group, −(COORDINATION_REF_BASE + c) for the c-th coordination link) so that a million
 * incidences fit in one heap; `EvidenceGraph.evidenceBetween` expands them into full `Evidence` objects for
 * the few edges anyone looks at.
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

/** A filing names an identifier of `holderId` as the party it complains about (被投诉方). */
export interface NamedFact {
  holderId: string;
  namerId: string;
  identifierKind: IdentifierKind;
  identifier: string;
  recordId?: string;
  source: string;
  at?: string;
}

/** Incidences of one identifier tied to 2..hubThreshold actors, deduplicated and sorted. */
export interface LinkingIdentifier {
  kind: IdentifierKind;
  identifier: string;
  actorCount: number;
  /** Flat tuples of INCIDENCE_WIDTH numbers: actor rank, via bit, record index (−1 none), source index, at ms (NaN none). */
  incidences: number[];
}

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
  /** Transfers ignored as moves within one actor or household (own or joint accounts on both ends). */
  ownTransfers: number;
  filings: number;
  /** Filings with a text, near-duplicate pairs found, templates, generic templates. */
  texts: number;
  nearDuplicatePairs: number;
  templates: number;
  genericTemplates: number;
  /** Actor pairs linked by near-identical texts, by lockstep filing, by fees into one collection account. */
  templateLinks: number;
  lockstepLinks: number;
  coPaymentLinks: number;
  /** Windows of mass filing left out of lockstep, and the accounts collecting fees from several filers. */
  crowds: number;
  collectionAccounts: number;
}

export interface EvidenceGraphParts {
  graph: EvidenceGraphology;
  hubs: Hub[];
  stats: EvidenceGraphStats;
  params: Pick<
    DetectionParams,
    'hubThreshold' | 'weights' | 'lockstepMinRepetitions' | 'lockstepWindowMinutes'
  >;
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
  /** Holder → the filings naming one of its identifiers as the party complained about, by filers other than itself. */
  namedAgainst: Map<string, NamedFact[]>;
  /** Filer → the identifiers (`<kind>:<identifier>`) its filings name as the party complained about. */
  namesBy: Map<string, Set<string>>;
  /** Pairs named by the same complainants (co-named.ts). */
  coNamed: CoNamedMatch[];
  filingById: Map<string, FilingRow>;
  coordination: CoordinationAnalysis;
  coordinationLinks: CoordinationLink[];
  /** Milliseconds of each part of the build (graph, text, lockstep, money), for the run's stage timings. */
  timings: Record<string, number>;
}
