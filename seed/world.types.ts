// Shapes of the seed world: the NDJSON ingest records (the ingest contract) and the ground-truth file.
import type {
  AccountKind,
  ActorKind,
  ClaimKind,
  COMPLAINT_CHANNELS,
  InstitutionType,
  KnownCategory,
  Typology,
} from '../src/shared/domain.js';

export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export interface InstitutionRecord {
  type: 'institution';
  name: string;
  institutionType: InstitutionType;
}

export interface AccountEntry {
  id: string;
  kind: AccountKind;
  institution?: string;
}

/** A generic identifier (ingest v2): kind matches `^[a-z][a-z0-9_]{0,31}$` (`ip`, `wifi`, `wechat`, `email`, …). */
export interface IdentifierEntry {
  kind: string;
  value: string;
}

/**
 * The party a filing complains about (被投诉方, ingest v2): `phone`, `account` or a generic identifier kind.
 * Evidence against the party's holders; the filer is their victim, not their accomplice.
 */
export interface NamedParty {
  kind: string;
  value: string;
  name?: string;
}

export interface ActorRecord {
  type: 'actor';
  id: string;
  kind: ActorKind;
  name: string;
  idNumber?: string;
  /** Surface forms as reported; several forms of one number occur across records. */
  phones?: string[];
  accounts?: AccountEntry[];
  devices?: string[];
  /** Ingest v2; written only by the second generator (seed/alt/). */
  identifiers?: IdentifierEntry[];
  source: string;
}

export interface ComplaintRecord {
  type: 'complaint';
  id: string;
  filedAt: string;
  complainantId: string;
  institution: string;
  category: KnownCategory;
  channel?: ComplaintChannel;
  contactPhone?: string;
  payoutAccount?: string;
  representativeId?: string;
  text?: string;
  amount?: number;
  /** Ingest v2; written only by the second generator (seed/alt/). */
  namedParties?: NamedParty[];
  source: string;
}

export interface ClaimRecord {
  type: 'claim';
  id: string;
  filedAt: string;
  claimantId: string;
  insurer: string;
  kind: ClaimKind;
  policyNumber?: string;
  contactPhone?: string;
  payoutAccount?: string;
  representativeId?: string;
  amount?: number;
  /** Ingest v2; written only by the second generator (seed/alt/). */
  namedParties?: NamedParty[];
  source: string;
}

export interface TransferRecord {
  type: 'transfer';
  id: string;
  from: string;
  to: string;
  amount: number;
  at: string;
  source: string;
}

export type WorldRecord = InstitutionRecord | ActorRecord | ComplaintRecord | ClaimRecord | TransferRecord;

export interface ExpectedCounts {
  nodes: {
    Actor: number;
    Phone: number;
    Account: number;
    Device: number;
    Institution: number;
    Complaint: number;
    Claim: number;
  };
  relationships: {
    USES_PHONE: number;
    HOLDS: number;
    USES_DEVICE: number;
    FILED: number;
    AGAINST: number;
    CONTACT: number;
    PAYOUT_TO: number;
    REPRESENTED_BY: number;
    TRANSFERRED: number;
  };
}

export type PlantedTypology = Exclude<Typology, 'unknown'>;

/**
 * How a ring shows: `identifier` rings share phones, accounts, devices or agents; `coordination` rings share
 * none (every member files with its own phone and account, no representative) and are visible only through
 * near-identical texts, lockstep filing and fees paid into a few collection accounts.
 */
export type RingSignature = 'identifier' | 'coordination';

export interface TruthRing {
  /** T-001, T-002, … */
  id: string;
  typology: PlantedTypology;
  signature: RingSignature;
  /** Every member, organizers included. */
  actorIds: string[];
  organizerIds: string[];
  /**
   * Honest people the ring preyed on (debtors of a collection gang, buyers of stock tips). They touch the
   * ring's phones or accounts but are not members; a detector that pulls them in is wrong.
   */
  victimIds: string[];
  /** Second generator only: the ring's role layout, e.g. `mill_phone_pool` (see seed/alt/). */
  layout?: string;
  /** Second generator only: why each member and victim is what the truth says, one entry per actor. */
  roles?: TruthRole[];
}

export interface TruthRole {
  id: string;
  role: 'organizer' | 'participant' | 'victim';
  /** e.g. "filed a false surrender claim for a 60% share of the refund" or "debtor harassed by the gang". */
  why: string;
}

/** An honest look-alike planted by the second generator: dense, shared, and not organised fraud. */
export interface TruthStructure {
  /** `law_firm`, `legal_aid`, `hospital_desk`, `property_manager`, `workplace_wifi`, `payroll_account`, … */
  kind: string;
  /** Everyone the structure ties together (staff and the people it serves). */
  actorIds: string[];
  /** The shared handle, when there is one: a phone (E.164), an account id, a `kind:value` identifier, an institution. */
  handle?: string;
  note: string;
}

export interface Truth {
  /** `generator` is set by the second generator only (`alt`); absent means seed/world.generator.ts. */
  params: { actors: number; seed: number; generator?: 'alt' };
  rings: TruthRing[];
  /** Planted look-alikes that must not be reported as rings. */
  noise: {
    /** Households sharing a home phone, sometimes a device and a joint account. */
    families: string[][];
    /** Institution hotlines (E.164) written as the contact phone on thousands of complaints. */
    hotlines: string[];
    /** Law firms and lawyers representing many unrelated honest clients. */
    lawyers: { id: string; clientIds: string[] }[];
    /** Shop owners whose payment account receives transfers from many unrelated customers. */
    shops: string[];
    /**
     * Crowds of consumers filing about one real incident (an outage) against one institution within hours, in
     * their own words; some incidents recur and the same people complain again. Not rings.
     */
    incidents: { institution: string; days: string[]; actorIds: string[] }[];
    /** Institutions whose app complaint form writes the same standard text for hundreds of honest users. */
    forms: { institution: string; actorIds: string[] }[];
    /** Second generator only: every honest look-alike it planted, of every kind. */
    structures?: TruthStructure[];
  };
  honestActorCount: number;
  expectedCounts: ExpectedCounts;
}

export interface World {
  records: WorldRecord[];
  truth: Truth;
  expectedCounts: ExpectedCounts;
}
