// Text of ingest records before validation: every string normalised to NFC (one spelling of each character), and ids
// free of invisible and direction-changing characters, so that ids that look alike are the same id.
import type { FieldError } from '../shared/errors.js';
import { INVISIBLE_CHARS, type RawRecord } from './ingest.schema.js';

/** Zero-width characters, bidirectional embeddings, overrides and isolates, word joiners, BOM, soft hyphen. */
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'u');

/** Fields that hold an id or an identifier value, at any depth (accounts' ids, devices, identifier values). */
const ID_FIELDS = new Set([
  'id',
  'complainantId',
  'claimantId',
  'representativeId',
  'from',
  'to',
  'devices',
  'value',
]);

/**
 * NFC-normalises every string of the records and refuses the ones with an invisible or bidi control character in an
 * id: they come back as field errors and are left out of the records (so ?partial=true does not write them).
 */
export function checkIdText(records: RawRecord[]): { records: RawRecord[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const kept: RawRecord[] = [];
  for (const record of records) {
    const bad: string[] = [];
    const value = normalise(record.value, '', false, bad);
    if (bad.length === 0) {
      kept.push({ ...record, value });
      continue;
    }
    const id = (record.value as { id?: unknown } | null)?.id;
    for (const field of bad) {
      errors.push({
        type: record.type,
        index: record.index,
        ...((record as { line?: number }).line !== undefined
          ? { line: (record as { line?: number }).line }
          : {}),
        ...(typeof id === 'string' ? { id: id.normalize('NFC') } : {}),
        field,
        message: 'an id must not contain invisible or text-direction characters (zero-width, bidi override)',
      });
    }
  }
  return { records: kept, errors };
}

function normalise(v: unknown, path: string, inId: boolean, bad: string[]): unknown {
  if (typeof v === 'string') {
    if (inId && INVISIBLE.test(v)) bad.push(path || '(value)');
    return v.normalize('NFC');
  }
  if (Array.isArray(v)) return v.map((x, i) => normalise(x, `${path}[${i}]`, inId, bad));
  if (v && typeof v === 'object') {
    // generic object: walks any record before it is validated
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = normalise(x, path ? `${path}.${k}` : k, ID_FIELDS.has(k), bad);
    }
    return out;
  }
  return v;
}
