// The organised-ring typologies of the seed world, one spec each: how often it is drawn and how it is planted,
// with the graph signature DESIGN.md describes.
import { momentBetween } from './clock.js';
import type { HonestPool } from './honest-pool.js';
import { BANKS, INSURERS, LENDERS } from './institutions.js';
import type { Rng } from './rng.js';
import { composeRingTemplate, ringTemplateText } from './ring-templates.js';
import type { AccountDraft, ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel, PlantedTypology } from './world.types.js';
import {
  after,
  agent,
  before,
  disguiseLevel,
  FILING_CHANNELS,
  inBurst,
  makeBursts,
  member,
  ownContact,
  ring,
  ringWindow,
  slots,
  times,
  type Planted,
} from './ring-kit.js';
import { debtCollection, stockTips } from './ring-victim-typologies.js';

export interface TypologySpec {
  /** Weight of the typology when rings beyond one per typology are drawn. */
  weight: number;
  plant: (w: WorldContext, r: Rng, size: number, pool: HonestPool) => Planted;
}

/** NOTE: the order is the order of the weighted draw: changing it changes every seeded world. */
export const TYPOLOGY_SPECS: Readonly<Record<PlantedTypology, TypologySpec>> = {
  complaint_mill: { weight: 25, plant: (w, r, size) => complaintMill(w, r, size) },
  surrender_agent: { weight: 20, plant: (w, r, size) => surrenderAgent(w, r, size) },
  loan_mediation: { weight: 20, plant: (w, r, size) => loanMediation(w, r, size) },
  credit_repair: { weight: 12, plant: (w, r, size) => creditRepair(w, r, size) },
  stock_tips: { weight: 10, plant: stockTips },
  debt_collection: { weight: 13, plant: debtCollection },
};

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
  // NOTE: a holder who signed a mis-selling complaint took part in the false pretext; one who only surrendered
  // through the agent is a coached client (被代理客户): the agent's victim, not a member (issue 12, point 3).
  const accomplices = new Set<ActorDraft>();
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
        accomplices.add(h);
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
  return ring(
    holders.filter((h) => accomplices.has(h)),
    agents,
    holders.filter((h) => !accomplices.has(h)),
  );
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
