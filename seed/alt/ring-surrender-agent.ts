// Surrender agents (代理退保): coach policyholders to surrender on false pretexts and take a cut, in three layouts.
import { INSURERS, WECHAT, type InstitutionSpec } from '../institutions.js';
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
  RingBuilder,
  slots,
  type PlantedRing,
  type RingPlan,
  type VictimPool,
} from './ring-kit.js';
import { SCHEME_SCRIPTS } from './scheme-scripts.js';

export const SURRENDER_LAYOUTS = ['agent_own_payout', 'agent_fee_after_refund', 'agent_team'];

interface Coach {
  agent: AltActor;
  phone: string;
  /** Where refunds are paid (own_payout) or fees go. */
  account: AltAccount;
  upstream?: AltAccount;
}

/**
 * 1. The agent (an ex-salesman, `agent`), or a team leader with 2–5 salesmen who file from the team's devices.
 * 2. Accomplices (members): sign the false mis-selling or health-declaration statement, file it to the regulator
 *    and surrender for a share of the refund.
 * 3. Coached victims: told surrender was their right, file only the surrender claim through the agent with
 *    true facts, lose 20–50% to the agent; some complain about the agent afterwards.
 * 4. Money: the refund is paid into the agent's account and the rest passed back (`agent_own_payout`), or the
 *    policyholder pays the agent's fee in small transfers after the refund (`agent_fee_after_refund`, fees
 *    often to a consulting front company), or salesmen pass half their fees to the leader (`agent_team`).
 */
export function plantSurrenderAgent(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, plan);
  const scheme = r.pick(SCHEME_SCRIPTS.surrender_agent);
  const voice = drawVoice(r, scheme.script, plan.voice);
  const insurers: InstitutionSpec[] = r.sample(INSURERS, r.int(1, 4));
  const cut = r.between(0.2, 0.5);
  const lead = b.organizer(
    w.agent(r),
    'the agent: recruits policyholders, writes their statements, takes a cut',
  );
  w.addIdentifier(lead, 'wechat', w.ids.wechatId());
  const coaches: Coach[] = [];
  const teamDevices: string[] = [];

  if (plan.layout === 'agent_own_payout') {
    const payout = r.chance(0.5) ? w.bankCard(r, lead) : w.cardOf(lead);
    coaches.push({ agent: lead, phone: lead.phones[0] ?? '', account: payout });
  } else if (plan.layout === 'agent_fee_after_refund') {
    let account = w.spendingAccount(r, lead);
    if (b.left > 2 && r.chance(0.6)) {
      const front = b.organizer(
        w.organization(r, frontCompanyName(r, 'consulting'), r.pick(['021', '0755', '025', '0571'])),
        'consulting company the agent invoices fees through',
      );
      account = w.cardOf(front);
      w.transfer(account, w.cardOf(lead), r.int(50, 200) * 100, later(r, filingMoment(r, win), 20, 60));
    }
    coaches.push({ agent: lead, phone: lead.phones[0] ?? '', account });
  } else {
    const k = Math.max(1, Math.min(5, Math.floor(plan.size / 6), b.left - 1));
    for (let i = 0; i < r.int(1, 3); i++) teamDevices.push(w.ids.device());
    lead.devices.push(...teamDevices);
    for (let i = 0; i < k; i++) {
      const s = b.participant(
        w.agent(r),
        'salesman in the team: coaches clients, files from the team devices',
      );
      s.devices.push(
        ...r.sample(teamDevices, r.int(1, teamDevices.length)).filter((d) => !s.devices.includes(d)),
      );
      coaches.push({
        agent: s,
        phone: s.phones[0] ?? '',
        account: w.spendingAccount(r, s),
        upstream: w.cardOf(lead),
      });
    }
  }

  const fileSurrender = (holder: AltActor, coach: Coach, accomplice: boolean): void => {
    const insurer = r.pick(insurers);
    const premium = r.int(8, 200) * 500;
    const at = filingMoment(r, win);
    const policy = w.ids.policyNumber(insurer.code, 2018 + r.int(0, 6));
    if (teamDevices.length > 0) {
      const d = r.pick(teamDevices);
      if (!holder.devices.includes(d)) holder.devices.push(d);
    }
    if (accomplice) {
      const s = { ...slots(r, holder, insurer, at, premium), phone: phoneInText(r, coach.phone) };
      const source = complaintSource(r, insurer);
      w.complaint({
        at,
        by: holder,
        institution: insurer,
        category: scheme.category,
        channel: channelOf(r, source),
        contactPhone: r.chance(0.8) ? coach.phone : holder.phones[0],
        text: speak(r, voice, (t) => fill(t, s)),
        amount: premium,
        source,
      });
    }
    const claimAt = later(r, at, 3, 30);
    const ownPayout = plan.layout === 'agent_own_payout';
    const holderAcc = w.cardOf(holder);
    w.claim({
      at: claimAt,
      by: holder,
      insurer,
      kind: 'surrender',
      policyNumber: policy,
      contactPhone: r.chance(0.75) ? coach.phone : (holder.phones[0] ?? coach.phone),
      payoutAccount: ownPayout ? coach.account.id : holderAcc.id,
      amount: premium,
      source: `insurer:${insurer.code}`,
    });
    const refundAt = later(r, claimAt, 7, 30);
    const fee = premium * cut;
    if (ownPayout) {
      w.transfer(coach.account, holderAcc, Math.round(premium - fee), later(r, refundAt, 1, 5));
    } else {
      pay(w, r, holderAcc, coach.account, fee, later(r, refundAt, 0, 10), r.chance(0.6));
    }
    if (coach.upstream !== undefined) {
      w.transfer(
        coach.account,
        coach.upstream,
        Math.round(fee * r.between(0.3, 0.6)),
        later(r, refundAt, 5, 25),
      );
    }
  };

  while (b.left > 0) {
    const holder = b.participant(
      w.person(r),
      'accomplice: knowingly signed a false mis-selling statement and surrendered for a share of the refund',
    );
    fileSurrender(holder, r.pick(coaches), true);
  }
  for (const v of pool.take(plan.victims)) {
    b.victim(
      v,
      'policyholder coached into surrendering with true facts; lost a share of the refund to the agent',
    );
    const coach = r.pick(coaches);
    fileSurrender(v, coach, false);
    if (r.chance(0.35)) {
      const at = later(r, filingMoment(r, win), 30, 90);
      const s = { ...slots(r, v, WECHAT, at, r.int(10, 200) * 100), phone: phoneInText(r, coach.phone) };
      const insurer = r.pick(insurers);
      w.complaint({
        at,
        by: v,
        institution: insurer,
        category: 'insurance_mis_selling',
        channel: 'regulator_hotline',
        text: serviceFraudText(r, 'surrender_agent', s),
        namedParties: [w.namedPhone(coach.phone, coach.agent.name)],
        source: 'regulator:NFRA-12378',
      });
    }
  }
  return b.done();
}
