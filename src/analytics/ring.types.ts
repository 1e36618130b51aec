// What detection returns: rings with members, roles, score breakdown, typology and the evidence behind them.
import type { ActorKind, Typology } from '../shared/domain.js';
import type {
  EvidenceKind,
  EvidenceSubjectKind,
  EvidenceVia,
  Hub,
  IdentifierKind,
} from './evidence.types.js';
import type { Crowd } from './lockstep.js';
import type { EvidenceGraphStats } from './evidence-graph.types.js';
import type { RingFeatures } from './ring-features.js';
import type { ProbabilityTerm } from './ring-probability.js';
import type { CounterEvidence } from './legitimate-patterns.js';
import type { RingVictim } from './ring-victims.js';

export type MemberRole = 'organizer' | 'agent' | 'member';

/** One reason a member is in its ring: an identifier (or transfers) it shares with other members. */
export interface MemberEvidence {
  kind: EvidenceKind;
  identifierKind: EvidenceSubjectKind;
  /** The identifier; the template id for template_text; the main institution for lockstep; the collection account for co_payment. */
  identifier: string;
  /** How this member is tied to the identifier. */
  via: EvidenceVia[];
  /** The other members it shares this evidence with. */
  withActorIds: string[];
  withCount: number;
  /** The member's own complaints/claims (or transfers) behind this evidence. */
  ownRecordIds: string[];
  /** All complaints/claims (or transfers) behind this evidence, the other members' included. */
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  /** Sum of the weights of the pair evidences this item groups. */
  weight: number;
  /** Transfers and co_payment: total amount moved with, or paid alongside, these members. */
  amount?: number;
  /** template_text: the best resemblance between this member's text and another member's. */
  similarity?: number;
  /** lockstep: the most distinct coincidences with one of these members. */
  count?: number;
  /** lockstep: the institutions filed against together. */
  institutions?: string[];
}

export interface RingMember {
  actorId: string;
  kind: ActorKind;
  role: MemberRole;
  /** Weighted degree inside the ring. */
  strength: number;
  evidence: MemberEvidence[];
  summary: string;
}

export const SCORE_COMPONENTS = [
  'size',
  'density',
  'evidence_strength',
  'evidence_variety',
  'activity',
  'money_concentration',
  'coordination',
] as const;
export type ScoreComponentName = (typeof SCORE_COMPONENTS)[number];

export interface ScoreComponent {
  component: ScoreComponentName;
  /** The raw measurement, in its own unit. */
  value: number;
  normalized: number;
  weight: number;
  /** normalized × weight; the score is their sum. */
  points: number;
  explanation: string;
}

export interface SharedIdentifier {
  identifier: string;
  kind: IdentifierKind;
  memberIds: string[];
  /** Actors tied to it overall, members or not. */
  actorCount: number;
  /** Why it links its actors although more of them hold it than the hub threshold allows (evidence-identifiers.ts). */
  reason?: string;
}

export interface TimelineFiling {
  id: string;
  type: 'complaint' | 'claim';
  actorId: string;
  category: string;
  institution: string;
  at: string;
  amount?: number;
}

export interface TimelineTransfer {
  id: string;
  fromActor: string;
  toActor: string;
  fromAccount: string;
  toAccount: string;
  amount: number;
  at: string;
}

export interface TimelineDay {
  /** YYYY-MM-DD as written by the source. */
  date: string;
  filings: TimelineFiling[];
  transfers: TimelineTransfer[];
}

/** Money out of members' hands: transfers they sent, and refunds they had paid into an account they do not hold. */
export interface MoneyFlow {
  kind: 'transfer' | 'payout';
  /** Sending account, or for payouts the institution paying the refund. */
  from: string;
  /** Receiving account. */
  to: string;
  fromActorIds: string[];
  /** Holders of the receiving account (members or not); for transfers, the recipients. */
  toActorIds: string[];
  count: number;
  amount: number;
  firstAt?: string;
  lastAt?: string;
}

/** A complaint template members of the ring used (near-duplicate texts). */
export interface RingTemplate {
  templateId: string;
  /** The template's representative text, names and numbers masked ({姓名}, {数}). */
  text: string;
  /** Members who filed a text of it, and how many of their filings. */
  memberIds: string[];
  memberCount: number;
  filingIds: string[];
  /** Complainants who used it overall, members or not. */
  actorCount: number;
  meanSimilarity: number;
}

/** A session of filings: members filing against one institution within the lockstep window of each other. */
export interface RingBurst {
  institution: string;
  from: string;
  to: string;
  memberIds: string[];
  filingIds: string[];
}

/** An account two or more members paid into (fees, commissions, takings), with the amounts summed. */
export interface RingCollection {
  account: string;
  /** Holders of the account (members or not). */
  holderIds: string[];
  payerIds: string[];
  count: number;
  amount: number;
  firstAt?: string;
  lastAt?: string;
}

export interface DetectedRing {
  /** The smallest member id: stable across runs on the same data. */
  key: string;
  members: RingMember[];
  /** 100 × probability, rounded: the rank order analysts and the API filter on. */
  score: number;
  /** Calibrated probability that the ring is organised (ring-probability.ts, docs/calibration.md). */
  probability: number;
  /** What raised and lowered the probability, in log-odds, strongest first. */
  probabilityTerms: ProbabilityTerm[];
  /** Recognised legitimate structures that explain the ties instead ("why this is probably not a ring"). */
  counterEvidence: CounterEvidence[];
  /** Filers who named members' identifiers as the party they complain about: victims, never members. */
  victims: RingVictim[];
  /** The v1 evidence components, each explained; the model reads them as features. */
  breakdown: ScoreComponent[];
  /** The measurements the probability model reads (ring-features.ts). */
  features: RingFeatures;
  typology: Typology;
  typologyReason: string;
  sharedIdentifiers: SharedIdentifier[];
  filingIds: string[];
  timeline: TimelineDay[];
  moneyFlows: MoneyFlow[];
  templates: RingTemplate[];
  /** Sessions of three or more members filing in lockstep, in time order. */
  bursts: RingBurst[];
  /** Accounts fed by two or more members, busiest first. */
  collections: RingCollection[];
}

/** The counts of the evidence graph a run reports as they are (their meaning is documented on EvidenceGraphStats). */
type GraphCounts = Pick<
  EvidenceGraphStats,
  | 'actors'
  | 'linkedActors'
  | 'edges'
  | 'evidence'
  | 'hubs'
  | 'texts'
  | 'nearDuplicatePairs'
  | 'templates'
  | 'genericTemplates'
  | 'templateLinks'
  | 'lockstepLinks'
  | 'coPaymentLinks'
  | 'crowds'
  | 'collectionAccounts'
>;

export interface DetectionStats extends GraphCounts {
  /** Louvain communities among linked actors, before connectivity repair. */
  communities: number;
  splitCommunities: number;
  /**
   * Communities merged into another by a hand-off (community-refinement.ts `rejoin`): the ties between them are a
   * real share of theirs, or most of one writes down identifiers of the other.
   */
  rejoinedCommunities: number;
  /** Communities split again by refinement (Louvain inside the community). */
  refinedCommunities: number;
  /** Actors dropped from their community because one money tie to one member was all that held them, or as a household hanging on one member (ring-periphery.ts). */
  peeledActors: number;
  /** Actors trimmed from a dense community they hung on by a thread (ring-core.ts). */
  trimmedActors: number;
  /** Filers taken out of a community as its victims (they named a member's identifier; ring-victims.ts). */
  separatedVictims: number;
  /** Communities merged into another because three or more outsiders complain about members of both (shared-victims.ts). */
  victimJoinedCommunities: number;
  candidateRings: number;
  reportedRings: number;
  /** Null when the graph has no edges. */
  modularity: number | null;
}

/** A template too common to link anyone (a bank's form, a wording circulating online), recorded with the run. */
export interface GenericTemplate {
  templateId: string;
  text: string;
  actorCount: number;
  filingCount: number;
  reason: string;
}

export interface DetectionResult {
  /** Every candidate ring, highest score first; `stats.reportedRings` of them reach `reportMinScore`. */
  rings: DetectedRing[];
  hubs: Hub[];
  /** Quarantined like hubs: generic templates and filing crowds. */
  genericTemplates: GenericTemplate[];
  crowds: Crowd[];
  stats: DetectionStats;
  /** Milliseconds per detection stage: graph, text, lockstep, money (building), communities, assembly. */
  timings: Record<string, number>;
}
