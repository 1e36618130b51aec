// What detection returns: rings with members, roles, score breakdown, typology and the evidence behind them.
import type { ActorKind, Typology } from '../shared/domain.js';
import type { EvidenceKind, EvidenceVia, Hub, IdentifierKind } from './evidence.types.js';

export type MemberRole = 'organizer' | 'agent' | 'member';

/** One reason a member is in its ring: an identifier (or transfers) it shares with other members. */
export interface MemberEvidence {
  kind: EvidenceKind;
  identifierKind: IdentifierKind;
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
  /** Transfers only: total amount moved with these members. */
  amount?: number;
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

export interface DetectedRing {
  /** The smallest member id: stable across runs on the same data. */
  key: string;
  members: RingMember[];
  score: number;
  breakdown: ScoreComponent[];
  typology: Typology;
  typologyReason: string;
  sharedIdentifiers: SharedIdentifier[];
  filingIds: string[];
  timeline: TimelineDay[];
  moneyFlows: MoneyFlow[];
}

export interface DetectionStats {
  /** Distinct actors in the rows. */
  actors: number;
  /** Actors with at least one evidence edge. */
  linkedActors: number;
  edges: number;
  evidence: number;
  hubs: number;
  /** Louvain communities among linked actors, before connectivity repair. */
  communities: number;
  splitCommunities: number;
  /** Communities split again by refinement (Louvain inside the community). */
  refinedCommunities: number;
  candidateRings: number;
  reportedRings: number;
  /** Null when the graph has no edges. */
  modularity: number | null;
}

export interface DetectionResult {
  /** Every candidate ring, highest score first; `stats.reportedRings` of them reach `reportMinScore`. */
  rings: DetectedRing[];
  hubs: Hub[];
  stats: DetectionStats;
  timings?: never;
}
