// Turns raw ingest records into validated rows, collecting every field error with its record and field.
import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { FieldError } from '../shared/errors.js';
import { normalisePhone } from './phone-number.js';
import { identifierKey, normaliseIdentifierValue } from './identifier-value.js';
import { extractNamedParties } from './named-parties.js';
import { observedOnce, widen, type ObservedTimes } from './observed-times.js';
import {
  DOCUMENT_KEYS,
  IngestDocument,
  RECORD_SCHEMAS,
  RECORD_TYPES,
  emptyBatch,
  type AccountTie,
  type ActorRow,
  type DeviceTie,
  type IdentifierRow,
  type NamedPartyRow,
  type PhoneTie,
  type RawRecord,
  type RecordType,
  type ValidBatch,
} from './ingest.schema.js';

export interface ValidationContext {
  idHmacSecret: string;
  /** Used when a record names no source: the reporting key's name. */
  defaultSource: string;
}

export interface ValidationResult {
  batch: ValidBatch;
  errors: FieldError[];
  /** Actor ids referenced by complaints/claims (complainant, claimant, representative), each with who refers. */
  actorRefs: { actorId: string; type: RecordType; index: number; line?: number; id: string; field: string }[];
  /** Valid records by their position, so a partial ingest can drop those whose references fail. */
  received: number;
}

export function hashIdNumber(idNumber: string, secret: string): string {
  return createHmac('sha256', secret).update(idNumber.trim().toUpperCase(), 'utf8').digest('hex');
}

/** Reads the JSON document form into raw records. */
export function recordsFromDocument(body: unknown): { records: RawRecord[]; errors: FieldError[] } {
  const doc = IngestDocument.safeParse(body);
  if (!doc.success) {
    return {
      records: [],
      errors: doc.error.issues.map((i) => ({
        type: 'document',
        index: 0,
        field: i.path.join('.') || '(body)',
        message: i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message,
      })),
    };
  }
  const records: RawRecord[] = [];
  for (const type of RECORD_TYPES) {
    const items = doc.data[DOCUMENT_KEYS[type]] ?? [];
    items.forEach((value, index) => records.push({ type, index, value }));
  }
  return { records, errors: [] };
}

/** Reads NDJSON text: one `{"type": ..., ...}` record a line; blank lines are skipped. */
export function recordsFromNdjson(
  text: string,
  firstLine = 1,
): { records: RawRecord[]; errors: FieldError[] } {
  const records: RawRecord[] = [];
  const errors: FieldError[] = [];
  const perType = new Map<string, number>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const trimmed = raw.trim();
    if (trimmed.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      errors.push({ type: 'unknown', index: i, line, field: '(line)', message: 'not valid JSON' });
      return;
    }
    const rec = parseTypedRecord(value);
    if ('error' in rec) {
      errors.push({ type: 'unknown', index: i, line, field: 'type', message: rec.error });
      return;
    }
    const index = perType.get(rec.type) ?? 0;
    perType.set(rec.type, index + 1);
    records.push({ type: rec.type, index, line, value: rec.value } as RawRecord & { line: number });
  });
  return { records, errors };
}

export function parseTypedRecord(value: unknown): { type: RecordType; value: unknown } | { error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { error: 'a record must be a JSON object' };
  // generic object: untrusted input, before its schema is known
  const { type, ...rest } = value as Record<string, unknown>;
  if (typeof type !== 'string' || !(RECORD_TYPES as readonly string[]).includes(type)) {
    return { error: `must be one of ${RECORD_TYPES.join(', ')}` };
  }
  return { type: type as RecordType, value: rest };
}

type Parsed<T extends RecordType> = z.infer<(typeof RECORD_SCHEMAS)[T]>;

/**
 * Validates every record (no database access). References to actors are returned for the caller to check
 * against the request itself and the database.
 */
export function validateRecords(records: RawRecord[], ctx: ValidationContext): ValidationResult {
  const steps = validating(records, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Records validated between two turns of the event loop by validateRecordsYielding (~1–5 ms of work). */
const SLICE = 100;

/**
 * validateRecords for a server: the same result, but it lets the event loop run between slices of records, so one
 * large ingest request does not hold up every other request while it is checked.
 */
export async function validateRecordsYielding(
  records: RawRecord[],
  ctx: ValidationContext,
): Promise<ValidationResult> {
  const steps = validating(records, ctx);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* validating(records: RawRecord[], ctx: ValidationContext): Generator<void, ValidationResult> {
  const batch = emptyBatch();
  const errors: FieldError[] = [];
  const actorRefs: ValidationResult['actorRefs'] = [];
  const seen = new Map<string, string>();
  const actors = new ActorMerger(batch.actors);

  let n = 0;
  for (const rec of records) {
    if (++n % SLICE === 0) yield;
    const line = (rec as RawRecord & { line?: number }).line;
    const where = { type: rec.type, index: rec.index, ...(line !== undefined ? { line } : {}) };
    const parsed = RECORD_SCHEMAS[rec.type].safeParse(rec.value);
    const rawId = idOf(rec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({
          ...where,
          ...(rawId ? { id: rawId } : {}),
          field:
            issue.path
              .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
              .join('')
              .replace(/^\./, '') || '(record)',
          message:
            issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
        });
      }
      continue;
    }
    const recErrors: FieldError[] = [];
    const fail = (field: string, message: string) =>
      recErrors.push({ ...where, ...(rawId ? { id: rawId } : {}), field, message });
    const phone = (raw: string | undefined, field: string): string | null => {
      if (raw === undefined) return null;
      const r = normalisePhone(raw);
      if (!r.ok) {
        fail(field, r.message);
        return null;
      }
      return r.e164;
    };

    const key = `${rec.type}:${rawId ?? ''}`;
    // NOTE: actors are merged below instead (and may hold 40,000 list items: no fingerprint for them).
    const fingerprint = rec.type === 'actor' ? '' : JSON.stringify(parsed.data);
    const prior = rec.type === 'actor' ? undefined : seen.get(key);
    if (prior !== undefined && prior !== fingerprint) {
      fail(
        rec.type === 'institution' ? 'name' : 'id',
        'the same id appears earlier in this request with different content',
      );
    }
    seen.set(key, fingerprint);

    switch (rec.type) {
      case 'institution': {
        const d = parsed.data as Parsed<'institution'>;
        if (recErrors.length === 0)
          batch.institutions.push({
            name: d.name,
            type: d.institutionType ?? null,
            source: d.source ?? ctx.defaultSource,
          });
        break;
      }
      case 'actor': {
        const d = parsed.data as Parsed<'actor'>;
        // a tie's own observedAt, else its record's: when the source saw it (null: it did not say)
        const at = (own: string | undefined): ObservedTimes => observedOnce(own ?? d.observedAt ?? null);
        const phones: PhoneTie[] = [];
        (d.phones ?? []).forEach((p, i) => {
          const number =
            typeof p === 'string' ? phone(p, `phones[${i}]`) : phone(p.number, `phones[${i}].number`);
          if (number !== null)
            phones.push({ number, ...at(typeof p === 'string' ? undefined : p.observedAt) });
        });
        const accounts: AccountTie[] = (d.accounts ?? []).map((a) =>
          typeof a === 'string'
            ? { id: a, kind: null, institution: null, ...at(undefined) }
            : { id: a.id, kind: a.kind ?? null, institution: a.institution ?? null, ...at(a.observedAt) },
        );
        const devices: DeviceTie[] = (d.devices ?? []).map((x) =>
          typeof x === 'string' ? { id: x, ...at(undefined) } : { id: x.id, ...at(x.observedAt) },
        );
        const identifiers: IdentifierRow[] = [];
        (d.identifiers ?? []).forEach((x, i) => {
          const field = `identifiers[${i}].value`;
          const times = at(x.observedAt);
          if (x.kind === 'phone') {
            const p = phone(x.value, field);
            if (p) phones.push({ number: p, ...times });
            return;
          }
          const v = normaliseIdentifierValue(x.kind, x.value);
          if (!v.ok) return fail(field, v.message);
          if (x.kind === 'account' || x.kind === 'device') {
            if (v.value.length > 128) return fail(field, `an ${x.kind} id has at most 128 characters`);
            if (x.kind === 'account') accounts.push({ id: v.value, kind: null, institution: null, ...times });
            else devices.push({ id: v.value, ...times });
            return;
          }
          identifiers.push({ key: identifierKey(x.kind, v.value), kind: x.kind, value: v.value, ...times });
        });
        if (recErrors.length === 0) {
          actors.add({
            id: d.id,
            kind: d.kind ?? null,
            name: d.name ?? null,
            idNumberHash: d.idNumber ? hashIdNumber(d.idNumber, ctx.idHmacSecret) : null,
            phones,
            accounts,
            devices,
            identifiers,
            source: d.source ?? ctx.defaultSource,
          });
        }
        break;
      }
      case 'complaint': {
        const d = parsed.data as Parsed<'complaint'>;
        const contactPhone = phone(d.contactPhone, 'contactPhone');
        const namedParties = named(d.namedParties, fail, {
          text: d.text,
          contactPhone,
          payoutAccount: d.payoutAccount,
        });
        if (d.representativeId === d.complainantId)
          fail('representativeId', 'must differ from complainantId');
        if (recErrors.length === 0) {
          batch.complaints.push({
            id: d.id,
            filedAt: d.filedAt,
            complainantId: d.complainantId,
            institution: d.institution,
            category: d.category,
            channel: d.channel ?? null,
            contactPhone,
            payoutAccount: d.payoutAccount ?? null,
            representativeId: d.representativeId ?? null,
            text: d.text ?? null,
            amount: d.amount ?? null,
            namedParties,
            source: d.source ?? ctx.defaultSource,
          });
          actorRefs.push({ actorId: d.complainantId, ...where, id: d.id, field: 'complainantId' });
          if (d.representativeId)
            actorRefs.push({ actorId: d.representativeId, ...where, id: d.id, field: 'representativeId' });
        }
        break;
      }
      case 'claim': {
        const d = parsed.data as Parsed<'claim'>;
        const contactPhone = phone(d.contactPhone, 'contactPhone');
        const namedParties = named(d.namedParties, fail, {});
        if (d.representativeId === d.claimantId) fail('representativeId', 'must differ from claimantId');
        if (recErrors.length === 0) {
          batch.claims.push({
            id: d.id,
            filedAt: d.filedAt,
            claimantId: d.claimantId,
            insurer: d.insurer,
            kind: d.kind,
            policyNumber: d.policyNumber ?? null,
            contactPhone,
            payoutAccount: d.payoutAccount ?? null,
            representativeId: d.representativeId ?? null,
            amount: d.amount ?? null,
            namedParties,
            source: d.source ?? ctx.defaultSource,
          });
          actorRefs.push({ actorId: d.claimantId, ...where, id: d.id, field: 'claimantId' });
          if (d.representativeId)
            actorRefs.push({ actorId: d.representativeId, ...where, id: d.id, field: 'representativeId' });
        }
        break;
      }
      case 'transfer': {
        const d = parsed.data as Parsed<'transfer'>;
        if (d.from === d.to) fail('to', 'must differ from "from"');
        if (recErrors.length === 0) {
          batch.transfers.push({
            id: d.id,
            from: d.from,
            to: d.to,
            amount: d.amount,
            at: d.at,
            source: d.source ?? ctx.defaultSource,
          });
        }
        break;
      }
    }
    errors.push(...recErrors);
  }
  return { batch, errors, actorRefs, received: records.length };
}

function idOf(rec: RawRecord): string | undefined {
  // generic object: a record that may have failed validation
  const v = rec.value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return undefined;
  const id = rec.type === 'institution' ? v.name : v.id;
  return typeof id === 'string' ? id.slice(0, 128) : undefined;
}

/**
 * The parties a filing names: those given in `namedParties` (normalised: phones to E.164, generic values per kind),
 * then the phones and cards found in its text that it does not name already and that are not its own contact phone
 * or payout account.
 */
function named(
  given: { kind: string; value: string; name?: string | undefined }[] | undefined,
  fail: (field: string, message: string) => void,
  own: { text?: string | undefined; contactPhone?: string | null; payoutAccount?: string | undefined },
): NamedPartyRow[] {
  const out = new Map<string, NamedPartyRow>();
  (given ?? []).forEach((p, i) => {
    const field = `namedParties[${i}].value`;
    const name = p.name ?? null;
    if (p.kind === 'phone') {
      const r = normalisePhone(p.value);
      if (!r.ok) return fail(field, r.message);
      out.set(`phone:${r.e164}`, {
        kind: 'phone',
        target: r.e164,
        identifierKind: null,
        value: r.e164,
        name,
        extracted: false,
      });
      return;
    }
    const v = normaliseIdentifierValue(p.kind, p.value);
    if (!v.ok) return fail(field, v.message);
    if (p.kind === 'account') {
      if (v.value.length > 128) return fail(field, 'an account id has at most 128 characters');
      out.set(`account:${v.value}`, {
        kind: 'account',
        target: v.value,
        identifierKind: null,
        value: v.value,
        name,
        extracted: false,
      });
      return;
    }
    const key = identifierKey(p.kind, v.value);
    out.set(`identifier:${key}`, {
      kind: 'identifier',
      target: key,
      identifierKind: p.kind,
      value: v.value,
      name,
      extracted: false,
    });
  });
  for (const x of extractNamedParties(own.text, {
    contactPhone: own.contactPhone ?? null,
    payoutAccount: own.payoutAccount ?? null,
  })) {
    const k = `${x.kind}:${x.value}`;
    if (!out.has(k))
      out.set(k, {
        kind: x.kind,
        target: x.value,
        identifierKind: null,
        value: x.value,
        name: null,
        extracted: true,
      });
  }
  return [...out.values()];
}

/**
 * Merges the records of one actor in one request, as if they had been sent one after the other: lists are united
 * (first occurrence kept, later duplicates dropped), and a later non-null scalar (kind, name, idNumber; an account's
 * kind and institution) wins. A tie reported twice keeps the earliest and the latest event time reported for it
 * (observed-times.ts), as the ingest queries do across requests. Records of one actor from different sources stay
 * separate rows, written in order, so each relationship keeps the source that reported it. Linear in the items.
 */
class ActorMerger {
  private readonly rows = new Map<
    string,
    {
      row: ActorRow;
      phones: Map<string, PhoneTie>;
      accounts: Map<string, AccountTie>;
      devices: Map<string, DeviceTie>;
      identifiers: Map<string, IdentifierRow>;
    }
  >();
  constructor(private readonly out: ActorRow[]) {}

  add(a: ActorRow): void {
    const key = `${a.id}\u0000${a.source}`;
    let m = this.rows.get(key);
    if (!m) {
      const row: ActorRow = { ...a, phones: [], accounts: [], devices: [], identifiers: [] };
      m = { row, phones: new Map(), accounts: new Map(), devices: new Map(), identifiers: new Map() };
      this.rows.set(key, m);
      this.out.push(row);
    } else {
      m.row.kind = a.kind ?? m.row.kind;
      m.row.name = a.name ?? m.row.name;
      m.row.idNumberHash = a.idNumberHash ?? m.row.idNumberHash;
    }
    unite(a.phones, (p) => p.number, m.phones, m.row.phones);
    unite(a.devices, (d) => d.id, m.devices, m.row.devices);
    unite(a.identifiers, (x) => x.key, m.identifiers, m.row.identifiers);
    unite(
      a.accounts,
      (x) => x.id,
      m.accounts,
      m.row.accounts,
      (prior, x) => {
        prior.kind = x.kind ?? prior.kind;
        prior.institution = x.institution ?? prior.institution;
      },
    );
  }
}

/** Adds each tie not held yet (a copy, in order); a tie held already is widened by its times (and `also`). */
function unite<T extends ObservedTimes>(
  ties: readonly T[],
  keyOf: (t: T) => string,
  held: Map<string, T>,
  out: T[],
  also?: (prior: T, next: T) => void,
): void {
  for (const t of ties) {
    const key = keyOf(t);
    const prior = held.get(key);
    if (!prior) {
      const copy = { ...t };
      held.set(key, copy);
      out.push(copy);
      continue;
    }
    widen(prior, t);
    also?.(prior, t);
  }
}
