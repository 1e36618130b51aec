// Generic handles people share (office IPs, Wi-Fi BSSIDs, group ids) and how numbers are typed into complaint texts.
import type { Rng } from '../rng.js';

/** A public IPv4 address (a NAT'd office, campus or home line). */
export const publicIp = (r: Rng): string =>
  `${r.int(36, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;

/** A Wi-Fi access point's BSSID. */
export function macAddress(r: Rng): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(r.hex(2));
  return parts.join(':');
}

/** A mobile number as a person types it into a complaint: plain digits mostly, sometimes with dashes or spaces. */
export function phoneInText(r: Rng, e164: string): string {
  const n = e164.startsWith('+86') ? e164.slice(3) : e164;
  if (!/^1\d{10}$/u.test(n)) return n;
  return r.weighted<string>([
    [n, 6],
    [`${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, 2],
    [`${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, 2],
    [`+86${n}`, 1],
  ]);
}

/** A card number as a person copies it: in full, sometimes in groups of four. */
export function cardInText(r: Rng, card: string): string {
  return r.chance(0.7) ? card : card.replace(/(\d{4})(?=\d)/gu, '$1 ');
}
