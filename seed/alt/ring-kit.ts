// What every ring planter shares: the plan it gets, the roles it records, its active window, and how its money moves.
import { chineseDate, DAY, dayStart, momentOnDay, SPAN_DAYS, clampToSpan } from '../clock.js';
import { COMPLAINT_PLATFORM_SOURCE, REGULATOR_SOURCES, type InstitutionSpec } from '../institutions.js';
import { shortInstitutionName } from '../texts.js';
import type { Rng } from '../rng.js';
import type { ComplaintChannel, PlantedTypology, RingSignature, TruthRole } from '../world.types.js';
import type { AltAccount, AltActor, AltWorld } from './alt-world.context.js';
import type { Slots } from './alt-texts.js';
import type { VoiceStyle } from './paraphrase.js';

export interface RingPlan {
  typology: PlantedTypology;
  layout: string;
  /** Members: organisers, fronts and paid or active participants. */
  size: number;
  /** Honest people the ring preys on. */
  victims: number;
  voice: VoiceStyle;
  /** Bursts of filings within days, or a steady trickle over weeks. */
  tempo: 'bursts' | 'weeks';
}

export interface PlantedRing {
  plan: RingPlan;
  signature: RingSignature;
  members: AltActor[];
  organizers: AltActor[];
  victims: AltActor[];
  roles: TruthRole[];
}

/** Honest people handed out once each (victims are never handed out twice). */
export interface VictimPool {
  take(n: number): AltActor[];
}

export class RingBuilder {
  readonly members: AltActor[] = [];
  readonly organizers: AltActor[] = [];
  readonly victims: AltActor[] = [];
  readonly roles: TruthRole[] = [];
  signature: RingSignature = 'identifier';

  constructor(readonly plan: RingPlan) {}

  /** Members still to be created for the plan's size. */
  get left(): number {
    return this.plan.size - this.members.length;
  }

  organizer(a: AltActor, why: string): AltActor {
    this.members.push(a);
    this.organizers.push(a);
    this.roles.push({ id: a.id, role: 'organizer', why });
    return a;
  }

  participant(a: AltActor, why: string): AltActor {
    this.members.push(a);
    this.roles.push({ id: a.id, role: 'participant', why });
    return a;
  }

  victim(a: AltActor, why: string): AltActor {
    this.victims.push(a);
    this.roles.push({ id: a.id, role: 'victim', why });
    return a;
  }

  done(): PlantedRing {
    if (this.members.length !== this.plan.size) {
      throw new Error(
        `internal: ${this.plan.layout} planted ${this.members.length} members, planned ${this.plan.size}`,
      );
    }
    return {
      plan: this.plan,
      signature: this.signature,
      members: this.members,
      organizers: this.organizers,
      victims: this.victims,
      roles: this.roles,
    };
  }
}

/** When a ring is active: its first day and how long it runs. */
export interface Window {
  first: number;
  days: number;
  /** Bursts: the days waves start on, each wave 1–3 days long. */
  waves: { day: number; days: number }[];
}

export function drawWindow(r: Rng, plan: RingPlan): Window {
  const days = plan.tempo === 'bursts' ? r.int(30, 240) : r.int(21, 90);
  const first = r.int(0, SPAN_DAYS - days - 1);
  const waves: Window['waves'] = [];
  if (plan.tempo === 'bursts') {
    const n = r.int(1, 4);
    for (let i = 0; i < n; i++) waves.push({ day: first + r.int(0, days - 3), days: r.int(1, 3) });
  }
  return { first, days, waves };
}

/** A filing moment in the window: inside one of its waves, or anywhere for a steady ring. */
export function filingMoment(r: Rng, w: Window): number {
  if (w.waves.length > 0) {
    const wave = r.pick(w.waves);
    return momentOnDay(r, Math.min(SPAN_DAYS - 1, wave.day + r.int(0, wave.days - 1)));
  }
  return momentOnDay(r, w.first + r.int(0, w.days - 1));
}

/** Which of n rotating handles is in use at a moment: the window cut into n consecutive stretches. */
export function rotationIndex(w: Window, at: number, n: number): number {
  const day = Math.floor((at - dayStart(0)) / DAY) - w.first;
  return Math.max(0, Math.min(n - 1, Math.floor((day / Math.max(1, w.days)) * n)));
}

/** A moment some days after another (for fees paid after a refund, forwarded cuts), inside the span. */
export function later(r: Rng, at: number, minDays: number, maxDays: number): number {
  return clampToSpan(at + r.int(minDays * DAY, maxDays * DAY));
}

/**
 * Pays `amount` from one account to another, in one transfer or split into several small ones over a few days
 * (a split keeps each under the amounts banks look at twice).
 */
export function pay(
  w: AltWorld,
  r: Rng,
  from: AltAccount,
  to: AltAccount,
  amount: number,
  at: number,
  split: boolean,
): void {
  if (!split || amount < 600) {
    w.transfer(from, to, roundish(r, amount), at);
    return;
  }
  const parts = r.int(2, Math.min(6, Math.max(2, Math.floor(amount / 300))));
  let left = amount;
  for (let i = 0; i < parts; i++) {
    const part =
      i === parts - 1 ? left : Math.max(50, Math.round((left / (parts - i)) * r.between(0.6, 1.3)));
    left -= part;
    if (part <= 0) break;
    w.transfer(from, to, part - r.int(0, 9), later(r, at, 0, 3));
  }
}

/** Agents ask for round sums (2000, 3500); people then pay odd ones (1999). */
export const roundish = (r: Rng, amount: number): number =>
  r.chance(0.7) ? Math.max(100, Math.round(amount / 100) * 100) : Math.round(amount * 100) / 100;

export function slots(r: Rng, who: AltActor, inst: InstitutionSpec, at: number, amount: number): Slots {
  return {
    inst: shortInstitutionName(inst.name),
    date: chineseDate(at),
    amount: String(Math.round(amount)),
    name: who.name,
    idTail: (who.idNumber ?? '0000').slice(-4),
  };
}

/** Where people send complaints: a regulator hotline, the institution itself, or a complaint platform. */
export function complaintSource(r: Rng, inst: InstitutionSpec): string {
  const regulator =
    inst.institutionType === 'securities'
      ? REGULATOR_SOURCES.csrc
      : inst.institutionType === 'insurer'
        ? REGULATOR_SOURCES.nfra
        : r.pick([REGULATOR_SOURCES.nfra, REGULATOR_SOURCES.pboc]);
  return r.weighted<string>([
    [regulator, 5],
    [`${inst.institutionType === 'bank' ? 'bank' : 'org'}:${inst.code}`, 3],
    [COMPLAINT_PLATFORM_SOURCE, 2],
  ]);
}

/** The channel a complaint came in by, consistent with who reported it. */
export function channelOf(r: Rng, source: string): ComplaintChannel {
  if (source.startsWith('regulator:')) return r.chance(0.6) ? 'regulator_hotline' : 'regulator_web';
  if (source === COMPLAINT_PLATFORM_SOURCE) return 'platform';
  if (source.startsWith('bank:')) return r.pick(['bank_branch', 'bank_app', 'bank_app'] as const);
  return r.pick(['platform', 'letter', 'regulator_web'] as const);
}
