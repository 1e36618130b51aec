// Families and flatmates: a home phone, a tablet, a joint account or a Wi-Fi shared, and money moving between them.
import { dayStart, momentOnDay, SPAN_DAYS } from '../clock.js';
import { LANDLINE_AREAS } from '../phones.js';
import type { Rng } from '../rng.js';
import type { AltActor, AltWorld } from './alt-world.context.js';
import { macAddress, publicIp } from './handles.js';
import type { People, StructureLedger } from './honest-kit.js';

const FAMILY_SIZE: readonly (readonly [number, number])[] = [
  [2, 4],
  [3, 4],
  [4, 3],
  [5, 1],
  [6, 1],
];

/**
 * Families of 2–6 people from the public, grouped under one surname (spouses may keep their own): each shares a
 * home landline or an old mobile, often a tablet, sometimes a joint account and an address, and sends money back
 * and forth (living costs, red envelopes).
 */
export function plantFamilies(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): string[][] {
  const families: string[][] = [];
  for (let f = 0; f < count; f++) {
    const members = people.take(r.weighted(FAMILY_SIZE));
    if (members.length < 2) break;
    families.push(plantFamily(w, r, members, ledger));
  }
  return families;
}

/**
 * Ring members have families too: about `share` of the members who are people get 1–4 honest relatives who
 * share their home phone, tablet or joint account, and none of the ring's handles.
 */
export function plantMembersFamilies(
  w: AltWorld,
  r: Rng,
  people: People,
  members: readonly AltActor[],
  share: number,
  ledger: StructureLedger,
): string[][] {
  const families: string[][] = [];
  for (const m of members) {
    if (m.kind !== 'person' || !r.chance(share)) continue;
    const relatives = people.take(r.weighted(FAMILY_SIZE) - 1);
    if (relatives.length === 0) break;
    families.push(plantFamily(w, r, [m, ...relatives], ledger));
  }
  return families;
}

function plantFamily(w: AltWorld, r: Rng, members: AltActor[], ledger: StructureLedger): string[] {
  const head = members[0] as AltActor;
  const surname = head.name.slice(0, 1);
  members.forEach((m, i) => {
    if (i > 0 && r.chance(0.7)) m.name = surname + m.name.slice(1);
  });
  const phone = r.chance(0.6) ? w.phones.landline(r, r.pick(LANDLINE_AREAS)) : w.phones.mobile(r);
  const address = `addr_${r.alnum(10)}`;
  const tablet = r.chance(0.5) ? w.ids.device() : undefined;
  for (const m of members) {
    m.phones.push(phone);
    if (r.chance(0.6)) w.addIdentifier(m, 'address', address);
    if (tablet !== undefined && r.chance(0.8)) m.devices.push(tablet);
  }
  let handle = phone;
  if (r.chance(0.35)) {
    const joint = w.bankCard(r, head);
    (members[1] as AltActor).accounts.push(joint);
    handle = joint.id;
  }
  const moves = r.int(1, 8);
  for (let i = 0; i < moves; i++) {
    const [a, b] = r.sample(members, 2) as [AltActor, AltActor];
    w.transfer(
      w.spendingAccount(r, a),
      w.spendingAccount(r, b),
      r.int(2, 300) * 10 * (r.chance(0.2) ? 10 : 1),
      momentOnDay(r, r.int(0, SPAN_DAYS - 1)),
    );
  }
  ledger.add(
    'family',
    members,
    'household sharing a home phone and often a device, an account and money',
    handle,
  );
  return members.map((m) => m.id).sort();
}

/**
 * Flatmates: 2–5 unrelated people in one rented flat, sharing its Wi-Fi and broadband IP; each pays their share of
 * the rent to whoever holds the lease, every month they live there.
 */
export function plantFlatmates(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let f = 0; f < count; f++) {
    const mates = people.take(r.int(2, 5));
    if (mates.length < 2) break;
    const wifi = macAddress(r);
    const ip = publicIp(r);
    for (const m of mates) {
      w.addIdentifier(m, 'wifi', wifi);
      if (r.chance(0.8)) w.addIdentifier(m, 'ip', ip);
    }
    const lease = w.spendingAccount(r, mates[0] as AltActor);
    const from = r.int(0, SPAN_DAYS - 200);
    const months = r.int(3, 12);
    const rent = r.int(8, 30) * 100;
    for (const m of mates.slice(1)) {
      for (let k = 0; k < months; k++) {
        w.transfer(
          w.spendingAccount(r, m),
          lease,
          rent,
          dayStart(0) + (from + k * 30) * 86_400 + r.int(8, 22) * 3600,
        );
      }
    }
    ledger.add(
      'flatmates',
      mates,
      'flatmates sharing a Wi-Fi and paying rent to the lease holder',
      `wifi:${wifi}`,
    );
  }
}
