// The rows ring detection consumes (produced by the Neo4j projection) and the evidence it derives from them.

/**
 * `identifier` is the generic kind (IP, Wi-Fi/MAC, email, address, WeChat/QQ id, social friend, fingerprint…): its
 * `identifier` value is `<kind>:<value>` (e.g. `wechat:wxid_abc`, `friend:1234`), weighted like the others.
 */
export type IdentifierKind = 'phone' | 'account' | 'device' | 'agent' | 'identifier';
/**
 * `has`: an actor's generic identifier. `named`: a filing names the identifier as the party it complains about
 * (被投诉方, given in `namedParties` or found in the text); evidence against the identifier's holders, never a
 * tie between the filers who name it (they are its victims).
 */
export type Via =
  'uses' | 'holds' | 'device' | 'contact' | 'payout' | 'represented_by' | 'is_agent' | 'has' | 'named';
/** One actor's tie to one identifier. contact/payout/represented_by come through one of the actor's complaints/claims (recordId). */
export interface IncidenceRow {
  actorId: string;
  identifierKind: IdentifierKind;
  identifier: string;
  via: Via;
  recordId?: string;
  source: string;
  /** When the source reported the event (a filing's filedAt; for an actor's own tie, the earliest time reported). */
  at?: string /* ISO */;
  /** An actor's own tie reported at several times: the latest (the evidence window spans `at` to `lastAt`). */
  lastAt?: string /* ISO */;
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
  /** Complaint text as filed (claims have none); compared for template similarity. */
  text?: string;
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
  'identifier',
] as const satisfies readonly IdentifierKind[];
export const VIAS = [
  'uses',
  'holds',
  'device',
  'contact',
  'payout',
  'represented_by',
  'is_agent',
  'has',
  'named',
] as const satisfies readonly Via[];

/** Strongest first: the order also breaks ties when evidence of equal weight is listed. */
export const EVIDENCE_KINDS = [
  'contact_phone',
  'payout_account',
  'template_text',
  'representation',
  'transfer',
  'shared_device',
  'shared_account',
  'lockstep',
  'shared_phone',
  'shared_identifier',
  'co_payment',
  'co_named',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Kinds that come from a shared identifier (a phone, account, device or agent tied to both actors). */
export const IDENTIFIER_EVIDENCE_KINDS: ReadonlySet<EvidenceKind> = new Set([
  'contact_phone',
  'payout_account',
  'representation',
  'shared_device',
  'shared_account',
  'shared_phone',
  'shared_identifier',
]);
/** Kinds that come from money moving: between the two, or from both into one collection account. */
export const MONEY_EVIDENCE_KINDS: ReadonlySet<EvidenceKind> = new Set(['transfer', 'co_payment']);
/** Kinds that come from acting alike: near-identical texts, filing in lockstep. */
export const BEHAVIOUR_EVIDENCE_KINDS: ReadonlySet<EvidenceKind> = new Set(['template_text', 'lockstep']);

/** What an evidence is about: an identifier, a complaint template, or the institutions filed against. */
export const EVIDENCE_SUBJECT_KINDS = [
  ...IDENTIFIER_KINDS,
  'template',
  'institution',
  'complainant',
] as const;
export type EvidenceSubjectKind = (typeof EVIDENCE_SUBJECT_KINDS)[number];

/**
 * How an actor takes part in one evidence: an incidence via, its side of the transfers, wrote (a text of the
 * template) or filed (in lockstep).
 */
export const EVIDENCE_VIAS = [...VIAS, 'transfer_out', 'transfer_in', 'wrote', 'filed'] as const;
export type EvidenceVia = (typeof EVIDENCE_VIAS)[number];

/** One piece of evidence tying two actors, expanded for display. `actors` is ordered (smaller id first) and `vias` follows it. */
export interface Evidence {
  kind: EvidenceKind;
  identifierKind: EvidenceSubjectKind;
  /**
   * The shared identifier; for transfers, the account that received most of them; for co_payment, the
   * collection account; for template_text, the template id (TPL-n); for lockstep, the institution filed
   * against most often.
   */
  identifier: string;
  actors: [string, string];
  vias: [EvidenceVia[], EvidenceVia[]];
  /** Complaint/claim ids behind the incidences (or the matching texts, or the lockstep filings); transfer ids for money. */
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  weight: number;
  /**
   * Identifiers: distinct actors tied to the identifier overall (members of a ring or not); templates: distinct
   * complainants with a near-duplicate of either text; co_payment: filers paying into the account.
   */
  actorCount?: number;
  /** Transfers: how many and how much, both directions together; co_payment: both payers' fees; lockstep: distinct coincidences. */
  count?: number;
  amount?: number;
  /** template_text: estimated resemblance (MinHash Jaccard) of the two closest texts. */
  similarity?: number;
  /** lockstep: the institutions of the coincidences. */
  institutions?: string[];
}

/** An identifier tied to too many actors to mean anything (a bank hotline, a platform's collection account). */
export interface Hub {
  identifier: string;
  identifierKind: IdentifierKind;
  actorCount: number;
  recordCount: number;
  reason: string;
}
