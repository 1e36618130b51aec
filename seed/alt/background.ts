// Ordinary life: honest people's own complaints and claims (some via the institution hotline), and money between them.
import type { KnownCategory } from '../../src/shared/domain.js';
import { anyMoment, chineseDate } from '../clock.js';
import { BANKS, INSTITUTIONS, INSURERS, LENDERS, SECURITIES, type InstitutionSpec } from '../institutions.js';
import type { Rng } from '../rng.js';
import { shortInstitutionName } from '../texts.js';
import type { AltActor, AltWorld } from './alt-world.context.js';
import { ownNumberLine, ownWords } from './alt-texts.js';
import { phoneInText } from './handles.js';
import { channelOf, complaintSource } from './ring-kit.js';

const CATEGORIES: readonly (readonly [KnownCategory, number])[] = [
  ['fee_refund', 5],
  ['service_quality', 5],
  ['account_issue', 4],
  ['credit_report', 2],
  ['debt_negotiation', 2],
  ['collection_harassment', 1.5],
  ['insurance_mis_selling', 2],
  ['investment_advice', 1.5],
  ['outage', 1],
  ['other', 2],
];

/** Big institutions get most complaints: each list weighted by rank (1/(rank+2)), as catalogued. */
const popular = (list: readonly InstitutionSpec[]): (readonly [InstitutionSpec, number])[] =>
  list.map((inst, i) => [inst, 1 / (i + 2)] as const);
const BY_POPULARITY = {
  insurers: popular(INSURERS),
  securities: popular(SECURITIES),
  banks: popular(BANKS),
  lenders: popular(LENDERS),
  all: popular(INSTITUTIONS),
};

const institutionFor = (r: Rng, c: KnownCategory): InstitutionSpec => {
  const p = BY_POPULARITY;
  switch (c) {
    case 'insurance_mis_selling':
      return r.weighted(p.insurers);
    case 'investment_advice':
      return r.weighted(r.chance(0.6) ? p.securities : p.banks);
    case 'debt_negotiation':
    case 'collection_harassment':
      return r.weighted(r.chance(0.7) ? p.lenders : p.banks);
    default:
      return r.weighted(r.chance(0.6) ? p.banks : p.all);
  }
};

/** One hotline per institution: a landline in its head-office area, which many people write as "contact". */
export function chooseHotlines(w: AltWorld, r: Rng): Map<string, string> {
  const out = new Map<string, string>();
  for (const inst of INSTITUTIONS) out.set(inst.name, w.phones.landline(r, inst.areaCode));
  return out;
}

/**
 * Each person files 0–4 complaints over the period (most none or one), in their own words, mostly with their
 * own phone as contact, 20% with the institution's hotline, 3% writing their own mobile into the text; one in ten
 * files an insurance claim. Returns who wrote each hotline (by E.164).
 */
export function ordinaryFilings(
  w: AltWorld,
  r: Rng,
  people: readonly AltActor[],
  hotlines: Map<string, string>,
  rate = 1,
): Map<string, AltActor[]> {
  const hotlineUsers = new Map<string, AltActor[]>();
  for (const p of people) {
    const n = r.weighted([
      [0, 55 / rate],
      [1, 30],
      [2, 10],
      [3, 3],
      [4, 1],
    ] as const);
    for (let i = 0; i < n; i++) {
      const category = r.weighted(CATEGORIES);
      const inst = institutionFor(r, category);
      const at = anyMoment(r);
      const source = complaintSource(r, inst);
      const own = p.phones[0];
      let text = ownWords(r, category, {
        inst: shortInstitutionName(inst.name),
        date: chineseDate(at),
        amount: String(r.int(1, 2000) * 10),
      });
      if (own !== undefined && r.chance(0.03)) text += ownNumberLine(r, phoneInText(r, own));
      const hotline = hotlines.get(inst.name);
      const viaHotline = hotline !== undefined && r.chance(0.2);
      if (viaHotline) hotlineUsers.set(hotline, [...(hotlineUsers.get(hotline) ?? []), p]);
      w.complaint({
        at,
        by: p,
        institution: inst,
        category,
        channel: channelOf(r, source),
        ...(viaHotline ? { contactPhone: hotline } : own === undefined ? {} : { contactPhone: own }),
        ...(r.chance(0.2) ? { amount: r.int(1, 5000) * 10 } : {}),
        text,
        source,
      });
    }
    if (r.chance(0.1 * rate)) {
      const insurer = r.pick(INSURERS);
      w.claim({
        at: anyMoment(r),
        by: p,
        insurer,
        kind: r.chance(0.85) ? 'claim' : 'surrender',
        policyNumber: w.ids.policyNumber(insurer.code, 2012 + r.int(0, 13)),
        ...(p.phones[0] === undefined ? {} : { contactPhone: p.phones[0] }),
        payoutAccount: w.cardOf(p).id,
        amount: r.int(5, 3000) * 100,
        source: `insurer:${insurer.code}`,
      });
    }
  }
  return hotlineUsers;
}

/** Money between acquaintances: `count` payments between random people (dinners, loans, gifts). */
export function peerPayments(w: AltWorld, r: Rng, people: readonly AltActor[], count: number): void {
  if (people.length < 2) return;
  for (let i = 0; i < count; i++) {
    const a = people[r.int(0, people.length - 1)] as AltActor;
    const b = people[r.int(0, people.length - 1)] as AltActor;
    if (a === b) continue;
    w.transfer(
      w.spendingAccount(r, a),
      w.spendingAccount(r, b),
      r.int(10, 5000) * (r.chance(0.1) ? 10 : 1),
      anyMoment(r),
    );
  }
}
