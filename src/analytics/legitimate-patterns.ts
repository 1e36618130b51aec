// Legitimate structures that look dense but are not organised fraud: recognised, explained, and held against a ring.
import type { RingContext } from './ring-context.js';
import { HOUSEHOLD_KINDS } from './ring-score.js';

export const LEGITIMATE_PATTERNS = [
  'household',
  'professional_representation',
  'front_desk',
  'workplace',
  'incident_crowd',
] as const;
export type LegitimatePattern = (typeof LEGITIMATE_PATTERNS)[number];

/** Why a ring is probably not a ring: a recognised pattern and the facts that show it. */
export interface CounterEvidence {
  pattern: LegitimatePattern;
  reason: string;
}

const DAY_MS = 86_400_000;
/** Filings spread over at least this many days are written individually, not in a campaign. */
export const SPREAD_DAYS = 45;
/** Filings of a campaign come within days; a practice's clients file over weeks at least. */
export const BURST_DAYS = 7;
/** Members' filings inside recorded crowd windows from this share on: an incident crowd. */
export const CROWD_FILING_SHARE = 0.8;
/** A household shares a handful of things (a phone, a tablet, a card, the Wi-Fi), not dozens. */
export const HOUSEHOLD_MAX_SHARED = 4;
/** Acting alike (templates, lockstep) by at most this share of the members is not a campaign. */
export const BEHAVIOUR_MAX_SHARE = 0.25;

function spanDays(ctx: RingContext): number {
  const times = ctx.filings.map((f) => Date.parse(f.filedAt)).filter(Number.isFinite);
  if (times.length < 2) return 0;
  return (Math.max(...times) - Math.min(...times)) / DAY_MS;
}

function membersOf(
  ctx: RingContext,
  ...kinds: Parameters<RingContext['kindMembers']['get']>[0][]
): Set<string> {
  const set = new Set<string>();
  for (const kind of kinds) for (const m of ctx.kindMembers.get(kind) ?? []) set.add(m);
  return set;
}

/**
 * Looks for the legitimate structures analysts know (DESIGN.md "What a ring's score means"):
 * - household: at most 6 people tied only by a handful of things a home shares (phone, device, joint account,
 *   address/Wi-Fi),
 *   with no hand-off to a third party and no money converging on others' accounts;
 * - professional_representation: one agent (a law firm, a legal-aid centre) acting for most members, complaints
 *   written individually (no shared template) and spread over months, no fees routed into a shared account;
 * - front_desk: most members wrote down one organisation's phone (a hospital desk, a property manager) as contact,
 *   individually and spread over time, with no money converging;
 * - workplace: one account pays most members (a payroll) and members share only generic identifiers (office
 *   Wi-Fi, IP), nobody paying into others' accounts;
 * - incident_crowd: members tied only by acting alike against one institution within two days (an outage).
 */
export function recognisePatterns(ctx: RingContext, money: number, behaviour: number): CounterEvidence[] {
  const n = ctx.members.length;
  const found: CounterEvidence[] = [];
  const kinds = [...ctx.kindMembers.keys()];
  const days = spanDays(ctx);
  const individual = behaviour <= BEHAVIOUR_MAX_SHARE;
  const noMoney = money < 0.2;

  const handOffs = membersOf(ctx, 'contact_phone', 'payout_account', 'representation');
  const sharedThings = ctx.identifiers.filter((i) => i.vias.size >= 2).length;
  if (
    n <= 6 &&
    sharedThings <= HOUSEHOLD_MAX_SHARED &&
    kinds.length > 0 &&
    kinds.every((k) => HOUSEHOLD_KINDS.has(k) || k === 'shared_identifier' || k === 'transfer') &&
    handOffs.size === 0 &&
    noMoney
  ) {
    found.push({
      pattern: 'household',
      reason: `${n} people tied only by what a household shares (${kinds.join(', ')}), no one writing down a third party's phone, account or agent, no money converging: a family or flatmates.`,
    });
  }

  const represented = ctx.kindMembers.get('representation');
  if (represented !== undefined && represented.size >= Math.max(3, 0.6 * n) && individual && noMoney) {
    const agents = new Set(ctx.identifiers.filter((i) => i.kind === 'agent').map((i) => i.identifier));
    if (agents.size <= 2 && (days >= BURST_DAYS || ctx.filings.length < 3)) {
      found.push({
        pattern: 'professional_representation',
        reason: `${represented.size} of ${n} members are represented by ${[...agents].join(', ')}; their complaints are written individually (no shared template, no filing in lockstep), spread over ${Math.round(days)} days, and no fees are routed into a shared account: the clients of a law firm or legal-aid centre.`,
      });
    }
  }

  const contacts = ctx.identifiers.filter(
    (i) => i.kind === 'phone' && i.pointers.length >= Math.max(3, 0.6 * n),
  );
  for (const phone of contacts) {
    const orgOwners = phone.owners.filter((o) => ctx.kindOf.get(o) === 'organization');
    if (orgOwners.length > 0 && individual && noMoney && days >= SPREAD_DAYS) {
      found.push({
        pattern: 'front_desk',
        reason: `${phone.pointers.length} members gave the phone ${phone.identifier} of ${orgOwners.join(', ')} as contact, each complaint in its own words over ${Math.round(days)} days, no money converging: an organisation's front desk (hospital, property manager).`,
      });
      break;
    }
  }

  const paidBy = new Map<string, Set<string>>();
  for (const m of ctx.members) {
    for (const t of ctx.graph.transfersOf(m)) {
      if (t.toActor !== m) continue;
      let set = paidBy.get(t.fromAccount);
      if (set === undefined) paidBy.set(t.fromAccount, (set = new Set()));
      set.add(m);
    }
  }
  const payroll = [...paidBy.entries()].find(([, set]) => set.size >= Math.max(3, 0.5 * n));
  if (payroll !== undefined && noMoney && handOffs.size === 0 && individual) {
    found.push({
      pattern: 'workplace',
      reason: `Account ${payroll[0]} pays ${payroll[1].size} of ${n} members and nobody pays into others' accounts; they share ${kinds.join(', ')}: colleagues of one employer.`,
    });
  }

  const identifierKinds = kinds.filter((k) => k !== 'template_text' && k !== 'lockstep');
  const institutions = new Set(ctx.filings.map((f) => f.institution));
  // NOTE: incidents recur (an app down every week) and the same people complain again: a filing inside any window
  // the lockstep stage recorded as a crowd counts, however far apart the windows are.
  const crowds = ctx.graph.coordination.lockstep.crowds;
  const inCrowd = ctx.filings.filter((f) => {
    const t = Date.parse(f.filedAt);
    return crowds.some(
      (c) => c.institution === f.institution && Date.parse(c.from) <= t && t <= Date.parse(c.to),
    );
  }).length;
  const crowdShare = ctx.filings.length === 0 ? 0 : inCrowd / ctx.filings.length;
  if (
    kinds.length > 0 &&
    identifierKinds.length === 0 &&
    noMoney &&
    ((institutions.size === 1 && days <= 2) || crowdShare >= CROWD_FILING_SHARE)
  ) {
    found.push({
      pattern: 'incident_crowd',
      reason:
        `Members are tied only by filing alike against ${[...institutions].join(', ')}` +
        (crowdShare >= CROWD_FILING_SHARE
          ? `, ${inCrowd} of their ${ctx.filings.length} filings inside windows where crowds filed against the same institution`
          : ` within ${Math.max(1, Math.round(days))} day(s)`) +
        `, sharing no phone, account, device or agent: people reacting to the same incident.`,
    });
  }
  return found;
}
