// Honest look-alikes of coordination: crowds complaining about one real incident, and a bank form's standard text.
import type { KnownCategory } from '../src/shared/domain.js';
import { chineseDate, dayStart, formatShanghai, SPAN_DAYS } from './clock.js';
import { BANKS, byType, type InstitutionSpec } from './institutions.js';
import type { Rng } from './rng.js';
import { fillSlots, honestText, shortInstitutionName, writtenAmount, type TextSlots } from './texts.js';
import type { ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel } from './world.types.js';

export interface Incident {
  institution: string;
  days: string[];
  actorIds: string[];
}

const INCIDENT_CHANNELS: readonly (readonly [ComplaintChannel, number])[] = [
  ['bank_app', 35],
  ['platform', 20],
  ['regulator_hotline', 25],
  ['regulator_web', 15],
  ['bank_branch', 5],
];

/**
 * Outages: an institution's app or payment system fails for a few hours and 120–400 of its customers
 * complain within hours, each in their own words. Half of the incidents recur days or weeks later, and
 * 40–70% of the same people complain again: repeated same-target, same-window filing by a large crowd,
 * which lockstep detection must not take for a ring.
 */
export function plantIncidents(
  w: WorldContext,
  r: Rng,
  people: readonly ActorDraft[],
  count: number,
): Incident[] {
  const places = [...BANKS.slice(0, 12), ...byType('platform').slice(0, 8)];
  const incidents: Incident[] = [];
  const crowdCap = Math.max(120, Math.floor(people.length / 8));
  for (let i = 0; i < count; i++) {
    const inst = r.pick(places);
    let day = r.int(0, SPAN_DAYS - 60);
    const episodes = r.chance(0.5) ? r.int(2, 3) : 1;
    const all = new Set<ActorDraft>();
    const days: string[] = [];
    let crowd: ActorDraft[] = [];
    for (let e = 0; e < episodes; e++) {
      const size = Math.min(crowdCap, r.int(120, 400));
      const again = e === 0 ? [] : r.sample(crowd, Math.round(crowd.length * r.between(0.4, 0.7)));
      const next = new Set(again);
      // Index draws, not sample(): sampling would copy the whole population per incident.
      while (next.size < size) next.add(r.pick(people));
      crowd = [...next];
      const start = dayStart(day) + r.int(8, 19) * 3600 + r.int(0, 59) * 60;
      for (const p of crowd) {
        // Most complaints come in the first hour or two of the outage, a tail over the next hours.
        const delay = Math.min(r.int(0, 240), r.int(0, 240), r.int(0, 480)) * 60 + r.int(0, 59);
        outageComplaint(w, r, p, inst, start + delay);
        all.add(p);
      }
      days.push(formatShanghai(start).slice(0, 10));
      day = Math.min(SPAN_DAYS - 1, day + r.int(3, 30));
    }
    incidents.push({ institution: inst.name, days, actorIds: [...all].map((p) => p.id).sort() });
  }
  return incidents;
}

function outageComplaint(w: WorldContext, r: Rng, p: ActorDraft, inst: InstitutionSpec, at: number): void {
  const category: KnownCategory = r.chance(0.8) ? 'outage' : 'account_issue';
  const amount = r.chance(0.6) ? r.between(10, 10_000) : undefined;
  w.complaint(r, {
    at,
    complainant: p,
    inst,
    category,
    channel: r.weighted(INCIDENT_CHANNELS),
    contactPhone: r.chance(0.7) ? r.pick(p.phones) : undefined,
    amount,
    text: honestText(r, category, {
      inst: shortInstitutionName(inst.name),
      date: chineseDate(at),
      amount: writtenAmount(r, amount ?? r.between(50, 5_000)),
      cardTail: p.accounts[0]?.id.slice(-4) ?? r.digits(4),
    }),
  });
}

/** Banks whose app and branch tablets file complaints through a fixed form (its text is generic, not a ring's). */
export const FORM_INSTITUTION_CODES: readonly string[] = ['CMB', 'CCB'];
const FORM_CHANNELS: ReadonlySet<ComplaintChannel> = new Set(['bank_app', 'bank_branch']);
/** Share of complaints through a form channel of a form bank that keep the form's standard text. */
const FORM_USE = 0.8;

const FORM_LABELS: Readonly<Record<KnownCategory, string>> = {
  fee_refund: '收费争议',
  service_quality: '服务质量',
  collection_harassment: '催收问题',
  debt_negotiation: '还款协商',
  credit_report: '征信异议',
  investment_advice: '投资理财',
  insurance_mis_selling: '代销保险',
  account_issue: '账户管理',
  outage: '系统故障',
  other: '其他',
};
const FORM_REQUESTS = ['请核实处理', '要求退款', '要求解释说明', '要求赔偿损失', '尽快回复'];

/**
 * The standard text of a bank's complaint form; only the category, date, amount and the chosen request
 * change, so hundreds of unrelated customers file near-identical texts: a generic template.
 */
export function formText(r: Rng, inst: InstitutionSpec, category: KnownCategory, slots: TextSlots): string {
  return fillSlots(
    `【${shortInstitutionName(inst.name)}客户投诉登记表】客户姓名：{name}；证件号码：尾号{idTail}；` +
      `投诉业务类别：${FORM_LABELS[category]}；问题发生日期：{date}；涉及金额：{amount}元；` +
      `客户诉求：${r.pick(FORM_REQUESTS)}。本人承诺以上所填信息真实、准确、完整，同意贵行调阅相关业务记录，` +
      `并知悉投诉受理后将在十五个工作日内答复。`,
    slots,
  );
}

export function usesForm(r: Rng, inst: InstitutionSpec, channel: ComplaintChannel | undefined): boolean {
  return (
    channel !== undefined &&
    FORM_CHANNELS.has(channel) &&
    FORM_INSTITUTION_CODES.includes(inst.code) &&
    r.chance(FORM_USE)
  );
}
