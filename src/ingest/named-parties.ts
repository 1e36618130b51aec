// Phone and bank card numbers a complaint's text names (被投诉方 written into the text), found and normalised.
import { normalisePhone } from './phone-number.js';

export interface ExtractedParty {
  kind: 'phone' | 'account';
  /** E.164 for phones, the bare digits for cards: as `namedParties` and contact phones are stored. */
  value: string;
}

/**
 * 18-character resident ID numbers (GB 11643): a region code, a birth date, a sequence and a check character. They
 * are masked before anything else is looked for, so neither a card nor a phone is read out of one.
 */
const ID_NUMBER =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** 16–19 digits, written solid or in groups of four (`6222 0212 3456 7890 128`, dashes too). */
const CARD = /(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])/g;
/**
 * Card numbers start with a major industry identifier of 3–6 (cards, banking: UnionPay 62…, Visa 4…, Mastercard
 * 5…) or 9 (domestic cards such as 9558…); order and transaction numbers mostly start with a date (20…) or 1.
 */
const CARD_MII = /^[3-69]/;
/** A number labelled as an order, transaction, contract or policy number is none of the parties. */
const NUMBER_LABEL = /(?:订单|单号|流水|交易号|编号|合同号|保单号|工单|快递)[号码:：\s]*$/;
/**
 * A mainland mobile (1[3-9] and nine digits, grouped 3-4-4 by spaces or dashes or not at all), with or without
 * +86 / 0086 / 86 in front.
 */
const MOBILE =
  /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?|\(\+?86\)[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g;
/**
 * A landline with its area code set apart (`010-66108608`, `0755 12345678`, `(021)12345678`): without a
 * separator a landline cannot be told from an order number, so those are left alone. Validated by libphonenumber.
 */
const LANDLINE = /(?<![0-9A-Za-z])(?:\(0\d{2,3}\)[ -]?|0\d{2,3}[ -])[2-9]\d{6,7}(?![0-9A-Za-z-])/g;

/** Luhn (ISO/IEC 7812) check digit test: bank cards have one, order numbers and dates almost never pass by chance. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether an 18-character string has a valid GB 11643 check character (the last one). */
export function idNumberCheckValid(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * weights[i]!;
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

const blank = (m: string) => ' '.repeat(m.length);

/**
 * Every phone and bank card number a text names, normalised (phones to E.164, cards to their digits), in order of
 * first appearance, without repeats and without those in `exclude` (the filing's own contact phone and payout
 * account: what the filer gave, not whom they complain about).
 *
 * NOTE: full-width digits are folded first (NFKC). ID numbers are masked, then cards (so no phone is read out of a
 * card), then mobiles and landlines. A digit run of 16–19 that fails Luhn is no card; an 18-digit run that is a
 * valid ID number is no card even when it passes Luhn too.
 */
export function extractNamedParties(
  text: string | null | undefined,
  exclude: { contactPhone?: string | null; payoutAccount?: string | null } = {},
): ExtractedParty[] {
  if (!text) return [];
  let rest = text.normalize('NFKC');
  if (!/\d/.test(rest)) return [];
  const found: (ExtractedParty & { at: number })[] = [];
  rest = rest.replace(ID_NUMBER, (m) => (idNumberCheckValid(m) ? blank(m) : m));
  rest = rest.replace(CARD, (m, at: number, whole: string) => {
    const digits = m.replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !CARD_MII.test(digits) || !luhnValid(digits)) return m;
    if (NUMBER_LABEL.test(whole.slice(Math.max(0, at - 8), at))) return blank(m);
    found.push({ kind: 'account', value: digits, at });
    return blank(m);
  });
  for (const re of [MOBILE, LANDLINE]) {
    rest = rest.replace(re, (m, at: number) => {
      const r = normalisePhone(m.replace(/[()]/g, ' '));
      if (!r.ok) return m;
      found.push({ kind: 'phone', value: r.e164, at });
      return blank(m);
    });
  }
  const out: ExtractedParty[] = [];
  const seen = new Set<string>();
  if (exclude.contactPhone) seen.add(`phone:${exclude.contactPhone}`);
  if (exclude.payoutAccount) seen.add(`account:${exclude.payoutAccount.replace(/[ -]/g, '')}`);
  for (const f of found.sort((a, b) => a.at - b.at)) {
    const key = `${f.kind}:${f.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: f.kind, value: f.value });
  }
  return out;
}
