// Illegal stock tips (非法荐股): "teachers" sell tips to victims who pay into a few accounts, in two layouts.
import { SECURITIES, WECHAT, type InstitutionSpec } from '../institutions.js';
import { frontCompanyName, surnameOf } from '../names.js';
import type { Rng } from '../rng.js';
import type { AltAccount, AltWorld } from './alt-world.context.js';
import { tipsVictimText } from './alt-texts.js';
import { cardInText, macAddress, publicIp } from './handles.js';
import {
  channelOf,
  drawWindow,
  filingMoment,
  later,
  RingBuilder,
  slots,
  type PlantedRing,
  type RingPlan,
  type VictimPool,
} from './ring-kit.js';
import type { NamedParty } from '../world.types.js';

export const TIPS_LAYOUTS = ['tips_collection_accounts', 'tips_studio_front'];

/**
 * 1. `tips_collection_accounts`: one or two "teachers", assistants who work the WeChat groups from shared
 *    handsets and share the group's WeChat ids, and 2–4 mules who rent out the collection accounts victims pay
 *    into and forward the money to the teacher.
 * 2. `tips_studio_front`: a live-stream "studio" run as an investment-consulting company; victims pay the
 *    company's account; staff share nothing but the studio's IP and Wi-Fi, and the company pays them commissions.
 * 3. Members file nothing. Victims (buyers) pay 1–3 times and complain to the broker they were told the teacher
 *    worked for, or to WeChat, naming the WeChat id or the account they paid.
 */
export function plantStockTips(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, { ...plan, tempo: 'weeks' });
  const brokers: InstitutionSpec[] = r.sample(SECURITIES, r.int(1, 3));
  const teacher = b.organizer(w.person(r), 'the "teacher": runs the groups and keeps the takings');
  const teacherAcc = w.cardOf(teacher);
  const wechats: string[] = [];
  let collect: AltAccount[] = [];
  let company = false;

  if (plan.layout === 'tips_collection_accounts') {
    const devices = [w.ids.device(), w.ids.device()];
    if (r.chance(0.4) && b.left > 3) {
      const second = b.organizer(w.person(r), 'second teacher sharing the groups');
      const own = w.ids.wechatId();
      wechats.push(own);
      w.addIdentifier(second, 'wechat', own);
    }
    const mules = Math.max(1, Math.min(4, Math.ceil(plan.size / 10), b.left - 1));
    for (let i = 0; i < mules && b.left > 0; i++) {
      const m = b.participant(w.person(r), 'mule: rents out a collection account and forwards the takings');
      collect.push(w.bankCard(r, m));
    }
    const groupIds = [w.ids.wechatId(), w.ids.wechatId()];
    wechats.push(...groupIds);
    for (const g of groupIds) w.addIdentifier(teacher, 'wechat', g);
    while (b.left > 0) {
      const a = b.participant(w.person(r), 'assistant: works the chat groups from the shared handsets');
      a.devices.push(r.pick(devices));
      w.addIdentifier(a, 'wechat', r.pick(groupIds));
    }
  } else {
    company = true;
    const studio = b.organizer(
      w.organization(r, frontCompanyName(r, 'investment'), r.pick(['021', '0755', '0571'])),
      'investment-consulting company the studio trades as; receives the fees',
    );
    const studioAcc = w.cardOf(studio);
    collect = [studioAcc];
    const ip = publicIp(r);
    const wifi = macAddress(r);
    w.addIdentifier(teacher, 'ip', ip);
    w.addIdentifier(teacher, 'wifi', wifi);
    const wechat = w.ids.wechatId();
    wechats.push(wechat);
    w.addIdentifier(teacher, 'wechat', wechat);
    while (b.left > 0) {
      const a = b.participant(w.person(r), 'studio staff: hosts streams and closes sales for a commission');
      w.addIdentifier(a, 'ip', ip);
      if (r.chance(0.7)) w.addIdentifier(a, 'wifi', wifi);
      const acc = w.cardOf(a);
      for (let m = 0; m < r.int(1, 4); m++)
        w.transfer(studioAcc, acc, r.int(30, 150) * 100, filingMoment(r, win));
    }
    w.transfer(studioAcc, teacherAcc, r.int(100, 800) * 100, later(r, filingMoment(r, win), 10, 40));
  }

  const surname = surnameOf(teacher.name);
  for (const v of pool.take(plan.victims)) {
    b.victim(v, 'bought the tips: paid the ring and lost money');
    const into = r.pick(collect);
    const payments = r.weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ] as const);
    let total = 0;
    let lastAt = 0;
    for (let i = 0; i < payments; i++) {
      const at = filingMoment(r, win);
      const amount = r.int(30, 1000) * 100;
      total += amount;
      lastAt = Math.max(lastAt, at);
      w.transfer(w.spendingAccount(r, v), into, amount, at);
      if (!company)
        w.transfer(into, teacherAcc, Math.round(amount * r.between(0.85, 0.95)), later(r, at, 0, 2));
    }
    if (!r.chance(0.75)) continue;
    const at = later(r, lastAt, 5, 60);
    const inst = r.chance(0.7) ? r.pick(brokers) : WECHAT;
    const wechat = wechats.length > 0 && r.chance(0.6) ? r.pick(wechats) : undefined;
    const s = {
      ...slots(r, v, inst, at, total),
      name: surname,
      ...(wechat === undefined ? {} : { wechat }),
      card: cardInText(r, into.id),
    };
    const named: NamedParty[] = [{ kind: 'account', value: into.id }];
    if (wechat !== undefined) named.push({ kind: 'wechat', value: wechat });
    const source = inst === WECHAT ? 'platform:HEIMAO' : 'regulator:CSRC-12386';
    w.complaint({
      at,
      by: v,
      institution: inst,
      category: 'investment_advice',
      channel: channelOf(r, source),
      text: tipsVictimText(r, s),
      amount: total,
      ...(r.chance(0.8) ? { namedParties: named } : {}),
      source,
    });
  }
  return b.done();
}
