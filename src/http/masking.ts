// Data minimisation by role: the one place where phone numbers, accounts and ID numbers are masked in answers.
import type { RequestHandler, Response } from 'express';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { LRUCache } from 'lru-cache';
import type { Role } from '../config.js';
import type { Principal } from './auth.middleware.js';

/** `full`: as stored (prosecutors and admins, on the routes that need it); `masked`: everyone else. */
export type PersonalDataView = 'full' | 'masked';

type Kind = 'phone' | 'account';

/** Fields whose value is always a phone number or an account (policy numbers are insurance accounts). */
const PHONE_FIELDS = new Set(['contactPhone', 'phone', 'phoneNumber']);
const ACCOUNT_FIELDS = new Set([
  'payoutAccount',
  'fromAccount',
  'toAccount',
  'account',
  'accountId',
  'policyNumber',
]);
/** Never shown in a masked view, not even masked. */
const DROPPED_FIELDS = new Set(['idNumber', 'idNumberHash']);
/** `identifier` fields take their kind from a sibling `identifierKind` (evidence, hubs) or `kind` (shared identifiers, triage links). */
const KIND_OF_IDENTIFIER: Readonly<Record<string, Kind>> = {
  phone: 'phone',
  contact_phone: 'phone',
  shared_phone: 'phone',
  account: 'account',
  payout_account: 'account',
  shared_account: 'account',
};
/** Ids, cursors, digests and keys stay usable: no free-text scrubbing inside them. */
const ID_FIELD =
  /^(id|key|cursor|nextCursor|requestId|runId|ringId|sha256|hash|digest|fingerprint|publicKey|signature|etag|paramsCommand)$|Ids?$|Fingerprint$/;

const memo = new Map<string, string>();

/** `+8613812348000` → `+86 138****8000`; a national number keeps at most its first 3 and last 4 digits. */
export function maskPhone(value: string): string {
  const cached = memo.get(value);
  if (cached !== undefined) return cached;
  const digits = value.replace(/\D/g, '');
  let cc = '';
  let national = digits;
  if (value.trim().startsWith('+')) {
    const parsed = parsePhoneNumberFromString(value);
    if (parsed) {
      cc = parsed.countryCallingCode;
      national = String(parsed.nationalNumber);
    }
  }
  const n = national.length;
  const masked =
    n >= 11
      ? `${national.slice(0, 3)}${'*'.repeat(n - 7)}${national.slice(-4)}`
      : n >= 8
        ? `${'*'.repeat(n - 4)}${national.slice(-4)}`
        : `${'*'.repeat(Math.max(0, n - 2))}${national.slice(-2)}`;
  const out = cc ? `+${cc} ${masked}` : masked;
  if (memo.size > 10_000) memo.clear();
  memo.set(value, out);
  return out;
}

/** `6222020000007890` → `****7890`; short ids show nothing. */
export function maskAccount(value: string): string {
  return value.length >= 8 ? `****${value.slice(-4)}` : '****';
}

const maskOf = (kind: Kind, v: string) => (kind === 'phone' ? maskPhone(v) : maskAccount(v));

// NOTE: order matters: an 18-character ID number would otherwise be taken for a bank card.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const E164 = /\+\d{7,15}(?!\d)/g;
const CN_MOBILE = /(?<![\d+])1[3-9]\d{9}(?!\d)/g;
// digits glued to letters are part of an identifier or a digest, not a card number
const CARD = /(?<![\d*A-Za-z])\d{12,19}(?![\dA-Za-z])/g;
const TAGGED = /\b(phone|account):([^\s,;]+)/g;
// NOTE: part of an ID number is still an ID number: "身份证尾号0991", "证件号后四位：099X". The digits after an ID-number
// word (within a few characters) go, whatever their length; a card's last four digits may show, as accounts do.
const ID_NUMBER_PART =
  /((?:身份证|身份证件|证件|公民身份号码|身份号码)(?:[后末]\s*[46四六]\s*位|[^\dA-Za-z，。,；;！!？?\n]){0,8}?)([\dXx*]*\d[\dXx*]*)(?![\dA-Za-z位])/g;

/** Masks phone numbers, card-like numbers and ID numbers written into free text (summaries, log messages, texts). */
export function scrubText(text: string): string {
  if (!/\d/.test(text)) return text;
  return text
    .replace(TAGGED, (_m, kind: Kind, v: string) => `${kind}:${maskOf(kind, v)}`)
    .replace(ID_NUMBER, '[ID number]')
    .replace(ID_NUMBER_PART, (_m, words: string) => `${words}[ID number]`)
    .replace(E164, (m) => maskPhone(m))
    .replace(CN_MOBILE, (m) => maskPhone(m))
    .replace(CARD, (m) => maskAccount(m));
}

type Json = unknown;

function kindOfField(
  key: string,
  parentKey: string | undefined,
  // generic object: masking walks any JSON answer by field name
  obj: Record<string, unknown>,
): Kind | undefined {
  if (PHONE_FIELDS.has(key)) return 'phone';
  if (ACCOUNT_FIELDS.has(key)) return 'account';
  if (key === 'identifier') {
    const k = (obj.identifierKind ?? obj.kind) as string | undefined;
    return k === undefined ? undefined : KIND_OF_IDENTIFIER[k];
  }
  if (parentKey === 'phones' && key === 'number') return 'phone';
  if (parentKey === 'accounts' && key === 'id') return 'account';
  // money flows: `to` is an account; `from` is one for transfers and the paying institution for payouts
  if (parentKey === 'moneyFlows' && (key === 'to' || (key === 'from' && obj.kind === 'transfer')))
    return 'account';
  return undefined;
}

function kindOfList(key: string | undefined): Kind | undefined {
  if (key === 'phones') return 'phone';
  if (key === 'accounts') return 'account';
  return undefined;
}

/** Pass 1: every phone and account value found in a known field, so the same values can be found in free text. */
function collect(node: Json, parentKey: string | undefined, out: Map<string, Kind>): void {
  if (Array.isArray(node)) {
    const listKind = kindOfList(parentKey);
    for (const item of node) {
      if (listKind && typeof item === 'string') out.set(item, listKind);
      else collect(item, parentKey, out);
    }
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    const kind = kindOfField(key, parentKey, obj);
    if (kind && typeof value === 'string') out.set(value, kind);
    else if (value !== null && typeof value === 'object') collect(value, key, out);
  }
}

/** Compiled patterns by the values they find: answers about the same ring name the same identifiers again. */
const valuePatterns = new LRUCache<string, RegExp>({ max: 2_000 });

function textMasker(known: Map<string, Kind>): (text: string) => string {
  // Short values would match inside unrelated words; they show nothing when masked anyway.
  const values = [...known.keys()].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  if (values.length === 0) return scrubText;
  const cacheKey = values.join('\u0000');
  let re = valuePatterns.get(cacheKey);
  if (!re) {
    const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`(?<![A-Za-z0-9_-])(?:${escaped.join('|')})(?![A-Za-z0-9_-])`, 'g');
    valuePatterns.set(cacheKey, re);
  }
  const pattern = re;
  // NOTE: generic scrubbing first: a value replaced first would leave `+86 138****8000`, whose `+86` the generic
  // patterns would then take for a (short) phone of its own.
  return (text) => scrubText(text).replace(pattern, (m) => maskOf(known.get(m) ?? 'account', m));
}

function rewrite(node: Json, parentKey: string | undefined, text: (s: string) => string): Json {
  if (Array.isArray(node)) {
    const listKind = kindOfList(parentKey);
    return node.map((item) =>
      listKind && typeof item === 'string' ? maskOf(listKind, item) : rewrite(item, parentKey, text),
    );
  }
  if (typeof node === 'string')
    return parentKey !== undefined && ID_FIELD.test(parentKey) ? node : text(node);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (DROPPED_FIELDS.has(key)) continue;
    const kind = kindOfField(key, parentKey, obj);
    if (kind && typeof value === 'string') out[key] = maskOf(kind, value);
    else if (typeof value === 'string') out[key] = ID_FIELD.test(key) ? value : text(value);
    else out[key] = rewrite(value, key, text);
  }
  return out;
}

/**
 * Returns `body` as the view allows: unchanged for `full`; otherwise a copy where phone numbers and accounts are
 * masked wherever they appear (known fields, and the same values or phone/card-like numbers inside free text such as
 * evidence summaries) and ID numbers and their hashes are gone.
 */
export function maskPersonalData<T>(body: T, view: PersonalDataView): T {
  if (view === 'full' || body === null || typeof body !== 'object') return body;
  // NOTE: a frozen answer (the report cache's) cannot change, so its masked copy is made once and shared.
  const frozen = Object.isFrozen(body);
  if (frozen) {
    const masked = maskedOfFrozen.get(body);
    if (masked !== undefined) return masked as T;
  }
  const known = new Map<string, Kind>();
  collect(body, undefined, known);
  const masked = rewrite(body, undefined, textMasker(known)) as T;
  if (frozen) maskedOfFrozen.set(body, Object.freeze(masked));
  return masked;
}

const maskedOfFrozen = new WeakMap<object, unknown>();

export function personalDataViewOf(res: Response): PersonalDataView {
  const p = res.locals.principal as Principal | undefined;
  const allowed = res.locals.fullPersonalDataFor as readonly Role[] | undefined;
  return p && allowed?.includes(p.role) ? 'full' : 'masked';
}

/**
 * Mounted once for every /v1 route: every JSON answer goes through maskPersonalData, so a new route is masked by
 * default. Personal data is never kept by shared caches either.
 */
export function personalDataMasking(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const json = res.json.bind(res);
    res.json = ((body: unknown) => json(maskPersonalData(body, personalDataViewOf(res)))) as typeof res.json;
    next();
  };
}

/** Route opt-in: these roles see personal data in full on this route (they need it: ring and actor reports). */
export function fullPersonalDataFor(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    res.locals.fullPersonalDataFor = roles;
    next();
  };
}
