// Turns raw ingest records into validated rows, collecting every field error with its record and field.
import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { FieldError } from '../http/app-error.js';
import { normalisePhone } from './phone-number.js';
import {
  DOCUMENT_KEYS,
  IngestDocument,
  RECORD_SCHEMAS,
  RECORD_TYPES,
  emptyBatch,
  type ActorRow,
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
    const fingerprint = JSON.stringify(parsed.data);
    const prior = seen.get(key);
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
        const phones = (d.phones ?? [])
          .map((p, i) => phone(p, `phones[${i}]`))
          .filter((p): p is string => p !== null);
        const accounts: ActorRow['accounts'] = (d.accounts ?? []).map((a) =>
          typeof a === 'string'
            ? { id: a, kind: null, institution: null }
            : { id: a.id, kind: a.kind ?? null, institution: a.institution ?? null },
        );
        if (recErrors.length === 0) {
          batch.actors.push({
            id: d.id,
            kind: d.kind,
            name: d.name ?? null,
            idNumberHash: d.idNumber ? hashIdNumber(d.idNumber, ctx.idHmacSecret) : null,
            phones: [...new Set(phones)],
            accounts: dedupeBy(accounts, (a) => a.id),
            devices: [...new Set(d.devices ?? [])],
            source: d.source ?? ctx.defaultSource,
          });
        }
        break;
      }
      case 'complaint': {
        const d = parsed.data as Parsed<'complaint'>;
        const contactPhone = phone(d.contactPhone, 'contactPhone');
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
  const v = rec.value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') return undefined;
  const id = rec.type === 'institution' ? v.name : v.id;
  return typeof id === 'string' ? id.slice(0, 128) : undefined;
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const it of items) if (!m.has(key(it))) m.set(key(it), it);
  return [...m.values()];
}
