// Generic identifiers ({kind, value}: IP, Wi-Fi, MAC, email, WeChat, social friend…): kind rules and per-kind normalisation.
import { isIP } from 'node:net';

/** A generic identifier kind: lower-case letters, digits and `_`, starting with a letter, at most 32 characters. */
export const IDENTIFIER_KIND_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
export const IDENTIFIER_VALUE_MAX = 256;

/** Kinds that have their own lists and nodes (`phones`, `accounts`, `devices`); routed there from `identifiers`. */
export const DEDICATED_KINDS = ['phone', 'account', 'device'] as const;
export type DedicatedKind = (typeof DEDICATED_KINDS)[number];
/** Kinds an identifier may not have: an agent is an actor (`representativeId`), never a value someone holds. */
export const REFUSED_KINDS: Record<string, string> = {
  agent: 'kind "agent" is not an identifier: an agent is an actor, named by a filing\'s representativeId',
};

export type ValueResult = { ok: true; value: string } | { ok: false; message: string };

const CONTROL = /\p{Cc}/u;
const MAC_KINDS = new Set(['mac', 'bssid']);

/**
 * Checks a generic value and normalises it where the kind makes one spelling obviously right:
 * - `email`: lower-cased (the local part is case-insensitive at every provider that matters here);
 * - `mac`, `bssid`: six bytes written upper-case with colons (`AA:BB:CC:DD:EE:FF`), from `aa-bb-…`, `aabb.ccdd.eeff`
 *   or `aabbccddeeff`; anything else is refused;
 * - `ip`: IPv4 dotted quad or IPv6 in its canonical compressed lower-case form (RFC 5952); anything else is refused.
 * Every other kind keeps its value as sent (trimmed): WeChat ids, QQ numbers, friend ids, addresses…
 */
export function normaliseIdentifierValue(kind: string, raw: string): ValueResult {
  const value = raw.trim();
  if (value.length === 0) return { ok: false, message: 'must not be empty' };
  if (value.length > IDENTIFIER_VALUE_MAX)
    return { ok: false, message: `must have at most ${IDENTIFIER_VALUE_MAX} characters` };
  if (CONTROL.test(value)) return { ok: false, message: 'must not contain control characters' };
  if (kind === 'email') return { ok: true, value: value.toLowerCase() };
  if (MAC_KINDS.has(kind)) {
    const hex = value.replace(/[:.-]/g, '');
    if (!/^[0-9A-Fa-f]{12}$/.test(hex))
      return { ok: false, message: `"${value}" is not a MAC address (six bytes in hex)` };
    return { ok: true, value: hex.toUpperCase().match(/../g)!.join(':') };
  }
  if (kind === 'ip') {
    const family = isIP(value);
    if (family === 4) {
      if (value.split('.').some((part) => part.length > 1 && part.startsWith('0')))
        return { ok: false, message: `"${value}" is ambiguous: an IPv4 part has a leading zero` };
      return { ok: true, value };
    }
    if (family === 6 && !value.includes('%'))
      return { ok: true, value: new URL(`http://[${value}]`).hostname.slice(1, -1) };
    return { ok: false, message: `"${value}" is not an IPv4 or IPv6 address` };
  }
  return { ok: true, value };
}

/** The `(:Identifier)` key and the projection's `identifier` string: `<kind>:<value>`. */
export const identifierKey = (kind: string, value: string): string => `${kind}:${value}`;
