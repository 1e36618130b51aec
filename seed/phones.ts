// Mainland phone numbers for the synthetic world: unique canonical E.164 numbers, written in varied surface forms.
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { Rng } from './rng.js';

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

/** Area codes people's home and office landlines are drawn from (all with 8-digit local numbers). */
export const LANDLINE_AREAS = [
  '010',
  '021',
  '020',
  '022',
  '023',
  '025',
  '027',
  '028',
  '029',
  '0755',
  '0571',
  '0512',
  '0531',
  '0591',
  '0731',
  '0532',
  '0574',
  '0769',
  '0371',
];

/** Hands out never-used numbers, so every phone shared in the world is shared on purpose. */
export class PhoneBook {
  readonly #used = new Set<string>();

  mobile(rng: Rng): string {
    for (;;) {
      const e164 = `+86${rng.pick(MOBILE_PREFIXES)}${rng.digits(8)}`;
      if (!this.#used.has(e164)) {
        this.#used.add(e164);
        return e164;
      }
    }
  }

  /** A fixed line in the given area code, e.g. +861066012345 for 010-66012345. */
  landline(rng: Rng, areaCode: string): string {
    for (;;) {
      // NOTE: local numbers starting 2–7 are valid in every area code used here; 1, 8, 9 are partly
      // reserved (service numbers), and libphonenumber's full metadata rejects some of them.
      const local = `${rng.int(2, 7)}${rng.digits(7)}`;
      const e164 = `+86${areaCode.slice(1)}${local}`;
      if (this.#used.has(e164)) continue;
      // The landline plan is irregular enough that each number is checked, not assumed, against the full
      // metadata ingest validates with (the min metadata is laxer).
      if (!isValidPhoneNumber(`${areaCode}${local}`, 'CN')) continue;
      this.#used.add(e164);
      return e164;
    }
  }
}

const isMobile = (e164: string): boolean => /^\+861\d{10}$/.test(e164);

/** The area code of a CN fixed-line E.164 number (2 digits for 10 and 2x, else 3), with its trunk 0. */
function splitLandline(e164: string): { area: string; local: string } {
  const national = e164.slice(3);
  const areaLen = national.startsWith('10') || national.startsWith('2') ? 2 : 3;
  return { area: `0${national.slice(0, areaLen)}`, local: national.slice(areaLen) };
}

/**
 * How a person or clerk might write the number. Every form parses back to the same E.164 number with
 * libphonenumber-js (`parsePhoneNumberWithError(s, 'CN').number`); forms like `(+86) 138…` that it rejects
 * are deliberately absent.
 */
export function surfaceForm(rng: Rng, e164: string): string {
  if (isMobile(e164)) {
    const n = e164.slice(3);
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
    return rng.weighted<string>([
      [n, 55],
      [`+86 ${a} ${b} ${c}`, 10],
      [`${a}-${b}-${c}`, 10],
      [e164, 10],
      [`${a} ${b} ${c}`, 8],
      [`0086 ${a} ${b} ${c}`, 3],
      [`+86-${n}`, 4],
    ]);
  }
  const { area, local } = splitLandline(e164);
  const [l1, l2] = [local.slice(0, 4), local.slice(4)];
  return rng.weighted<string>([
    [`${area}-${local}`, 50],
    [`${area}${local}`, 15],
    [`(${area}) ${l1} ${l2}`, 10],
    [`+86 ${area.slice(1)} ${l1} ${l2}`, 10],
    [`${area} ${local}`, 10],
    [e164, 5],
  ]);
}

/** Canonical E.164 of any surface form, the identity phones are counted and merged by. */
export function canonicalPhone(surface: string): string {
  return parsePhoneNumberWithError(surface, 'CN').number;
}
