// The honest world around the rings: consumers, their filings and payments, and the look-alike noise (families, hotlines, lawyers, shops).
import type { KnownCategory } from '../src/shared/domain.js';
import { anyMoment, chineseDate, DAY, momentBetween, SPAN_END, SPAN_START } from './clock.js';
import type { HonestPool } from './honest-pool.js';
import {
  BANKS,
  byType,
  INSTITUTIONS,
  INSURERS,
  LENDERS,
  SECURITIES,
  type InstitutionSpec,
} from './institutions.js';
import { lawFirmName, surnameOf } from './names.js';
import { LANDLINE_AREAS } from './phones.js';
import type { Rng } from './rng.js';
import { formText, usesForm } from './incidents.js';
import { honestText, shortInstitutionName, writtenAmount } from './texts.js';
import type { AccountDraft, ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel } from './world.types.js';

export interface Hotline {
  e164: string;
  inst: InstitutionSpec;
}

export interface Lawyer {
  lawyer: ActorDraft;
  clients: ActorDraft[];
}

/** Honest individuals: one phone (≈10% two), one or two accounts, often a device, some insured. */
export function createPopulation(w: WorldContext, r: Rng, count: number): ActorDraft[] {
  const people: ActorDraft[] = [];
  for (let i = 0; i < count; i++) {
    const p = w.person(r);
    if (r.chance(0.1)) w.addPhone(p, w.phones.mobile(r));
    if (r.chance(0.45)) w.addDevice(p);
    if (r.chance(0.3)) w.addPolicy(p, r.pick(INSURERS), r.int(2008, 2025));
    people.push(p);
  }
  return people;
}

const HOTLINE_CANDIDATES = ['ICBC', 'CCB', 'ABC', 'BOC', 'CMB', 'PINGANLIFE', 'CHINALIFE', 'MUCFC'];

/**
 * Institution service lines that consumers write as "contact phone" because it is the number they
 * called. They become the biggest hubs in the phone graph and connect thousands of strangers.
 */
export function chooseHotlines(w: WorldContext, r: Rng): Hotline[] {
  const chosen = r.sample(
    INSTITUTIONS.filter((i) => HOTLINE_CANDIDATES.includes(i.code)),
    r.int(3, 5),
  );
  return chosen.map((inst) => ({ e164: w.phones.landline(r, inst.areaCode), inst }));
}

/**
 * Households of 2–5 sharing a home number, sometimes a tablet and a joint card. Family members mostly
 * share a surname and move money between them — a dense little cluster that is not a ring.
 */
export function plantFamilies(w: WorldContext, r: Rng, pool: HonestPool, members: number): ActorDraft[][] {
  const families: ActorDraft[][] = [];
  let placed = 0;
  while (placed < members && pool.remaining >= 2) {
    const family = pool.take(Math.min(r.int(2, 5), members - placed < 2 ? 2 : members - placed));
    if (family.length < 2) break;
    placed += family.length;
    const [head, partner] = family;
    if (head === undefined || partner === undefined) break;
    for (const m of family.slice(1)) if (r.chance(0.7)) m.name = surnameOf(head.name) + m.name.slice(1);
    const home = r.chance(0.6) ? w.phones.landline(r, r.pick(LANDLINE_AREAS)) : w.phones.mobile(r);
    for (const m of family) {
      m.homePhone = home;
      w.addPhone(m, home);
    }
    // Some elderly members only have the home number.
    const elder = family[family.length - 1];
    if (family.length >= 3 && elder !== undefined && r.chance(0.3)) elder.phones = [home];
    if (r.chance(0.4)) {
      const tablet = w.ids.device();
      for (const m of r.sample(family, r.int(2, family.length))) w.addDevice(m, tablet);
    }
    if (r.chance(0.3)) {
      const joint = w.addBankAccount(r, head);
      partner.accounts.push(joint);
    }
    const moves = r.int(1, 4);
    for (let i = 0; i < moves; i++) {
      const [a, b] = r.sample(family, 2);
      if (a === undefined || b === undefined) continue;
      const from = r.pick(w.moneyAccounts(a));
      const to = r.pick(w.moneyAccounts(b).filter((x) => x.id !== from.id));
      w.transfer(from, to, r.between(200, 20_000), anyMoment(r));
    }
    families.push(family);
  }
  return families;
}

/**
 * Law firms and lawyers who legitimately represent many unrelated clients: a REPRESENTED_BY hub whose
 * clients share nothing else (own phones, varied texts, institutions and dates).
 */
export function plantLawyers(w: WorldContext, r: Rng, pool: HonestPool, count: number): Lawyer[] {
  const lawyers: Lawyer[] = [];
  for (let i = 0; i < count; i++) {
    const lawyer = r.chance(0.5)
      ? w.organization(r, lawFirmName(r), r.pick(LANDLINE_AREAS))
      : w.person(r, { kind: 'agent' });
    if (lawyer.kind === 'agent' && r.chance(0.5))
      w.addPhone(lawyer, w.phones.landline(r, r.pick(LANDLINE_AREAS)));
    const clients = pool.take(r.int(8, 40));
    for (const c of clients) {
      const filings = r.chance(0.3) ? 2 : 1;
      for (let k = 0; k < filings; k++) {
        const category = r.weighted(CATEGORY_WEIGHTS);
        const inst = r.pick(institutionsFor(category));
        honestComplaint(w, r, c, {
          category,
          inst,
          rep: lawyer,
          at: anyMoment(r),
          contact: ownPhone(r, c, 0.8),
        });
      }
    }
    lawyers.push({ lawyer, clients });
  }
  return lawyers;
}

// ---------------------------------------------------------------------------------------------------
// honest filings

const CATEGORY_WEIGHTS: readonly (readonly [KnownCategory, number])[] = [
  ['fee_refund', 18],
  ['service_quality', 14],
  ['account_issue', 12],
  ['collection_harassment', 8],
  ['debt_negotiation', 8],
  ['credit_report', 8],
  ['insurance_mis_selling', 7],
  ['investment_advice', 5],
  ['outage', 8],
  ['other', 12],
];

const PLATFORMS = byType('platform');
const CONSUMER_FINANCE = byType('consumer_finance');
const ALL_BUT_OTHER = INSTITUTIONS.filter((i) => i.institutionType !== 'other');

function institutionsFor(category: KnownCategory): readonly InstitutionSpec[] {
  switch (category) {
    case 'fee_refund':
      return [...BANKS, ...LENDERS, ...PLATFORMS];
    case 'collection_harassment':
    case 'debt_negotiation':
      return [...LENDERS, ...BANKS];
    case 'credit_report':
      return [...BANKS, ...CONSUMER_FINANCE];
    case 'insurance_mis_selling':
      return [...INSURERS, ...INSURERS, ...BANKS.slice(0, 6)];
    case 'investment_advice':
      return [...SECURITIES, ...SECURITIES, ...BANKS.slice(0, 8), ...PLATFORMS.slice(0, 4)];
    case 'account_issue':
    case 'outage':
      return [...BANKS, ...PLATFORMS, ...SECURITIES];
    case 'service_quality':
      return ALL_BUT_OTHER;
    case 'other':
      return INSTITUTIONS;
  }
}

const AMOUNT_RANGES: Partial<Record<KnownCategory, readonly [number, number]>> = {
  fee_refund: [30, 5_000],
  investment_advice: [1_000, 100_000],
  insurance_mis_selling: [2_000, 80_000],
  account_issue: [20, 20_000],
  outage: [10, 10_000],
  debt_negotiation: [3_000, 150_000],
};

const HONEST_CHANNELS: readonly (readonly [ComplaintChannel, number])[] = [
  ['regulator_hotline', 25],
  ['regulator_web', 20],
  ['bank_branch', 10],
  ['bank_app', 20],
  ['letter', 3],
  ['platform', 17],
];

const ownPhone = (r: Rng, a: ActorDraft, p: number): string | undefined =>
  r.chance(p) && a.phones.length > 0 ? r.pick(a.phones) : undefined;

function honestComplaint(
  w: WorldContext,
  r: Rng,
  c: ActorDraft,
  f: { category: KnownCategory; inst: InstitutionSpec; at: number; contact?: string; rep?: ActorDraft },
): void {
  const range = AMOUNT_RANGES[f.category];
  const amount = range !== undefined && r.chance(0.7) ? r.between(range[0], range[1]) : undefined;
  const payoutCategory =
    f.category === 'fee_refund' || f.category === 'account_issue' || f.category === 'outage';
  const channel = r.chance(0.9) ? r.weighted(HONEST_CHANNELS) : undefined;
  const slots = {
    inst: shortInstitutionName(f.inst.name),
    date: chineseDate(f.at - r.int(1, 60) * DAY),
    amount: writtenAmount(r, amount ?? r.between(50, 5_000)),
    cardTail: c.accounts[0]?.id.slice(-4) ?? r.digits(4),
    name: c.name,
    idTail: c.idNumber?.slice(-4) ?? r.digits(4),
  };
  const form = usesForm(r, f.inst, channel);
  if (form) w.formUser(f.inst, c);
  w.complaint(r, {
    at: f.at,
    complainant: c,
    inst: f.inst,
    category: f.category,
    channel,
    contactPhone: f.contact,
    payout: payoutCategory && r.chance(0.15) ? r.pick(w.moneyAccounts(c)) : undefined,
    rep: f.rep,
    amount,
    text: form
      ? formText(r, f.inst, f.category, slots)
      : r.chance(0.92)
        ? honestText(r, f.category, slots)
        : undefined,
  });
}

const FILINGS_PER_PERSON: readonly (readonly [number, number])[] = [
  [0, 35],
  [1, 38],
  [2, 17],
  [3, 10],
];

/**
 * Everyday complaints and claims. About a fifth of complaints carry an institution hotline as the
 * contact number; family members often give the home phone.
 */
export function honestFilings(
  w: WorldContext,
  r: Rng,
  people: readonly ActorDraft[],
  hotlines: readonly Hotline[],
  rate = 1,
): void {
  for (const p of people) {
    const filings = rate >= 1 ? r.weighted(FILINGS_PER_PERSON) : r.chance(rate) ? 1 : 0;
    for (let i = 0; i < filings; i++) {
      const at = anyMoment(r);
      const policy = p.policies.length > 0 && r.chance(0.3) ? r.pick(p.policies) : undefined;
      if (policy !== undefined) {
        const surrender = r.chance(0.15);
        w.claim(r, {
          at,
          claimant: p,
          insurer: policy.insurer,
          kind: surrender ? 'surrender' : 'claim',
          policy: policy.account,
          contactPhone: ownPhone(r, p, 0.8),
          payout: r.chance(0.85) ? w.primaryAccount(p) : undefined,
          amount: surrender ? r.between(5_000, 100_000) : r.between(300, 50_000),
        });
        continue;
      }
      const category = r.weighted(CATEGORY_WEIGHTS);
      let inst = r.pick(institutionsFor(category));
      let contact: string | undefined;
      if (r.chance(0.2)) {
        const hotline = r.pick(hotlines);
        contact = hotline.e164;
        if (r.chance(0.85)) inst = hotline.inst;
      } else if (p.homePhone !== undefined && r.chance(0.35)) {
        contact = p.homePhone;
      } else {
        contact = ownPhone(r, p, 0.75);
      }
      honestComplaint(w, r, p, { category, inst, at, contact });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// honest money

/**
 * Shops: a payment account receiving small payments from many unrelated customers, the transfer
 * graph's equivalent of a hotline.
 */
export function plantShops(
  w: WorldContext,
  r: Rng,
  pool: HonestPool,
  count: number,
  customers: readonly ActorDraft[],
): ActorDraft[] {
  const shops = pool.take(count);
  for (const shop of shops) {
    const till = w.moneyAccounts(shop).find((a) => a.kind === 'payment') ?? w.addPaymentAccount(r, shop);
    // Index draws rather than sample(), which would copy the whole population for every shop.
    const buyers = new Set<ActorDraft>();
    const wanted = Math.min(r.int(10, 60), customers.length - 1);
    while (buyers.size < wanted) {
      const b = r.pick(customers);
      if (b !== shop) buyers.add(b);
    }
    for (const b of buyers) {
      const visits = r.int(1, 3);
      for (let i = 0; i < visits; i++)
        w.transfer(r.pick(w.moneyAccounts(b)), till, r.between(15, 800), anyMoment(r));
    }
  }
  return shops;
}

/** Monthly rent from tenants to landlords. */
export function plantRent(w: WorldContext, r: Rng, pool: HonestPool, tenants: number): void {
  const renters = pool.take(tenants);
  const landlords = pool.take(Math.ceil(renters.length / 2));
  if (landlords.length === 0) return;
  for (const t of renters) {
    const landlord = r.pick(landlords);
    const rent = Math.round(r.between(1_500, 6_000) / 100) * 100;
    const from = w.primaryAccount(t);
    const to = w.primaryAccount(landlord);
    let at = momentBetween(r, SPAN_START, SPAN_END - 90 * DAY);
    const months = r.int(3, 12);
    for (let m = 0; m < months && at <= SPAN_END; m++) {
      w.transfer(from, to, rent, at);
      at += 30 * DAY + r.int(-2, 2) * DAY;
    }
  }
}

/** Person-to-person payments between random people (red packets, repayments, split bills). */
export function plantPeerPayments(
  w: WorldContext,
  r: Rng,
  people: readonly ActorDraft[],
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    // Two index draws, not sample(): sampling copies the whole population on every call.
    const a = r.pick(people);
    const b = r.pick(people);
    if (a === b) continue;
    const from: AccountDraft = r.pick(w.moneyAccounts(a));
    const to = w.moneyAccounts(b).find((x) => x.id !== from.id);
    if (to === undefined) continue;
    w.transfer(from, to, r.chance(0.7) ? r.between(10, 2_000) : r.between(2_000, 50_000), anyMoment(r));
  }
}
