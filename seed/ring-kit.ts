// The pieces every ring planter uses: the ring's active window and bursts, members and agents, text slots.
import { chineseDate, DAY, dayStart, momentOnDay, SPAN_DAYS, SPAN_START } from './clock.js';
import type { InstitutionSpec } from './institutions.js';
import type { Rng } from './rng.js';
import { shortInstitutionName, type TextSlots, writtenAmount } from './texts.js';
import type { ActorDraft, WorldContext } from './world-context.js';
import type { ComplaintChannel } from './world.types.js';

/** What a planter returns: the members (organizers first), the organizers and the victims. */
export interface Planted {
  members: ActorDraft[];
  organizers: ActorDraft[];
  victims: ActorDraft[];
}

export interface Window {
  from: number;
  to: number;
}

export interface Burst {
  day: number;
  days: number;
}

const dayOf = (t: number): number => Math.floor((t - SPAN_START) / DAY);

/** Rings operate for a few months, not across the whole span. */
export function ringWindow(r: Rng): Window {
  const startDay = r.int(0, SPAN_DAYS - 45);
  const endDay = Math.min(SPAN_DAYS - 1, startDay + r.int(45, 300));
  return { from: dayStart(startDay), to: dayStart(endDay) + DAY - 1 };
}

export function makeBursts(r: Rng, win: Window, count: number): Burst[] {
  const first = dayOf(win.from);
  const last = dayOf(win.to);
  const bursts: Burst[] = [];
  for (let i = 0; i < count; i++) {
    const days = r.int(2, 5);
    bursts.push({ day: r.int(first, Math.max(first, last - days + 1)), days });
  }
  return bursts;
}

export function inBurst(r: Rng, b: Burst): number {
  return momentOnDay(r, Math.min(SPAN_DAYS - 1, b.day + r.int(0, b.days - 1)));
}

/** A moment minDays..maxDays after t (same day allowed), kept inside the span. */
export function after(r: Rng, t: number, minDays: number, maxDays: number): number {
  const day = Math.min(SPAN_DAYS - 1, dayOf(t) + r.int(minDays, maxDays));
  const m = momentOnDay(r, day);
  return m < t ? t + r.int(600, 7200) : m;
}

export function before(r: Rng, t: number, minDays: number, maxDays: number): number {
  return momentOnDay(r, Math.max(0, dayOf(t) - r.int(minDays, maxDays)));
}

export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

/** Wording drift per ring: some paste the template verbatim, some paraphrase to dodge duplicate detection. */
export const disguiseLevel = (r: Rng): number => r.pick([0, 0, 0.1, 0.2, 0.35, 0.5]);

export const FILING_CHANNELS: readonly (readonly [ComplaintChannel, number])[] = [
  ['regulator_hotline', 45],
  ['regulator_web', 35],
  ['letter', 12],
  ['platform', 8],
];

/** A ring member still looks like anyone else: own phone and card, sometimes a device or a second phone. */
export function member(w: WorldContext, r: Rng): ActorDraft {
  const m = w.person(r);
  if (r.chance(0.4)) w.addDevice(m);
  if (r.chance(0.1)) w.addPhone(m, w.phones.mobile(r));
  return m;
}

export function agent(w: WorldContext, r: Rng, phones: number, accounts: number): ActorDraft {
  const a = w.person(r, { kind: 'agent' });
  for (let i = 1; i < phones; i++) w.addPhone(a, w.phones.mobile(r));
  while (w.moneyAccounts(a).length < accounts) {
    if (r.chance(0.5)) w.addPaymentAccount(r, a);
    else w.addBankAccount(r, a);
  }
  if (r.chance(0.6)) w.addDevice(a);
  return a;
}

export const ownContact = (r: Rng, a: ActorDraft, p: number): string | undefined =>
  r.chance(p) ? r.pick(a.phones) : undefined;

export function slots(r: Rng, a: ActorDraft, inst: InstitutionSpec, when: number, amount: number): TextSlots {
  return {
    inst: shortInstitutionName(inst.name),
    date: chineseDate(when),
    amount: writtenAmount(r, amount),
    name: a.name,
    idTail: a.idNumber?.slice(-4) ?? r.digits(4),
    cardTail: a.accounts[0]?.id.slice(-4) ?? r.digits(4),
  };
}

export const ring = (
  members: ActorDraft[],
  organizers: ActorDraft[],
  victims: ActorDraft[] = [],
): Planted => ({
  members: [...organizers, ...members],
  organizers,
  victims,
});
