// Shapes of the ingest records (DESIGN.md is the contract) and the validated form written to Neo4j.
import { z } from 'zod';
import { ACCOUNT_KINDS, ACTOR_KINDS, CLAIM_KINDS, INSTITUTION_TYPES } from '../shared/domain.js';
import { IDENTIFIER_KIND_PATTERN, REFUSED_KINDS } from './identifier-value.js';
import type { ObservedTimes } from './observed-times.js';

/**
 * Zero-width characters, bidirectional embeddings, overrides and isolates, word joiners, BOM, soft hyphen: refused in
 * ids (id-text.ts), as the character class body of a pattern (escaped, so the OpenAPI document shows them).
 */
export const INVISIBLE_CHARS = String.raw`\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF`;

// NOTE: ids are opaque strings from the reporting parties; control characters would corrupt exports and logs.
const Id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must have at most 128 characters')
  .regex(
    new RegExp(`^[^\\p{Cc}${INVISIBLE_CHARS}]+$`, 'u'),
    'must not contain control, invisible or text-direction characters',
  );
const Text = (max: number) =>
  z
    .string()
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const Source = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');
// NOTE: the pattern spells out what the database takes (seconds, at most 9 fractional digits, offsets within
// ±18:00, as java.time's ZoneOffset) on top of ISO 8601, so that the document promises nothing Neo4j refuses.
// One issue per bad value (the pattern, then the calendar only when the pattern holds), never an aborting one: a
// union (a phone as a string or as {number, observedAt}) then still names the nested field that is wrong.
const INSTANT_MESSAGE =
  'must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)';
const IsoDateTime = z.iso.datetime({ offset: true });
const Instant = z
  .string()
  .regex(
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)$/,
    INSTANT_MESSAGE,
  )
  .refine((v) => IsoDateTime.safeParse(v).success, {
    message: INSTANT_MESSAGE,
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ format: 'date-time' });
const Amount = z.number().finite().min(0, 'must not be negative').max(1e12, 'is implausibly large');
const Phone = z.string().max(32, 'must have at most 32 characters');
const ObservedAt = Instant.optional().meta({
  description:
    'When the source saw the actor use or hold this (an event time, not when it was sent); ' +
    'on an actor record, the default for all the ties it lists. A tie keeps the earliest and latest reported.',
});

// NOTE: `observedAt` on a tie (or on its actor record, the default for all its ties) is when the source saw the actor
// use or hold it: an event time, kept apart from when ringmap loaded the record (firstSeen/lastSeen).
export const AccountRef = z.union([
  Id,
  z.object({
    id: Id,
    kind: z.enum(ACCOUNT_KINDS).optional(),
    institution: Text(200).optional(),
    observedAt: ObservedAt,
  }),
]);
export const PhoneRef = z.union([Phone, z.strictObject({ number: Phone, observedAt: ObservedAt })]);
export const DeviceRef = z.union([Id, z.strictObject({ id: Id, observedAt: ObservedAt })]);

/** Most phones, accounts, devices and identifiers one actor record may list, each (a VK bot lists 6,000 friends). */
export const MAX_PER_ACTOR_LIST = 10_000;
/** Most parties one complaint or claim may name. */
export const MAX_NAMED_PARTIES = 50;

const IdentifierKindField = z
  .string()
  .regex(
    IDENTIFIER_KIND_PATTERN,
    'must be lower-case letters, digits or _, starting with a letter (at most 32)',
  )
  .superRefine((k, ctx) => {
    if (Object.hasOwn(REFUSED_KINDS, k)) ctx.addIssue({ code: 'custom', message: REFUSED_KINDS[k]! });
  });
// NOTE: the value's length and characters are checked after trimming, per kind (identifier-value.ts).
const IdentifierValueField = z
  .string()
  .max(1024, 'must have at most 256 characters')
  .regex(
    new RegExp(`^[^${INVISIBLE_CHARS}]*$`, 'u'),
    'must not contain invisible or text-direction characters',
  );

export const IdentifierRef = z.strictObject({
  kind: IdentifierKindField,
  value: IdentifierValueField,
  observedAt: ObservedAt,
});

export const NamedPartyRef = z.strictObject({
  kind: IdentifierKindField.refine(
    (k) => k !== 'device',
    'a named party is a phone, an account or a generic identifier, not a device',
  ),
  value: IdentifierValueField,
  name: Text(200).optional(),
});

const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, `must have at most ${max.toLocaleString('en')} items`);

export const ActorRecord = z.strictObject({
  id: Id,
  kind: z.enum(ACTOR_KINDS).optional(),
  name: Text(200).optional(),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,32}$/, 'must be 6–32 letters or digits')
    .optional(),
  phones: list(PhoneRef, MAX_PER_ACTOR_LIST).optional(),
  accounts: list(AccountRef, MAX_PER_ACTOR_LIST).optional(),
  devices: list(DeviceRef, MAX_PER_ACTOR_LIST).optional(),
  identifiers: list(IdentifierRef, MAX_PER_ACTOR_LIST).optional(),
  source: Source.optional(),
  observedAt: ObservedAt,
});

export const InstitutionRecord = z.strictObject({
  name: Text(200).trim().min(1, 'must not be empty'),
  institutionType: z.enum(INSTITUTION_TYPES).optional(),
  source: Source.optional(),
});

const FilingBase = {
  id: Id,
  filedAt: Instant,
  contactPhone: Phone.optional(),
  payoutAccount: Id.optional(),
  representativeId: Id.optional(),
  amount: Amount.optional(),
  namedParties: list(NamedPartyRef, MAX_NAMED_PARTIES).optional(),
  source: Source.optional(),
};

export const ComplaintRecord = z.strictObject({
  ...FilingBase,
  complainantId: Id,
  institution: Text(200).trim().min(1, 'must not be empty'),
  category: Text(64).trim().min(1, 'must not be empty'),
  channel: Text(64).optional(),
  text: Text(20_000).optional(),
});

export const ClaimRecord = z.strictObject({
  ...FilingBase,
  claimantId: Id,
  insurer: Text(200).trim().min(1, 'must not be empty'),
  kind: z.enum(CLAIM_KINDS),
  policyNumber: Id.optional(),
});

export const TransferRecord = z.strictObject({
  id: Id,
  from: Id,
  to: Id,
  amount: Amount,
  at: Instant,
  source: Source.optional(),
});

export const IngestDocument = z.strictObject({
  institutions: z.array(z.unknown()).optional(),
  actors: z.array(z.unknown()).optional(),
  complaints: z.array(z.unknown()).optional(),
  claims: z.array(z.unknown()).optional(),
  transfers: z.array(z.unknown()).optional(),
});

/** `?partial=`: all-or-nothing (false, the default) or the valid records only; no other parameter. */
export const IngestQuery = z.strictObject({
  partial: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const RECORD_TYPES = ['institution', 'actor', 'complaint', 'claim', 'transfer'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_SCHEMAS = {
  institution: InstitutionRecord,
  actor: ActorRecord,
  complaint: ComplaintRecord,
  claim: ClaimRecord,
  transfer: TransferRecord,
} as const;

/** Plural keys of the JSON document, by record type. */
export const DOCUMENT_KEYS: Record<RecordType, keyof z.infer<typeof IngestDocument>> = {
  institution: 'institutions',
  actor: 'actors',
  complaint: 'complaints',
  claim: 'claims',
  transfer: 'transfers',
};

/** One record as it came in, with where it came from (its index within its type, or its NDJSON line). */
export interface RawRecord {
  type: RecordType;
  index: number;
  value: unknown;
}

// Validated rows, in the shape the cypher/ingest/*.cypher files read.
export interface InstitutionRow {
  name: string;
  type: string | null;
  source: string;
}
export interface ActorRow {
  id: string;
  /** null when no record gave one: the stored kind stays (`person` for a new actor). */
  kind: string | null;
  name: string | null;
  idNumberHash: string | null;
  /** E.164 numbers, each with the event times the records reported for it. */
  phones: PhoneTie[];
  accounts: AccountTie[];
  devices: DeviceTie[];
  identifiers: IdentifierRow[];
  source: string;
}
export interface PhoneTie extends ObservedTimes {
  number: string;
}
export interface AccountTie extends ObservedTimes {
  id: string;
  kind: string | null;
  institution: string | null;
}
export interface DeviceTie extends ObservedTimes {
  id: string;
}
/** A generic identifier: stored as `(:Identifier {key, kind, value})`, key = `kind:value`. */
export interface IdentifierRow extends ObservedTimes {
  key: string;
  kind: string;
  value: string;
}
/** A party a filing names (被投诉方): a phone (E.164), an account id or a generic identifier's key. */
export interface NamedPartyRow {
  kind: 'phone' | 'account' | 'identifier';
  /** Phone number, account id or identifier key: the target node's key. */
  target: string;
  /** Generic identifiers only: their kind and value (for a new `(:Identifier)` node). */
  identifierKind: string | null;
  value: string;
  name: string | null;
  /** Found in the complaint's text rather than given in `namedParties`. */
  extracted: boolean;
}
export interface ComplaintRow {
  id: string;
  filedAt: string;
  complainantId: string;
  institution: string;
  category: string;
  channel: string | null;
  contactPhone: string | null;
  payoutAccount: string | null;
  representativeId: string | null;
  text: string | null;
  amount: number | null;
  namedParties: NamedPartyRow[];
  source: string;
}
export interface ClaimRow {
  id: string;
  filedAt: string;
  claimantId: string;
  insurer: string;
  kind: string;
  policyNumber: string | null;
  contactPhone: string | null;
  payoutAccount: string | null;
  representativeId: string | null;
  amount: number | null;
  namedParties: NamedPartyRow[];
  source: string;
}
export interface TransferRow {
  id: string;
  from: string;
  to: string;
  amount: number;
  at: string;
  source: string;
}

export interface ValidBatch {
  institutions: InstitutionRow[];
  actors: ActorRow[];
  complaints: ComplaintRow[];
  claims: ClaimRow[];
  transfers: TransferRow[];
}

export const emptyBatch = (): ValidBatch => ({
  institutions: [],
  actors: [],
  complaints: [],
  claims: [],
  transfers: [],
});
export const batchSize = (b: ValidBatch): number =>
  b.institutions.length + b.actors.length + b.complaints.length + b.claims.length + b.transfers.length;
