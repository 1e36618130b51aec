// Phone numbers are stored in E.164 so the same phone written three ways is one node.
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_PHONE_REGION: CountryCode = 'CN';

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

export function normalisePhone(raw: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneResult {
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
