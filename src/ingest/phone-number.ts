// Phone numbers are stored in E.164 so the same phone written three ways is one node.
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { LRUCache } from 'lru-cache';

export const DEFAULT_PHONE_REGION: CountryCode = 'CN';

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Parsing with full metadata costs ~0.1 ms a number and the same numbers come back again and again (hotlines,
 * a ring's phones, re-sent records), so results are remembered. Results are frozen: callers share them.
 */
const memo = new LRUCache<string, PhoneResult>({ max: 100_000 });

export function normalisePhone(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneResult {
  const key = `${region}\u0000${raw}`;
  let result = memo.get(key);
  if (result === undefined) {
    result = Object.freeze(parse(raw, region));
    memo.set(key, result);
  }
  return result;
}

function parse(raw: string, region: CountryCode): PhoneResult {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: 'phone number is empty' };
  if (text.length > 32) return { ok: false, message: 'phone number is longer than 32 characters' };
  try {
    const parsed = parsePhoneNumberWithError(text, region);
    if (!parsed.isValid()) return { ok: false, message: `"${text}" is not a valid phone number` };
    return { ok: true, e164: parsed.number };
  } catch {
    return { ok: false, message: `"${text}" is not a phone number` };
  }
}
