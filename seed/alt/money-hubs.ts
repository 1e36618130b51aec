// Honest accounts many people pay into: shops' collection codes and alumni groups' reunion kitties.
import { momentOnDay, SPAN_DAYS } from '../clock.js';
import type { Rng } from '../rng.js';
import type { AltActor, AltWorld } from './alt-world.context.js';
import { heavySize, type People, type StructureLedger } from './honest-kit.js';

const SHOPS = [
  '水果店',
  '便利店',
  '早餐店',
  '理发店',
  '五金店',
  '药店',
  '烟酒店',
  '干洗店',
  '菜鸟驿站',
  '小吃店',
];

/**
 * Shops: an owner's payment code takes 1–5 payments from each of 10–200 customers spread over the period;
 * the owner pays a supplier now and then.
 */
export function plantShops(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): string[] {
  const owners: string[] = [];
  for (let k = 0; k < count; k++) {
    const [owner] = people.take(1);
    if (owner === undefined) break;
    const till = w.paymentAccount(r, owner);
    const customers = people.sample(heavySize(r, 10, 200));
    for (const c of customers) {
      if (c === owner) continue;
      for (let i = r.int(1, 5); i > 0; i--) {
        w.transfer(
          w.spendingAccount(r, c),
          till,
          r.int(300, 30_000) / 100,
          momentOnDay(r, r.int(0, SPAN_DAYS - 1)),
        );
      }
    }
    owners.push(owner.id);
    ledger.add(
      'shop',
      [owner, ...customers],
      `a ${r.pick(SHOPS)} taking payments from its customers`,
      till.id,
    );
  }
  return owners;
}

/**
 * Alumni and hobby groups: 20–200 classmates in one WeChat group (its id on every member's record, as a
 * platform reports group membership); for a reunion most of them pay the same fee to the organiser within days.
 */
export function plantAlumniGroups(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let k = 0; k < count; k++) {
    const members = people.sample(heavySize(r, 20, 200));
    const group = `${r.int(10_000, 99_999)}${r.digits(6)}@chatroom`;
    for (const m of members) w.addIdentifier(m, 'wechat_group', group);
    if (r.chance(0.6)) {
      const organiser = members[0] as AltActor;
      const kitty = w.spendingAccount(r, organiser);
      const day = r.int(0, SPAN_DAYS - 10);
      const fee = r.pick([200, 300, 500, 800]);
      for (const m of members.slice(1)) {
        if (r.chance(0.7)) w.transfer(w.spendingAccount(r, m), kitty, fee, momentOnDay(r, day + r.int(0, 7)));
      }
    }
    ledger.add(
      'school_alumni',
      members,
      'classmates in one WeChat group; reunion fees paid to the organiser',
      `wechat_group:${group}`,
    );
  }
}
