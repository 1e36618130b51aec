// Complaint mills (代理维权 / 反催收): clients pay a fee, the mill files its script in their names, in four layouts.
import { BANKS, LENDERS, WECHAT, type InstitutionSpec } from '../institutions.js';
import { frontCompanyName } from '../names.js';
import type { Rng } from '../rng.js';
import type { AltAccount, AltActor, AltWorld } from './alt-world.context.js';
import { fill, serviceFraudText } from './alt-texts.js';
import { macAddress, phoneInText, publicIp } from './handles.js';
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

export const MILL_LAYOUTS = [
  'mill_phone_pool',
  'mill_subagent_chain',
  'mill_front_company',
  'mill_office_network',
  'mill_coordinated',
];

/**
 * 1. The organiser (and, in `mill_front_company`, the company it trades as) and its staff.
 * 2. Clients: each signs up, pays a fee (a share of the hoped-for refund, sometimes in several small payments)
 *    and has 1–3 copies of the script filed in its name against its lenders.
 * 3. Handles per layout: a pool of 2–4 phones used in turn (`mill_phone_pool`); sub-agents with their own
 *    phones who pass half their fees up (`mill_subagent_chain`); the front company as representative
 *    (`mill_front_company`); nothing but the office network clients file from (`mill_office_network`);
 *    nothing at all (`mill_coordinated`: clients file with their own phones, so the ring shows only in its
 *    script, its bursts and the two or three accounts the fees go to).
 * 4. Victims: people who paid and never got a filing, complaining about the mill by its phone or WeChat.
 */
export function plantComplaintMill(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, plan);
  const scheme = r.pick(SCHEME_SCRIPTS.complaint_mill);
  const voice = drawVoice(r, scheme.script, plan.voice);
  const targets: InstitutionSpec[] = r.sample([...LENDERS, ...BANKS], r.int(2, 6));
  const boss = b.organizer(w.person(r), 'runs the mill: takes the fees and decides what is filed');
  const wechat = w.ids.wechatId();
  w.addIdentifier(boss, 'wechat', wechat);
  const feeShare = r.between(0.2, 0.45);
  const split = r.chance(0.5);

  // Who a client deals with: the phone on its filings and the account it pays.
  interface Desk {
    phones: string[];
    account: AltAccount;
    representative?: AltActor;
    /** Where a desk passes the fees on to, with the share. */
    upstream?: { account: AltAccount; share: number };
  }
  const desks: Desk[] = [];
  const layout = plan.layout;
  let office: { ip: string; bssid: string } | undefined;
  if (layout === 'mill_phone_pool') {
    const n = r.int(2, 4);
    for (let i = 0; i < n; i++) {
      boss.phones.push(w.phones.mobile(r));
      // Each number lives in its own cheap burner handset.
      if (r.chance(0.7)) boss.devices.push(w.ids.device());
    }
    desks.push({ phones: boss.phones.slice(-n), account: w.spendingAccount(r, boss) });
  } else if (layout === 'mill_subagent_chain') {
    const k = Math.max(1, Math.min(6, Math.floor(plan.size / 8), b.left - 2));
    const bossAcc = w.cardOf(boss);
    for (let i = 0; i < k; i++) {
      const sub = b.participant(w.person(r), 'sub-agent: recruits clients, files for them, forwards fees up');
      if (r.chance(0.5)) w.addIdentifier(sub, 'wechat', w.ids.wechatId());
      desks.push({
        phones: [sub.phones[0] ?? w.phones.mobile(r)],
        account: w.spendingAccount(r, sub),
        upstream: { account: bossAcc, share: r.between(0.3, 0.6) },
      });
    }
  } else if (layout === 'mill_front_company') {
    const company = b.organizer(
      w.organization(r, frontCompanyName(r, 'legal_service'), r.pick(['010', '021', '020', '0755', '028'])),
      'front company the mill trades as: named as representative, receives the fees',
    );
    company.kind = r.chance(0.5) ? 'organization' : 'agent';
    desks.push({
      phones: [company.phones[0] ?? '', boss.phones[0] ?? ''],
      account: w.cardOf(company),
      representative: company,
      upstream: { account: w.cardOf(boss), share: r.between(0.6, 0.9) },
    });
  } else if (layout === 'mill_coordinated') {
    b.signature = 'coordination';
    desks.push({ phones: [], account: w.spendingAccount(r, boss) });
    for (let i = r.int(1, 2); i > 0 && b.left > 1; i--) {
      const helper = b.participant(w.person(r), 'lends the mill a collection account for the fees');
      desks.push({ phones: [], account: w.cardOf(helper) });
    }
  } else {
    const ip = publicIp(r);
    const bssid = macAddress(r);
    w.addIdentifier(boss, 'ip', ip);
    w.addIdentifier(boss, 'wifi', bssid);
    const helper = b.participant(w.person(r), 'holds the second collection account, types the filings');
    w.addIdentifier(helper, 'ip', ip);
    w.addIdentifier(helper, 'wifi', bssid);
    desks.push({ phones: [], account: w.spendingAccount(r, boss) });
    desks.push({ phones: [], account: w.cardOf(helper) });
    office = { ip, bssid };
  }

  while (b.left > 0) {
    const client = b.participant(w.person(r), 'client: paid the mill and had its script filed in their name');
    const desk = r.pick(desks);
    if (office !== undefined) {
      // Clients come to the office and file from its network: the one thing they share.
      w.addIdentifier(client, 'ip', office.ip);
      if (r.chance(0.6)) w.addIdentifier(client, 'wifi', office.bssid);
    }
    const refund = r.int(800, 30_000);
    const filings = r.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    let firstAt = Infinity;
    for (let i = 0; i < filings; i++) {
      const at = filingMoment(r, win);
      firstAt = Math.min(firstAt, at);
      const inst = r.pick(targets);
      const phone =
        desk.phones.length === 0 ? undefined : desk.phones[rotationIndex(win, at, desk.phones.length)];
      const s = { ...slots(r, client, inst, at, refund), phone: phone ?? client.phones[0] ?? '' };
      const source = complaintSource(r, inst);
      w.complaint({
        at,
        by: client,
        institution: inst,
        category: scheme.category,
        channel: channelOf(r, source),
        ...(phone === undefined ? { contactPhone: client.phones[0] } : { contactPhone: phone }),
        ...(desk.representative === undefined ? {} : { representative: desk.representative }),
        text: speak(r, voice, (t) => fill(t, s)),
        amount: refund,
        source,
      });
    }
    const fee = Math.max(300, refund * feeShare);
    const paidAt = later(r, firstAt, -3, 2);
    pay(w, r, w.spendingAccount(r, client), desk.account, fee, paidAt, split);
    if (desk.upstream !== undefined) {
      w.transfer(
        desk.account,
        desk.upstream.account,
        Math.round(fee * desk.upstream.share),
        later(r, paidAt, 1, 20),
      );
    }
  }

  for (const v of pool.take(plan.victims)) {
    b.victim(v, 'paid the mill a fee and got nothing; complains about the mill');
    const desk = r.pick(desks);
    const at = later(r, filingMoment(r, win), 10, 60);
    const fee = r.int(5, 30) * 100;
    pay(w, r, w.spendingAccount(r, v), desk.account, fee, later(r, at, -40, -10), false);
    const phone = desk.phones[0];
    const s = {
      ...slots(r, v, WECHAT, at, fee),
      ...(phone === undefined ? { wechat } : { phone: phoneInText(r, phone) }),
    };
    w.complaint({
      at,
      by: v,
      institution: WECHAT,
      category: 'other',
      channel: 'platform',
      text: serviceFraudText(r, 'complaint_mill', s),
      namedParties: [phone === undefined ? { kind: 'wechat', value: wechat } : w.namedPhone(phone)],
      source: 'platform:HEIMAO',
    });
  }
  return b.done();
}
