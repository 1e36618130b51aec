// Plants rings that share no identifier at all: visible only through template texts, lockstep filing and fees.
import type { KnownCategory } from '../src/shared/domain.js';
import { DAY, dayStart, momentOnDay, SPAN_DAYS, SPAN_START } from './clock.js';
import { BANKS, byType, INSURERS, LENDERS, type InstitutionSpec } from './institutions.js';
import {
  after,
  before,
  FILING_CHANNELS,
  member,
  ownContact,
  ring,
  ringWindow,
  slots,
  times,
} from './ring-kit.js';
import type { PlantedRing, RingPlan } from './ring-planter.js';
import { composeRingTemplate, ringTemplateText, type TemplateTypology } from './ring-templates.js';
import type { Rng } from './rng.js';
import { chineseAmount } from './text-disguise.js';
import type { AccountDraft, ActorDraft, WorldContext } from './world-context.js';

/** Coordination rings are sized like small and medium rings: a mill's sessions file for at most a few dozen. */
export const COORDINATION_MIN_SIZE = 6;
export const COORDINATION_MAX_SIZE = 36;

interface Trade {
  typology: TemplateTypology;
  categories: readonly (readonly [KnownCategory, number])[];
  targets: () => readonly InstitutionSpec[];
  amount: readonly [number, number];
  /** Fees are paid after the filings (a cut of the refund) or up front (a service fee). */
  feeAfter: boolean;
}

const TRADES: Record<TemplateTypology, Trade> = {
  complaint_mill: {
    typology: 'complaint_mill',
    categories: [
      ['fee_refund', 80],
      ['service_quality', 20],
    ],
    targets: () => [...BANKS, ...LENDERS, ...byType('platform').slice(0, 6)],
    amount: [800, 30_000],
    feeAfter: true,
  },
  credit_repair: {
    typology: 'credit_repair',
    categories: [['credit_report', 1]],
    targets: () => [...BANKS, ...LENDERS],
    amount: [0, 0],
    feeAfter: false,
  },
  loan_mediation: {
    typology: 'loan_mediation',
    categories: [['debt_negotiation', 1]],
    targets: () => [...LENDERS, ...BANKS.slice(0, 10)],
    amount: [10_000, 200_000],
    feeAfter: false,
  },
  surrender_agent: {
    typology: 'surrender_agent',
    categories: [['insurance_mis_selling', 1]],
    targets: () => INSURERS,
    amount: [8_000, 150_000],
    feeAfter: true,
  },
};

/**
 * About one per 2,000 actors (at least two), mostly mills. Plans are mixed with the identifier rings' before
 * ids are given, so a ring id says nothing about how the ring shows.
 */
export function planCoordinationRings(r: Rng, actors: number): RingPlan[] {
  const count = Math.max(2, Math.round(actors / 2_000));
  return times(count, (i) => ({
    // The first two cover a mill and another trade, so every world has both kinds.
    typology:
      i === 0
        ? 'complaint_mill'
        : r.weighted<TemplateTypology>([
            ['complaint_mill', 45],
            ['credit_repair', 20],
            ['loan_mediation', 20],
            ['surrender_agent', 15],
          ]),
    signature: 'coordination' as const,
    size: r.chance(0.7) ? r.int(COORDINATION_MIN_SIZE, 15) : r.int(16, COORDINATION_MAX_SIZE),
  }));
}

interface Campaign {
  inst: InstitutionSpec;
  start: number;
  minutes: number;
}

const dayIndex = (t: number): number => Math.floor((t - SPAN_START) / DAY);

/**
 * The organizer keeps one to three collection accounts and never appears on a filing. Each client uses its
 * own phone and card; the mill files for its clients in sessions (campaigns): a block of 20–100 minutes on
 * one day against one institution, 4–8 of them over the ring's months, each client joining most of them.
 * Every filing is the ring's template, reworded a little and disguised; most clients pay a fee into one of
 * the collection accounts around the time they file.
 */
export function plantCoordinationRing(w: WorldContext, r: Rng, plan: RingPlan): PlantedRing {
  const trade = TRADES[plan.typology as TemplateTypology] ?? TRADES.complaint_mill;
  const org = w.person(r, { kind: 'agent' });
  const collectionCount = r.int(1, 3);
  while (w.moneyAccounts(org).length < collectionCount) {
    if (r.chance(0.5)) w.addPaymentAccount(r, org);
    else w.addBankAccount(r, org);
  }
  const collection: AccountDraft[] = w.moneyAccounts(org);
  const clients = times(plan.size - 1, () => member(w, r));
  const targets = r.sample(trade.targets(), r.int(1, 3));
  const win = ringWindow(r);
  const first = dayIndex(win.from);
  const last = Math.min(SPAN_DAYS - 1, dayIndex(win.to));
  const campaigns: Campaign[] = times(r.int(4, 8), () => ({
    inst: r.pick(targets),
    start: momentOnDay(r, r.int(first, last)),
    minutes: r.int(20, 100),
  }));
  const participation = r.between(0.6, 0.9);
  const template = composeRingTemplate(r, trade.typology);
  const drift = r.between(0.05, 0.25);
  const disguise = r.between(0.2, 0.7);
  const pFee = r.between(0.75, 0.95);
  const fee = r.between(0.1, 0.3);

  for (const c of clients) {
    let joined = campaigns.filter(() => r.chance(participation));
    if (joined.length < 2) joined = r.sample(campaigns, 2);
    let claimed = 0;
    let firstAt = Number.POSITIVE_INFINITY;
    let lastAt = 0;
    for (const campaign of joined) {
      const at = Math.min(dayStart(SPAN_DAYS) - 1, campaign.start + r.int(0, campaign.minutes * 60));
      const amount = trade.amount[1] > 0 ? r.between(trade.amount[0], trade.amount[1]) : 0;
      const category = r.weighted(trade.categories);
      const textSlots = slots(r, c, campaign.inst, before(r, at, 10, 120), amount);
      // A cheque-style amount (伍仟元) is another way copies of one text differ.
      if (amount > 0 && r.chance(disguise * 0.3)) textSlots.amount = chineseAmount(amount);
      w.complaint(r, {
        at,
        complainant: c,
        inst: campaign.inst,
        category,
        channel: r.weighted(FILING_CHANNELS),
        contactPhone: ownContact(r, c, 0.6),
        payout: category === 'fee_refund' && r.chance(0.3) ? w.primaryAccount(c) : undefined,
        amount: amount > 0 ? amount : undefined,
        text: ringTemplateText(r, template, drift, disguise, textSlots),
      });
      claimed += amount;
      firstAt = Math.min(firstAt, at);
      lastAt = Math.max(lastAt, at);
    }
    if (trade.typology === 'surrender_agent') surrenderClaims(w, r, c, targets, lastAt, collection, fee);
    if (!r.chance(pFee)) continue;
    const payments = r.chance(0.2) ? 2 : 1;
    for (let i = 0; i < payments; i++) {
      const amount = trade.feeAfter && claimed > 0 ? (claimed * fee) / payments : r.between(800, 6_000);
      const at = trade.feeAfter ? after(r, lastAt, 3, 30) : payBefore(r, firstAt);
      w.transfer(r.pick(w.moneyAccounts(c)), r.pick(collection), amount, at);
    }
  }
  return { typology: plan.typology, signature: 'coordination', ...ring(clients, [org]) };
}

/** Up-front fees: paid 1–20 days before the first filing. */
function payBefore(r: Rng, firstAt: number): number {
  return Math.max(SPAN_START, before(r, firstAt, 1, 20));
}

/** Surrender clients also surrender their policy (refund into their own account) and pass a commission on. */
function surrenderClaims(
  w: WorldContext,
  r: Rng,
  c: ActorDraft,
  insurers: readonly InstitutionSpec[],
  lastAt: number,
  collection: readonly AccountDraft[],
  commission: number,
): void {
  const insurer = r.pick(insurers.filter((i) => i.institutionType === 'insurer'));
  const policy = w.addPolicy(c, insurer, r.int(2012, 2023));
  const at = after(r, lastAt, 5, 30);
  const amount = r.between(8_000, 150_000);
  w.claim(r, {
    at,
    claimant: c,
    insurer,
    kind: 'surrender',
    policy,
    contactPhone: ownContact(r, c, 0.7),
    payout: w.primaryAccount(c),
    amount,
  });
  if (r.chance(0.7))
    w.transfer(w.primaryAccount(c), r.pick(collection), amount * commission, after(r, at, 2, 15));
}
