// Plants the organised rings of every typology, each with the graph signature DESIGN.md describes.
import { TYPOLOGIES } from '../src/shared/domain.js';
import { chineseDate, DAY, dayStart, momentBetween, momentOnDay, SPAN_DAYS, SPAN_START } from './clock.js';
import type { HonestPool } from './honest-pool.js';
import { BANKS, INSURERS, LENDERS, QQ, SECURITIES, WECHAT, type InstitutionSpec } from './institutions.js';
import { frontCompanyName } from './names.js';
import { LANDLINE_AREAS, surfaceForm } from './phones.js';
import type { Rng } from './rng.js';
import { composeRingTemplate, ringTemplateText } from './ring-templates.js';
import {
  harassmentText,
  shortInstitutionName,
  stockTipsVictimText,
  type TextSlots,
  writtenAmount,
} from './texts.js';
import type { AccountDraft, ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel, PlantedTypology, RingSignature } from './world.types.js';

export const PLANTED_TYPOLOGIES: readonly PlantedTypology[] = TYPOLOGIES.filter(
  (t): t is PlantedTypology => t !== 'unknown',
);

export const RING_MIN_SIZE = 4;
export const RING_MAX_SIZE = 60;
/** Ring members may take at most this share of the world, keeping it ≥ 90% honest with room to spare. */
const RING_SHARE = 0.07;

export interface RingPlan {
  typology: PlantedTypology;
  /** identifier: members share phones, accounts or agents; coordination: only texts, timing and fees tie them. */
  signature: RingSignature;
  /** Members including organizers. */
  size: number;
}

export interface PlantedRing {
  typology: PlantedTypology;
  signature: RingSignature;
  members: ActorDraft[];
  organizers: ActorDraft[];
  victims: ActorDraft[];
}

/**
 * About one ring per 400 actors, at least one per typology. Sizes mix many small rings with some
 * medium and a few large ones, then shrink proportionally if they would exceed the ring share.
 */
export function planRings(r: Rng, actors: number): RingPlan[] {
  const count = Math.max(PLANTED_TYPOLOGIES.length, Math.round(actors / 400));
  const budget = Math.floor(actors * RING_SHARE);
  const typologies: PlantedTypology[] = [...PLANTED_TYPOLOGIES];
  while (typologies.length < count) {
    typologies.push(
      r.weighted<PlantedTypology>([
        ['complaint_mill', 25],
        ['surrender_agent', 20],
        ['loan_mediation', 20],
        ['credit_repair', 12],
        ['stock_tips', 10],
        ['debt_collection', 13],
      ]),
    );
  }
  const sizes = typologies.map(() => {
    const bucket = r.weighted<'small' | 'medium' | 'large'>([
      ['small', 60],
      ['medium', 30],
      ['large', 10],
    ]);
    if (bucket === 'small') return r.int(RING_MIN_SIZE, 12);
    if (bucket === 'medium') return r.int(13, 30);
    return r.int(31, RING_MAX_SIZE);
  });
  // Small worlds draw few rings; make sure at least one is large when the budget allows it.
  const roomForLarge = budget - RING_MIN_SIZE * (count - 1);
  if (!sizes.some((s) => s > 30) && roomForLarge > 30) {
    sizes[r.int(0, count - 1)] = r.int(31, Math.min(RING_MAX_SIZE, roomForLarge));
  }
  let total = sizes.reduce((a, b) => a + b, 0);
  if (total > budget) {
    const scale = budget / total;
    for (let i = 0; i < count; i++) sizes[i] = Math.max(RING_MIN_SIZE, Math.floor((sizes[i] ?? 0) * scale));
    total = sizes.reduce((a, b) => a + b, 0);
    while (total > budget) {
      const i = sizes.indexOf(Math.max(...sizes));
      if ((sizes[i] ?? 0) <= RING_MIN_SIZE) break;
      sizes[i] = (sizes[i] ?? 0) - 1;
      total--;
    }
  }
  const plans = typologies.map((typology, i) => ({
    typology,
    signature: 'identifier' as const,
    size: sizes[i] ?? RING_MIN_SIZE,
  }));
  // Interleave typologies so ring ids say nothing about the kind of ring.
  return r.shuffle(plans);
}

export function plantRing(w: WorldContext, r: Rng, plan: RingPlan, pool: HonestPool): PlantedRing {
  return { typology: plan.typology, signature: 'identifier', ...plantMembers(w, r, plan, pool) };
}

export type Planted = Omit<PlantedRing, 'typology' | 'signature'>;

function plantMembers(w: WorldContext, r: Rng, plan: RingPlan, pool: HonestPool): Planted {
  switch (plan.typology) {
    case 'complaint_mill':
      return complaintMill(w, r, plan.size);
    case 'surrender_agent':
      return surrenderAgent(w, r, plan.size);
    case 'loan_mediation':
      return loanMediation(w, r, plan.size);
    case 'credit_repair':
      return creditRepair(w, r, plan.size);
    case 'stock_tips':
      return stockTips(w, r, plan.size, pool);
    case 'debt_collection':
      return debtCollection(w, r, plan.size, pool);
  }
}

// ---------------------------------------------------------------------------------------------------
// shared pieces

export interface Window {
  from: number;
  to: number;
}

interface Burst {
  day: number;
  days: number;
}

const dayOf = (t: number): number => Math.floor((t - SPAN_START) / DAY);

/** Rings operate for a few months, not across the whole span. */
export function ringWindow(r: Rng): Window {
  const startDay = r.int(0, SPAN_DAYS - 45);
  const endDay = Math.min(SPAN_DAYS - 1, startDay + r.int(45, 300));
  return { from: dayStart(startDay), to: dayStart(endDay) + DAY - 1 };
}

function makeBursts(r: Rng, win: Window, count: number): Burst[] {
  const first = dayOf(win.from);
  const last = dayOf(win.to);
  const bursts: Burst[] = [];
  for (let i = 0; i < count; i++) {
    const days = r.int(2, 5);
    bursts.push({ day: r.int(first, Math.max(first, last - days + 1)), days });
  }
  return bursts;
}

function inBurst(r: Rng, b: Burst): number {
  return momentOnDay(r, Math.min(SPAN_DAYS - 1, b.day + r.int(0, b.days - 1)));
}

/** A moment minDays..maxDays after t (same day allowed), kept inside the span. */
export function after(r: Rng, t: number, minDays: number, maxDays: number): number {
  const day = Math.min(SPAN_DAYS - 1, dayOf(t) + r.int(minDays, maxDays));
  const m = momentOnDay(r, day);
  return m < t ? t + r.int(600, 7200) : m;
}

export function before(r: Rng, t: number, minDays: number, maxDays: number): number {
  return momentOnDay(r, Math.max(0, dayOf(t) - r.int(minDays, maxDays)));
}

export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

/** Wording drift per ring: some paste the template verbatim, some paraphrase to dodge duplicate detection. */
const disguiseLevel = (r: Rng): number => r.pick([0, 0, 0.1, 0.2, 0.35, 0.5]);

export const FILING_CHANNELS: readonly (readonly [ComplaintChannel, number])[] = [
  ['regulator_hotline', 45],
  ['regulator_web', 35],
  ['letter', 12],
  ['platform', 8],
];

/** A ring member still looks like anyone else: own phone and card, sometimes a device or a second phone. */
export function member(w: WorldContext, r: Rng): ActorDraft {
  const m = w.person(r);
  if (r.chance(0.4)) w.addDevice(m);
  if (r.chance(0.1)) w.addPhone(m, w.phones.mobile(r));
  return m;
}

export function agent(w: WorldContext, r: Rng, phones: number, accounts: number): ActorDraft {
  const a = w.person(r, { kind: 'agent' });
  for (let i = 1; i < phones; i++) w.addPhone(a, w.phones.mobile(r));
  while (w.moneyAccounts(a).length < accounts) {
    if (r.chance(0.5)) w.addPaymentAccount(r, a);
    else w.addBankAccount(r, a);
  }
  if (r.chance(0.6)) w.addDevice(a);
  return a;
}

export const ownContact = (r: Rng, a: ActorDraft, p: number): string | undefined =>
  r.chance(p) ? r.pick(a.phones) : undefined;

export function slots(r: Rng, a: ActorDraft, inst: InstitutionSpec, when: number, amount: number): TextSlots {
  return {
    inst: shortInstitutionName(inst.name),
    date: chineseDate(when),
    amount: writtenAmount(r, amount),
    name: a.name,
    idTail: a.idNumber?.slice(-4) ?? r.digits(4),
    cardTail: a.accounts[0]?.id.slice(-4) ?? r.digits(4),
  };
}

export const ring = (
  members: ActorDraft[],
  organizers: ActorDraft[],
  victims: ActorDraft[] = [],
): Planted => ({
  members: [...organizers, ...members],
  organizers,
  victims,
});

// ---------------------------------------------------------------------------------------------------
// typologies

/** 代理维权: template complaints in bursts, the organizer's phone as contact, a cut of each refund. */
function complaintMill(w: WorldContext, r: Rng, size: number): Planted {
  const org = agent(w, r, r.int(1, 3), r.int(1, 2));
  const clients = times(size - 1, () => member(w, r));
  const targets = r.sample([...BANKS, ...LENDERS], r.int(1, 3));
  const win = ringWindow(r);
  const bursts = makeBursts(r, win, r.int(2, 5));
  const pContact = r.between(0.7, 0.95);
  const pRep = r.between(0.1, 0.5);
  const pFee = r.between(0.6, 0.9);
  const pRefund = r.between(0.65, 0.9);
  const template = composeRingTemplate(r, 'complaint_mill');
  const disguise = disguiseLevel(r);
  for (const c of clients) {
    let last = 0;
    let claimed = 0;
    const filings = r.int(1, 3);
    for (let i = 0; i < filings; i++) {
      const at = inBurst(r, r.pick(bursts));
      const inst = r.pick(targets);
      const amount = r.between(800, 30_000);
      w.complaint(r, {
        at,
        complainant: c,
        inst,
        category: r.chance(pRefund) ? 'fee_refund' : 'service_quality',
        channel: r.weighted(FILING_CHANNELS),
        contactPhone: r.chance(pContact) ? r.pick(org.phones) : ownContact(r, c, 0.6),
        rep: r.chance(pRep) ? org : undefined,
        amount,
        text: ringTemplateText(
          r,
          template,
          disguise,
          disguise,
          slots(r, c, inst, before(r, at, 10, 120), amount),
        ),
      });
      last = Math.max(last, at);
      claimed += amount;
    }
    if (r.chance(pFee)) {
      w.transfer(
        r.pick(w.moneyAccounts(c)),
        r.pick(w.moneyAccounts(org)),
        claimed * r.between(0.1, 0.3),
        after(r, last, 5, 40),
      );
    }
  }
  return ring(clients, [org]);
}

/** 代理退保: surrenders paid out to the agent or followed by a commission to the agent. */
function surrenderAgent(w: WorldContext, r: Rng, size: number): Planted {
  const agents = times(size >= 8 && r.chance(0.5) ? 2 : 1, () => agent(w, r, r.int(1, 2), r.int(1, 2)));
  const holders = times(size - agents.length, () => member(w, r));
  const insurers = r.sample(INSURERS, r.int(1, 2));
  const win = ringWindow(r);
  const pPayout = r.between(0.6, 0.9);
  const pContact = r.between(0.4, 0.8);
  const pRep = r.between(0.1, 0.4);
  const pMisSelling = r.between(0.2, 0.5);
  const commission = r.between(0.2, 0.5);
  const template = composeRingTemplate(r, 'surrender_agent');
  const disguise = disguiseLevel(r);
  for (const h of holders) {
    const handler = r.pick(agents);
    const contact = (): string | undefined =>
      r.chance(pContact) ? r.pick(handler.phones) : ownContact(r, h, 0.7);
    const policies = r.chance(0.25) ? 2 : 1;
    for (let i = 0; i < policies; i++) {
      const insurer = r.pick(insurers);
      const policy = w.addPolicy(h, insurer, r.int(2012, 2023));
      const at = momentBetween(r, win.from, win.to);
      const amount = r.between(8_000, 150_000);
      const toAgent = r.chance(pPayout);
      const payout: AccountDraft = toAgent ? r.pick(w.moneyAccounts(handler)) : w.primaryAccount(h);
      if (r.chance(pMisSelling)) {
        const filed = before(r, at, 5, 40);
        w.complaint(r, {
          at: filed,
          complainant: h,
          inst: insurer,
          category: 'insurance_mis_selling',
          channel: r.weighted(FILING_CHANNELS),
          contactPhone: contact(),
          rep: r.chance(pRep) ? handler : undefined,
          amount,
          text: ringTemplateText(r, template, disguise, disguise, slots(r, h, insurer, filed, amount)),
        });
      }
      w.claim(r, {
        at,
        claimant: h,
        insurer,
        kind: r.chance(0.9) ? 'surrender' : 'claim',
        policy,
        contactPhone: contact(),
        payout,
        rep: r.chance(pRep) ? handler : undefined,
        amount,
      });
      if (toAgent) w.transfer(payout, w.primaryAccount(h), amount * (1 - commission), after(r, at, 3, 20));
      else
        w.transfer(
          w.primaryAccount(h),
          r.pick(w.moneyAccounts(handler)),
          amount * commission,
          after(r, at, 2, 15),
        );
    }
  }
  return ring(holders, agents);
}

/** 停息挂账: an upfront fee, then debt-negotiation complaints filed with the agent as representative. */
function loanMediation(w: WorldContext, r: Rng, size: number): Planted {
  const agents = times(size >= 8 && r.chance(0.5) ? 2 : 1, () => agent(w, r, r.int(1, 2), r.int(1, 2)));
  const debtors = times(size - agents.length, () => member(w, r));
  const lenders = r.sample([...LENDERS, ...BANKS.slice(0, 10)], r.int(1, 3));
  const win = ringWindow(r);
  const pRep = r.between(0.6, 0.9);
  const pContact = r.between(0.2, 0.5);
  const pFee = r.between(0.7, 0.95);
  const template = composeRingTemplate(r, 'loan_mediation');
  const disguise = disguiseLevel(r);
  for (const d of debtors) {
    const handler = r.pick(agents);
    const signed = momentBetween(r, win.from, win.to);
    if (r.chance(pFee)) {
      const installments = r.int(1, 2);
      for (let i = 0; i < installments; i++) {
        w.transfer(
          r.pick(w.moneyAccounts(d)),
          r.pick(w.moneyAccounts(handler)),
          r.between(800, 6_000),
          i === 0 ? signed : after(r, signed, 10, 40),
        );
      }
    }
    for (const inst of r.sample(lenders, r.int(1, Math.min(2, lenders.length)))) {
      const at = after(r, signed, 3, 30);
      const principal = r.between(10_000, 200_000);
      w.complaint(r, {
        at,
        complainant: d,
        inst,
        category: 'debt_negotiation',
        channel: r.weighted(FILING_CHANNELS),
        contactPhone: r.chance(pContact) ? r.pick(handler.phones) : ownContact(r, d, 0.7),
        rep: r.chance(pRep) ? handler : undefined,
        amount: principal,
        text: ringTemplateText(r, template, disguise, disguise, slots(r, d, inst, at, principal)),
      });
    }
  }
  return ring(debtors, agents);
}

/** 征信修复: agents answer on a shared set of phones; customers lodge template objections to their records. */
function creditRepair(w: WorldContext, r: Rng, size: number): Planted {
  const shared = times(r.int(1, 3), () => w.phones.mobile(r));
  const agents = times(Math.min(r.int(1, 3), Math.max(1, Math.floor(size / 4))), () => {
    const a = agent(w, r, 1, r.int(1, 2));
    for (const p of shared) w.addPhone(a, p);
    return a;
  });
  const customers = times(size - agents.length, () => member(w, r));
  const targets = r.sample([...BANKS, ...LENDERS], r.int(2, 5));
  const win = ringWindow(r);
  const pContact = r.between(0.6, 0.9);
  const pRep = r.between(0.1, 0.3);
  const pFee = r.between(0.5, 0.8);
  const template = composeRingTemplate(r, 'credit_repair');
  const disguise = disguiseLevel(r);
  for (const c of customers) {
    const handler = r.pick(agents);
    const paid = momentBetween(r, win.from, win.to);
    if (r.chance(pFee))
      w.transfer(r.pick(w.moneyAccounts(c)), r.pick(w.moneyAccounts(handler)), r.between(1_000, 8_000), paid);
    for (const inst of r.sample(targets, r.int(1, Math.min(3, targets.length)))) {
      const at = after(r, paid, 1, 10);
      w.complaint(r, {
        at,
        complainant: c,
        inst,
        category: 'credit_report',
        channel: r.weighted<ComplaintChannel>([
          ['regulator_web', 40],
          ['regulator_hotline', 40],
          ['letter', 20],
        ]),
        contactPhone: r.chance(pContact) ? r.pick(shared) : ownContact(r, c, 0.6),
        rep: r.chance(pRep) ? handler : undefined,
        text: ringTemplateText(r, template, disguise, disguise, slots(r, c, inst, before(r, at, 60, 400), 0)),
      });
    }
  }
  return ring(customers, agents);
}

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
function stockTips(w: WorldContext, r: Rng, size: number, pool: HonestPool): Planted {
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
function debtCollection(w: WorldContext, r: Rng, size: number, pool: HonestPool): Planted {
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
