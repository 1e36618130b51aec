// The typologies that prey on many victims drawn from the honest pool: illegal stock tips and violent collection.
import { momentBetween } from './clock.js';
import type { HonestPool } from './honest-pool.js';
import { BANKS, LENDERS, QQ, SECURITIES, WECHAT } from './institutions.js';
import { frontCompanyName } from './names.js';
import { LANDLINE_AREAS, surfaceForm } from './phones.js';
import type { Rng } from './rng.js';
import { harassmentText, stockTipsVictimText } from './texts.js';
import type { AccountDraft, ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel } from './world.types.js';
import {
  after,
  FILING_CHANNELS,
  member,
  ownContact,
  ring,
  ringWindow,
  slots,
  times,
  type Planted,
} from './ring-kit.js';

/**
 * Hands pooled items (shared phones, devices, group accounts) to holders: each holder gets `perHolder()`
 * distinct items, and every item gets at least one holder, so nothing pooled is left dangling.
 */
function spread<T>(
  r: Rng,
  holders: readonly ActorDraft[],
  pool: readonly T[],
  perHolder: () => number,
  give: (h: ActorDraft, item: T) => void,
): void {
  const given = holders.map(() => new Set<T>());
  holders.forEach((_, i) => {
    const want = Math.min(pool.length, Math.max(1, perHolder()));
    const mine = given[i] as Set<T>;
    mine.add(pool[i % pool.length] as T);
    for (const extra of r.sample(pool, pool.length)) {
      if (mine.size >= want) break;
      mine.add(extra);
    }
  });
  for (let j = holders.length; j < pool.length; j++) given[r.int(0, holders.length - 1)]?.add(pool[j] as T);
  holders.forEach((h, i) => {
    for (const item of given[i] ?? []) give(h, item);
  });
}

/** 非法荐股: operators share devices and group accounts, and forward takings to the organizer's collection accounts. */
export function stockTips(w: WorldContext, r: Rng, size: number, pool: HonestPool): Planted {
  const org = w.organization(r, frontCompanyName(r, 'investment'), r.pick(LANDLINE_AREAS));
  const extraCollection = r.int(0, 2);
  for (let i = 0; i < extraCollection; i++) {
    if (r.chance(0.5)) w.addPaymentAccount(r, org);
    else w.addBankAccount(r, org);
  }
  const collection = w.moneyAccounts(org);
  const operators = times(size - 1, () => member(w, r));
  // NOTE: pools are at most half the crew, so with round-robin hand-out every pooled device and group
  // account has two or more holders — a pooled item held by one operator would be no signal at all.
  const poolCap = Math.max(1, Math.floor(operators.length / 2));
  const devices = times(Math.min(r.int(2, 4), poolCap), () => w.ids.device());
  const social: AccountDraft[] = times(Math.min(r.int(1, 3), poolCap), () =>
    r.chance(0.7)
      ? { id: w.ids.wechatId(), kind: 'social', institution: WECHAT }
      : { id: w.ids.qqNumber(), kind: 'social', institution: QQ },
  );
  const brokerage: AccountDraft[] = times(Math.min(r.int(1, 2), poolCap), () => ({
    id: w.ids.securitiesAccount(),
    kind: 'securities',
    institution: r.pick(SECURITIES),
  }));
  spread(
    r,
    operators,
    devices,
    () => r.int(1, 2),
    (h, d) => w.addDevice(h, d),
  );
  spread(
    r,
    operators,
    social,
    () => r.int(1, 2),
    (h, a) => h.accounts.push(a),
  );
  spread(
    r,
    operators.slice(0, Math.max(2 * brokerage.length, Math.ceil(operators.length / 2))),
    brokerage,
    () => 1,
    (h, a) => h.accounts.push(a),
  );
  const win = ringWindow(r);
  for (const op of operators) {
    const n = r.int(1, 4);
    for (let i = 0; i < n; i++) {
      w.transfer(
        r.pick(w.moneyAccounts(op)),
        r.pick(collection),
        r.between(2_000, 50_000),
        momentBetween(r, win.from, win.to),
      );
    }
  }
  const victims = pool.take(r.int(2, 8));
  const pComplain = r.between(0.4, 0.7);
  for (const v of victims) {
    let paid = 0;
    let first = win.to;
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      const at = momentBetween(r, win.from, win.to);
      const fee = r.between(500, 20_000);
      const to = r.chance(0.5) ? r.pick(w.moneyAccounts(r.pick(operators))) : r.pick(collection);
      w.transfer(r.pick(w.moneyAccounts(v)), to, fee, at);
      paid += fee;
      first = Math.min(first, at);
    }
    if (r.chance(pComplain)) {
      const at = after(r, first, 20, 90);
      const inst = r.pick(SECURITIES);
      w.complaint(r, {
        at,
        complainant: v,
        inst,
        category: 'investment_advice',
        channel: r.weighted(FILING_CHANNELS),
        contactPhone: ownContact(r, v, 0.8),
        amount: paid,
        text: stockTipsVictimText(r, { ...slots(r, v, inst, first, paid), wechat: r.pick(social).id }),
      });
    }
  }
  return ring(operators, [org], victims);
}

/** 暴力催收: collectors rotate through a pool of gang phones and pay into one shared account; debtors complain. */
export function debtCollection(w: WorldContext, r: Rng, size: number, pool: HonestPool): Planted {
  const org = w.organization(r, frontCompanyName(r, 'asset_management'), r.pick(LANDLINE_AREAS));
  const shared = w.primaryAccount(org);
  const collectors = times(size - 1, () => member(w, r));
  const gang = times(Math.min(12, Math.max(2, Math.ceil(collectors.length * 0.6))), () => w.phones.mobile(r));
  const devices = times(r.int(1, 3), () => w.ids.device());
  // Each collector works two neighbouring gang phones (a chain, so every collector shares a phone with
  // a colleague) plus random others, 2–4 in all: the rotation that makes the pool visible.
  collectors.forEach((c, i) => {
    const want = r.int(2, Math.min(4, gang.length));
    const mine = new Set([gang[i % gang.length] as string, gang[(i + 1) % gang.length] as string]);
    for (const extra of r.sample(gang, gang.length)) {
      if (mine.size >= want) break;
      mine.add(extra);
    }
    for (const p of mine) w.addPhone(c, p);
  });
  for (const c of collectors) if (r.chance(0.8)) w.addDevice(c, r.pick(devices));
  const win = ringWindow(r);
  for (const c of collectors) {
    const n = r.int(1, 5);
    for (let i = 0; i < n; i++) {
      w.transfer(
        r.pick(w.moneyAccounts(c)),
        shared,
        r.between(500, 20_000),
        momentBetween(r, win.from, win.to),
      );
    }
  }
  const lenders = r.sample([...LENDERS, ...BANKS], r.int(1, 2));
  const victims = pool.take(r.int(Math.max(5, size), Math.min(80, 3 * size)));
  for (const v of victims) {
    const n = r.chance(0.25) ? 2 : 1;
    for (let i = 0; i < n; i++) {
      const at = momentBetween(r, win.from, win.to);
      const inst = r.pick(lenders);
      w.complaint(r, {
        at,
        complainant: v,
        inst,
        category: 'collection_harassment',
        channel: r.weighted<ComplaintChannel>([
          ['regulator_hotline', 35],
          ['regulator_web', 25],
          ['bank_app', 15],
          ['platform', 25],
        ]),
        contactPhone: ownContact(r, v, 0.85),
        text: harassmentText(r, { ...slots(r, v, inst, at, 0), phone: surfaceForm(r, r.pick(gang)) }),
      });
    }
    if (r.chance(0.35)) {
      const to = r.chance(0.6) ? shared : r.pick(w.moneyAccounts(r.pick(collectors)));
      w.transfer(w.primaryAccount(v), to, r.between(500, 10_000), momentBetween(r, win.from, win.to));
    }
  }
  return ring(collectors, [org], victims);
}
