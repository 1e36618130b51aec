// Fake credit repair (征信修复): template objections filed for paying customers, in two layouts.
import { BANKS, LENDERS, type InstitutionSpec } from '../institutions.js';
import { frontCompanyName } from '../names.js';
import type { Rng } from '../rng.js';
import type { AltAccount, AltWorld } from './alt-world.context.js';
import { fill, serviceFraudText } from './alt-texts.js';
import { cardInText, macAddress, phoneInText, publicIp } from './handles.js';
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

export const REPAIR_LAYOUTS = ['repair_shared_phones', 'repair_device_farm'];

/**
 * 1. `repair_shared_phones`: the boss and 1–3 sales agents answering two or three shared numbers, written as
 *    the contact on every objection; fees straight to the boss.
 * 2. `repair_device_farm`: a consulting front company whose staff log into customers' accounts and file
 *    from the office's handsets and network; the customers' records carry the office's device fingerprints and IP,
 *    no phone is shared; fees in small wallet payments to the company.
 * 3. Customers (members) knowingly sign false objections ("not my loan", "system error").
 * 4. Victims: customers who paid and got nothing, complaining with the agents' number, WeChat or the card paid.
 */
export function plantCreditRepair(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, plan);
  const scheme = r.pick(SCHEME_SCRIPTS.credit_repair);
  const voice = drawVoice(r, scheme.script, plan.voice);
  const targets: InstitutionSpec[] = r.sample([...BANKS, ...LENDERS], r.int(3, 9));
  const boss = b.organizer(w.person(r), 'sells the "repair" and keeps the fees');
  const wechat = w.ids.wechatId();
  w.addIdentifier(boss, 'wechat', wechat);
  let phones: string[] = [];
  let feeAccount: AltAccount = w.spendingAccount(r, boss);
  let office: { fingerprints: string[]; ip: string; wifi: string } | undefined;

  if (plan.layout === 'repair_shared_phones') {
    phones = [w.phones.mobile(r), w.phones.mobile(r)];
    if (r.chance(0.4)) phones.push(w.phones.mobile(r));
    boss.phones.push(phones[0] ?? '');
    const agents = Math.max(0, Math.min(3, Math.floor(plan.size / 10), b.left - 1));
    for (let i = 0; i < agents; i++) {
      const a = b.participant(w.person(r), 'sales agent answering the shared numbers');
      a.phones.push(...r.sample(phones.slice(1), r.int(1, phones.length - 1)));
    }
  } else {
    office = { fingerprints: [`fp_${r.hex(20)}`, `fp_${r.hex(20)}`], ip: publicIp(r), wifi: macAddress(r) };
    if (b.left > 1) {
      const front = b.organizer(
        w.organization(r, frontCompanyName(r, r.pick(['consulting', 'asset_management'] as const)), '0755'),
        'front company the fees are paid to',
      );
      feeAccount = w.paymentAccount(r, front);
    }
    const staff = Math.max(0, Math.min(4, Math.floor(plan.size / 8), b.left - 1));
    for (let i = 0; i < staff; i++) {
      const s = b.participant(
        w.person(r),
        'staff filing objections from customers accounts on the office handsets',
      );
      for (const f of office.fingerprints) w.addIdentifier(s, 'fingerprint', f);
      w.addIdentifier(s, 'ip', office.ip);
    }
    w.addIdentifier(boss, 'ip', office.ip);
    w.addIdentifier(boss, 'wifi', office.wifi);
  }

  while (b.left > 0) {
    const c = b.participant(
      w.person(r),
      'customer: paid for "repair" and signed the false objection filed for them',
    );
    if (office !== undefined) {
      w.addIdentifier(c, 'fingerprint', r.pick(office.fingerprints));
      if (r.chance(0.7)) w.addIdentifier(c, 'ip', office.ip);
    }
    const filings = r.int(1, 3);
    const fee = r.int(15, 200) * 100;
    let firstAt = Infinity;
    for (let i = 0; i < filings; i++) {
      const at = filingMoment(r, win);
      firstAt = Math.min(firstAt, at);
      const inst = r.pick(targets);
      const phone = phones.length > 0 ? r.pick(phones) : undefined;
      const s = { ...slots(r, c, inst, at, fee), phone: phoneInText(r, phone ?? c.phones[0] ?? '') };
      const source = r.chance(0.6) ? 'regulator:PBOC-12363' : complaintSource(r, inst);
      w.complaint({
        at,
        by: c,
        institution: inst,
        category: scheme.category,
        channel: channelOf(r, source),
        contactPhone: phone ?? c.phones[0],
        text: speak(r, voice, (t) => fill(t, s)),
        source,
      });
    }
    pay(w, r, w.spendingAccount(r, c), feeAccount, fee, later(r, firstAt, -7, 0), office !== undefined);
  }

  for (const v of pool.take(plan.victims)) {
    b.victim(v, 'paid for credit "repair" and got nothing; complains about the seller');
    const inst = r.pick(targets);
    const at = later(r, filingMoment(r, win), 20, 100);
    const fee = r.int(20, 150) * 100;
    pay(w, r, w.spendingAccount(r, v), feeAccount, fee, later(r, at, -60, -20), false);
    const how = r.int(0, 2);
    const phone = phones[0];
    const named =
      how === 0 && phone !== undefined
        ? { slot: { phone: phoneInText(r, phone) }, party: w.namedPhone(phone) }
        : how === 1 && feeAccount.kind === 'bank'
          ? { slot: { card: cardInText(r, feeAccount.id) }, party: { kind: 'account', value: feeAccount.id } }
          : { slot: { wechat }, party: { kind: 'wechat', value: wechat } };
    const s = { ...slots(r, v, inst, at, fee), ...named.slot };
    const source = r.chance(0.5) ? 'regulator:PBOC-12363' : 'platform:HEIMAO';
    w.complaint({
      at,
      by: v,
      institution: inst,
      category: 'credit_report',
      channel: channelOf(r, source),
      text: serviceFraudText(r, 'credit_repair', s),
      // Some complainants only write it down; the explicit field is filled when the form asked for it.
      ...(r.chance(0.7) || named.party.kind === 'wechat' ? { namedParties: [named.party] } : {}),
      source,
    });
  }
  return b.done();
}
