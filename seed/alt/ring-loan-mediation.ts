// Debt "mediators" (代理债务协商 / 停息挂账): upfront fees, forged hardship, their phones on debtors' filings; three layouts.
import { BANKS, LENDERS, type InstitutionSpec } from '../institutions.js';
import { frontCompanyName } from '../names.js';
import type { Rng } from '../rng.js';
import type { AltAccount, AltActor, AltWorld } from './alt-world.context.js';
import { fill, serviceFraudText } from './alt-texts.js';
import { phoneInText } from './handles.js';
import { drawVoice, speak } from './paraphrase.js';
import {
  channelOf,
  complaintSource,
  drawWindow,
  filingMoment,
  later,
  pay,
  rotationIndex,
  RingBuilder,
  slots,
  type PlantedRing,
  type RingPlan,
  type VictimPool,
} from './ring-kit.js';
import { SCHEME_SCRIPTS } from './scheme-scripts.js';

export const MEDIATION_LAYOUTS = [
  'mediator_rotating_phones',
  'mediator_representative',
  'mediator_split_fees',
];

interface Staff {
  actor: AltActor;
  phones: string[];
  wechat: string;
  account: AltAccount;
}

/**
 * 1. The boss and 1–4 staff ("法务专员"); in `mediator_representative` a legal-services company named as the
 *    debtors' representative, its staff sharing two office handsets.
 * 2. Clients (members): debtors who pay the upfront fee and knowingly submit the forged hardship script to their
 *    lenders, with a staff phone as contact (phones rotate every few weeks in `mediator_rotating_phones`).
 * 3. Fees: one payment to the boss, to the company, or (`mediator_split_fees`) several small payments spread
 *    over the staff's accounts, which they forward to the boss.
 * 4. Victims: debtors who paid the fee and were never helped, complaining to their lender about the mediator.
 */
export function plantLoanMediation(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, plan);
  const scheme = r.pick(SCHEME_SCRIPTS.loan_mediation);
  const voice = drawVoice(r, scheme.script, plan.voice);
  const lenders: InstitutionSpec[] = r.sample([...LENDERS, ...BANKS.slice(0, 14)], r.int(3, 8));
  const boss = b.organizer(w.person(r), 'runs the mediation outfit and keeps the fees');
  const bossAcc = w.cardOf(boss);
  const staff: Staff[] = [];
  let company: AltActor | undefined;
  const nStaff = Math.max(0, Math.min(4, Math.floor(plan.size / 7), b.left - 1));

  if (plan.layout === 'mediator_representative' && b.left > 1) {
    company = b.organizer(
      w.organization(r, frontCompanyName(r, 'legal_service'), r.pick(['027', '028', '0371', '0731'])),
      'legal-services company named as the debtors representative',
    );
    company.kind = 'agent';
  }
  const handsets = [w.ids.device(), w.ids.device()];
  const rotating = plan.layout === 'mediator_rotating_phones';
  const staffSize = Math.max(1, nStaff);
  for (let i = 0; i < staffSize; i++) {
    const actor =
      i === 0 && nStaff === 0
        ? boss
        : b.participant(
            w.person(r),
            'staff: takes clients, writes their hardship letters, is their contact phone',
          );
    const phones = [actor.phones[0] ?? w.phones.mobile(r)];
    if (rotating) {
      for (let k = r.int(1, 3); k > 0; k--) {
        const p = w.phones.mobile(r);
        actor.phones.push(p);
        phones.push(p);
      }
    }
    if (company !== undefined) actor.devices.push(...handsets.filter((d) => !actor.devices.includes(d)));
    const wechat = w.ids.wechatId();
    w.addIdentifier(actor, 'wechat', wechat);
    staff.push({ actor, phones, wechat, account: w.spendingAccount(r, actor) });
  }

  const feeTo = (s: Staff): AltAccount =>
    company !== undefined ? w.cardOf(company) : plan.layout === 'mediator_split_fees' ? s.account : bossAcc;
  while (b.left > 0) {
    const client = b.participant(
      w.person(r),
      'client: paid the upfront fee and filed the forged hardship letter the mediator wrote',
    );
    const s = r.pick(staff);
    const debt = r.int(20, 400) * 500;
    const filings = r.chance(0.35) ? 2 : 1;
    let firstAt = Infinity;
    for (let i = 0; i < filings; i++) {
      const at = filingMoment(r, win);
      firstAt = Math.min(firstAt, at);
      const inst = r.pick(lenders);
      const phone = s.phones[rotationIndex(win, at, s.phones.length)] ?? s.phones[0] ?? '';
      const sl = { ...slots(r, client, inst, at, debt), phone: phoneInText(r, phone) };
      const source = complaintSource(r, inst);
      w.complaint({
        at,
        by: client,
        institution: inst,
        category: scheme.category,
        channel: channelOf(r, source),
        contactPhone: r.chance(0.85) ? phone : client.phones[0],
        ...(company === undefined ? {} : { representative: company }),
        text: speak(r, voice, (t) => fill(t, sl)),
        amount: debt,
        source,
      });
    }
    const fee = r.int(10, 80) * 100;
    const to = plan.layout === 'mediator_split_fees' ? r.pick(staff).account : feeTo(s);
    const paidAt = later(r, firstAt, -10, 0);
    pay(
      w,
      r,
      w.spendingAccount(r, client),
      to,
      fee,
      paidAt,
      plan.layout === 'mediator_split_fees' || r.chance(0.3),
    );
    if (to.id !== bossAcc.id)
      w.transfer(to, bossAcc, Math.round(fee * r.between(0.5, 0.8)), later(r, paidAt, 2, 15));
  }

  for (const v of pool.take(plan.victims)) {
    b.victim(
      v,
      'debtor who paid the mediator an upfront fee and was never helped; complains about the mediator',
    );
    const s = r.pick(staff);
    const inst = r.pick(lenders);
    const at = later(r, filingMoment(r, win), 15, 90);
    const fee = r.int(10, 60) * 100;
    pay(w, r, w.spendingAccount(r, v), feeTo(s), fee, later(r, at, -60, -15), false);
    const byWechat = r.chance(0.4);
    const sl = {
      ...slots(r, v, inst, at, fee),
      ...(byWechat ? { wechat: s.wechat } : { phone: phoneInText(r, s.phones[0] ?? '') }),
    };
    const source = complaintSource(r, inst);
    w.complaint({
      at,
      by: v,
      institution: inst,
      category: 'debt_negotiation',
      channel: channelOf(r, source),
      text: serviceFraudText(r, 'loan_mediation', sl),
      namedParties: [
        byWechat ? { kind: 'wechat', value: s.wechat } : w.namedPhone(s.phones[0] ?? '', s.actor.name),
      ],
      source,
    });
  }
  return b.done();
}
