// The rows ring detection consumes (produced by the Neo4j projection) and the evidence it derives from them.

export type IdentifierKind = 'phone' | 'account' | 'device' | 'agent';
export type Via = 'uses' | 'holds' | 'device' | 'contact' | 'payout' | 'represented_by' | 'is_agent';
/** One actor's tie to one identifier. contact/payout/represented_by come through one of the actor's complaints/claims (recordId). */
export interface IncidenceRow {
  actorId: string;
  identifierKind: IdentifierKind;
  identifier: string;
  via: Via;
  recordId?: string;
  source: string;
  at?: string /* ISO */;
}
/** Money between two actors' accounts (TRANSFERRED). */
export interface TransferRow {
  transferId: string;
  fromActor: string;
  toActor: string;
  fromAccount: string;
  toAccount: string;
  amount: number;
  at: string;
  source: string;
}
export interface FilingRow {
  id: string;
  type: 'complaint' | 'claim';
  actorId: string;
  filedAt: string;
  institution: string;
  category: string /* complaint category; for claims use the claim kind 'claim'|'surrender' */;
  amount?: number;
  source: string;
}
export interface ActorRow {
  id: string;
  kind: 'person' | 'organization' | 'agent';
  name?: string;
}

export const IDENTIFIER_KINDS = [
  'phone',
  'account',
  'device',
  'agent',
] as const satisfies readonly IdentifierKind[];
export const VIAS = [
  'uses',
  'holds',
  'device',
  'contact',
  'payout',
  'represented_by',
  'is_agent',
] as const satisfies readonly Via[];

/** Strongest first: the order also breaks ties when evidence of equal weight is listed. */
export const EVIDENCE_KINDS = [
  'contact_phone',
  'payout_account',
  'representation',
  'transfer',
  'shared_device',
  'shared_account',
  'shared_phone',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How an actor takes part in one evidence: an incidence via, or its side of the transfers. */
export type EvidenceVia = Via | 'transfer_out' | 'transfer_in';

/** One piece of evidence tying two actors, expanded for display. `actors` is ordered (smaller id first) and `vias` follows it. */
export interface Evidence {
  kind: EvidenceKind;
  identifierKind: IdentifierKind;
  /** The shared identifier; for transfers, the account that received most of them. */
  identifier: string;
  actors: [string, string];
  vias: [EvidenceVia[], EvidenceVia[]];
  /** Complaint/claim ids behind the incidences; transfer ids for transfers. */
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  weight: number;
  /** Identifiers only: distinct actors tied to the identifier overall (members of a ring or not). */
  actorCount?: number;
  /** Transfers only: how many and how much, both directions together. */
  count?: number;
  amount?: number;
}

/** An identifier tied to too many actors to mean anything (a bank hotline, a platform's collection account). */
export interface Hub {
  identifier: string;
  identifierKind: IdentifierKind;
  actorCount: number;
  recordCount: number;
  reason: string;
}
