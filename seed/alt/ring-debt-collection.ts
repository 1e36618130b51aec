// Improper collection gangs (暴力/不当催收): collectors harass debtors, who complain naming them; three layouts.
import { momentOnDay, SPAN_DAYS } from '../clock.js';
import { LENDERS, type InstitutionSpec } from '../institutions.js';
import { frontCompanyName } from '../names.js';
import type { Rng } from '../rng.js';
import type { NamedParty } from '../world.types.js';
import type { AltAccount, AltActor, AltWorld } from './alt-world.context.js';
import { collectionVictimText, fill } from './alt-texts.js';
import { cardInText, macAddress, phoneInText, publicIp } from './handles.js';
import { drawVoice, speak } from './paraphrase.js';
import {
  channelOf,
  complaintSource,
  drawWindow,
  filingMoment,
  later,
  rotationIndex,
  RingBuilder,
  slots,
  type PlantedRing,
  type RingPlan,
  type VictimPool,
} from './ring-kit.js';
import { COLLECTION_NOTICE } from './scheme-scripts.js';

export const COLLECTION_LAYOUTS = [
  'collectors_phone_rotation',
  'collectors_wechat_office',
  'collectors_outsourced_firm',
];

interface Collector {
  actor: AltActor;
  /** Numbers used in turn over the gang's active window. */
  phones: string[];
  wechat?: string;
  account: AltAccount;
}

/**
 * 1. A boss and collectors. `collectors_phone_rotation`: each collector cycles through 2–4 numbers (all
 *    registered to them). `collectors_wechat_office`: collectors reach debtors on WeChat only and share the
 *    office network. `collectors_outsourced_firm`: an "asset management" company on outsourced contracts pays its
 *    collectors monthly from its payroll account; debtors are told to pay into the company's account.
 * 2. Debtors (victims) each get 1–3 collectors; they complain to their lender (1–3 times over the harassment),
 *    naming the number or WeChat (explicitly and/or in the text), some pasting the gang's threatening message;
 *    some paid into a collector's private card to make it stop.
 * 3. Members file nothing. No debtor is a member.
 */
export function plantDebtCollection(w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool): PlantedRing {
  const b = new RingBuilder(plan);
  const win = drawWindow(r, { ...plan, tempo: 'weeks' });
  const lenders: InstitutionSpec[] = r.sample(LENDERS, r.int(1, 5));
  const notice = drawVoice(r, COLLECTION_NOTICE.script, r.pick(['pasted', 'light'] as const));
  const boss = b.organizer(w.person(r), 'runs the collection crew and takes the proceeds');
  const bossAcc = w.cardOf(boss);
  const collectors: Collector[] = [];
  let firmAcc: AltAccount | undefined;
  let office: { ip: string; wifi: string } | undefined;

  if (plan.layout === 'collectors_outsourced_firm' && b.left > 1) {
    const firm = b.organizer(
      w.organization(r, frontCompanyName(r, 'asset_management'), r.pick(['023', '028', '0731', '0371'])),
      'collection company on outsourced contracts: pays the collectors, receives debtors payments',
    );
    firmAcc = w.cardOf(firm);
  }
  if (plan.layout === 'collectors_wechat_office') {
    office = { ip: publicIp(r), wifi: macAddress(r) };
    w.addIdentifier(boss, 'ip', office.ip);
  }
  const burners: string[] = [];
  if (plan.layout === 'collectors_phone_rotation')
    for (let i = r.int(1, 4); i > 0; i--) burners.push(w.ids.device());
  const members: AltActor[] = [boss];
  while (b.left > 0)
    members.push(b.participant(w.person(r), 'collector: harasses debtors by phone or WeChat'));
  for (const a of members) {
    const c: Collector = { actor: a, phones: [], account: w.cardOf(a) };
    if (office !== undefined) {
      w.addIdentifier(a, 'ip', office.ip);
      if (r.chance(0.8)) w.addIdentifier(a, 'wifi', office.wifi);
      c.wechat = w.ids.wechatId();
      w.addIdentifier(a, 'wechat', c.wechat);
    } else {
      const n = plan.layout === 'collectors_phone_rotation' ? r.int(2, 4) : r.int(1, 2);
      for (let i = 0; i < n; i++) {
        const p = w.phones.mobile(r);
        a.phones.push(p);
        c.phones.push(p);
      }
      // Burner handsets change hands between shifts: a few devices shared round the crew.
      if (burners.length > 0 && r.chance(0.6)) a.devices.push(r.pick(burners));
    }
    if (firmAcc !== undefined && a !== boss) {
      // Monthly pay over the window, on the 10th-ish of each month.
      for (let day = win.first; day < win.first + win.days + 30; day += 30) {
        w.transfer(firmAcc, c.account, r.int(40, 90) * 100, momentOnDay(r, Math.min(SPAN_DAYS - 1, day)));
      }
    }
    collectors.push(c);
  }
  const working = collectors.length > 1 ? collectors.slice(1) : collectors;

  for (const v of pool.take(plan.victims)) {
    b.victim(v, 'debtor harassed by the crew; complained about the collectors');
    const lender = r.pick(lenders);
    const mine = r.sample(working, r.int(1, Math.min(3, working.length)));
    const complaints = r.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    const paidTo = r.chance(0.3) ? (firmAcc ?? r.pick(mine).account) : undefined;
    for (let i = 0; i < complaints; i++) {
      const at = filingMoment(r, win);
      const c = r.pick(mine);
      const named: NamedParty[] = [];
      const s = { ...slots(r, v, lender, at, r.int(5, 200) * 100) };
      if (c.phones.length > 0) {
        const phone = c.phones[rotationIndex(win, at, c.phones.length)] ?? '';
        Object.assign(s, { phone: phoneInText(r, phone) });
        named.push(w.namedPhone(phone));
      }
      if (c.wechat !== undefined) {
        Object.assign(s, { wechat: c.wechat });
        named.push({ kind: 'wechat', value: c.wechat });
      }
      if (paidTo !== undefined && i === 0) {
        Object.assign(s, { card: cardInText(r, paidTo.id) });
        named.push({ kind: 'account', value: paidTo.id });
        w.transfer(w.spendingAccount(r, v), paidTo, r.int(5, 50) * 100, later(r, at, -5, 0));
      }
      let text = collectionVictimText(r, s);
      if (r.chance(0.25)) {
        // The gang's own message, pasted in: debtors of one gang then share near-identical text.
        const sms = speak(r, notice, (t) => fill(t, { ...s, phone: s.phone ?? s.wechat ?? '' }));
        text = `${r.pick(['收到这样的短信：', '对方发来：', '短信内容如下：'])}“${sms}”${text}`;
      }
      const source = complaintSource(r, lender);
      const explicit = c.phones.length === 0 || r.chance(0.65);
      w.complaint({
        at,
        by: v,
        institution: lender,
        category: 'collection_harassment',
        channel: channelOf(r, source),
        contactPhone: v.phones[0],
        text,
        ...(explicit ? { namedParties: named } : {}),
        source,
      });
    }
  }
  // The crew passes the takings up.
  for (const c of working) {
    if (c.actor === boss || firmAcc !== undefined) continue;
    if (r.chance(0.6))
      w.transfer(c.account, bossAcc, r.int(20, 200) * 100, later(r, filingMoment(r, win), 3, 20));
  }
  if (firmAcc !== undefined)
    w.transfer(firmAcc, bossAcc, r.int(200, 1000) * 100, later(r, filingMoment(r, win), 10, 30));
  return b.done();
}
