// Legitimate structures that look dense but are not organised fraud: recognised, explained, and held against a ring.
import type { TransferRow } from './evidence.types.js';
import { pushTo } from './evidence-pairs.js';
import type { RingContext } from './ring-context.js';
import { HOUSEHOLD_KINDS } from './ring-score.js';

export const LEGITIMATE_PATTERNS = [
  'household',
  'professional_representation',
  'front_desk',
  'workplace',
  'incident_crowd',
  'shared_services',
  'victim_crowd',
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
/**
 * A service's clientele comes over months: a law firm's clients, a hospital desk's patients, a shop's customers, a
 * payroll's staff. A campaign (a mill's filing drive, an agent's surrender wave) is done within a quarter.
 */
export const SERVICE_SPAN_DAYS = 120;
/** Ties through services from this share of the ring's tie weight on: the ring is a crowd of clienteles. */
export const SERVICE_EXPLAINED_SHARE = 0.6;
/** Pointing at one phone, agent or account by at least this many members makes it a service's clientele. */
export const SERVICE_MIN_CLIENTS = 3;
/**
 * Money a claimant sends within this many days after its own claim is a cut of the payout (DESIGN.md: a surrender
 * agent takes 20–50% of the refund; the insurer pays within weeks).
 */
export const CUT_DAYS = 90;

/** Days between the first and the last of these instants (ms; unparseable ones ignored), 0 for fewer than two. */
function span(times: readonly number[]): number {
  const ok = times.filter(Number.isFinite);
  return ok.length < 2 ? 0 : (Math.max(...ok) - Math.min(...ok)) / DAY_MS;
}

function spanDays(ctx: RingContext): number {
  return span(ctx.filings.map((f) => Date.parse(f.filedAt)));
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
  const victims = recogniseVictimCrowd(ctx);
  if (victims !== undefined) found.push(victims);
  const services = recogniseServices(ctx);
  if (services !== undefined) found.push(services);
  return found;
}

/** Members naming a party in their complaints from this share on: the crowd is the party's victims. */
export const VICTIM_CROWD_SHARE = 0.5;

/**
 * victim_crowd: most members' complaints name the same outside party (被投诉方: a collector's phone, a tipster's
 * account) — they are that party's victims, tied to each other by having been targeted alike (similar complaints,
 * payments into the same account), not its accomplices. The party, if found, is reported with them as victims.
 */
function recogniseVictimCrowd(ctx: RingContext): CounterEvidence | undefined {
  const n = ctx.members.length;
  const named = new Map<string, number>();
  let namers = 0;
  for (const m of ctx.members) {
    const names = ctx.graph.namesBy(m);
    if (names.size === 0) continue;
    namers++;
    for (const id of names) named.set(id, (named.get(id) ?? 0) + 1);
  }
  if (namers < Math.max(3, VICTIM_CROWD_SHARE * n)) return undefined;
  const top = [...named.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 3);
  return {
    pattern: 'victim_crowd',
    reason: `${namers} of ${n} members filed complaints naming the party they complain about (${top.map(([id, k]) => `${id} by ${k}`).join(', ')}): people targeted alike by one party are its victims, not a ring of their own.`,
  };
}

const SERVICE_KINDS = new Set([
  'contact_phone',
  'representation',
  'payout_account',
  'co_payment',
  'transfer',
]);

/**
 * shared_services: most of the ring's tie weight runs through services many unrelated people use — a phone, an
 * agent or an account that at least three members point at (contact, representative, payout, fees), whose clients
 * file or pay over months (≥ SERVICE_SPAN_DAYS), each in their own words, with no money paid back to them; or an
 * account paying or paid by at least three members over months (a payroll, a shop's till). Overlapping clienteles
 * (a law firm's clients who also shop at one store and work for one employer) fall into one community and look
 * dense; no pair of them is tied by anything else.
 */
function recogniseServices(ctx: RingContext): CounterEvidence | undefined {
  if (ctx.pairs.length === 0) return undefined;
  const behaving = membersOf(ctx, 'template_text', 'lockstep');
  const filingTimes = new Map<string, number[]>();
  const claimTimes = new Map<string, number[]>();
  for (const f of ctx.filings) {
    const at = Date.parse(f.filedAt);
    pushTo(filingTimes, f.actorId, at);
    if (f.type === 'claim') pushTo(claimTimes, f.actorId, at);
  }
  const takesCut = (clients: readonly string[], paid: (client: string, t: TransferRow) => boolean) =>
    cutTaken(ctx, claimTimes, clients, paid);
  const paysMembers = (m: string, t: TransferRow) => t.toActor !== m && ctx.memberSet.has(t.toActor);
  const services = new Map<string, { clients: number; days: number }>();
  // phones, agents and payout accounts members point at
  for (const id of ctx.identifiers) {
    if (id.kind !== 'phone' && id.kind !== 'agent' && id.kind !== 'account') continue;
    const clients = id.pointers;
    if (clients.length < SERVICE_MIN_CLIENTS) continue;
    if (clients.filter((m) => behaving.has(m)).length > BEHAVIOUR_MAX_SHARE * clients.length) continue;
    const days = span(clients.flatMap((m) => filingTimes.get(m) ?? []));
    if (days >= SERVICE_SPAN_DAYS && !takesCut(clients, paysMembers))
      services.set(id.identifier, { clients: clients.length, days });
  }
  // accounts members pay into or are paid from, over months, with nothing flowing the other way
  const payers = new Map<string, { members: Set<string>; times: number[]; back: boolean }>();
  const transferById = new Map<string, TransferRow>();
  const entry = (account: string) => {
    let e = payers.get(account);
    if (e === undefined) payers.set(account, (e = { members: new Set(), times: [], back: false }));
    return e;
  };
  for (const m of ctx.members) {
    for (const t of ctx.graph.transfersOf(m)) {
      transferById.set(t.transferId, t);
      // the account on the other side of the member's transfer
      const other = t.fromActor === m ? t.toAccount : t.toActor === m ? t.fromAccount : undefined;
      if (other === undefined) continue;
      const e = entry(other);
      e.members.add(m);
      e.times.push(Date.parse(t.at));
    }
  }
  for (const m of ctx.members) {
    // money paid back into a member's account from an account it pays into: a cut returned, not a service
    const paidTo = new Set(
      ctx.graph
        .transfersOf(m)
        .filter((t) => t.fromActor === m)
        .map((t) => t.toAccount),
    );
    for (const t of ctx.graph.transfersOf(m)) {
      if (t.toActor === m && paidTo.has(t.fromAccount)) payers.get(t.fromAccount)!.back = true;
    }
  }
  // NOTE: money paid back to several members from an account they pay into is a cut returned: no clientele then
  if ([...payers.values()].some((e) => e.back && e.members.size >= SERVICE_MIN_CLIENTS)) return undefined;
  for (const [account, e] of payers) {
    if (e.back || e.members.size < SERVICE_MIN_CLIENTS) continue;
    if ([...e.members].filter((m) => behaving.has(m)).length > BEHAVIOUR_MAX_SHARE * e.members.size) continue;
    const days = span(e.times);
    const paysAccount = (_m: string, t: TransferRow) => t.toAccount === account;
    if (days >= SERVICE_SPAN_DAYS && !services.has(account) && !takesCut([...e.members], paysAccount))
      services.set(account, { clients: e.members.size, days });
  }
  if (services.size === 0) return undefined;
  let explained = 0;
  let total = 0;
  for (const pair of ctx.pairs) {
    total += pair.weight;
    if (
      pair.evidence.length > 0 &&
      pair.evidence.every(
        (e) =>
          SERVICE_KINDS.has(e.kind) &&
          (services.has(e.identifier) ||
            (e.kind === 'transfer' &&
              e.recordIds.length > 0 &&
              transfersThroughServices(transferById, e.recordIds, services))),
      )
    )
      explained += pair.weight;
  }
  if (total === 0 || explained < SERVICE_EXPLAINED_SHARE * total) return undefined;
  const top = [...services.entries()]
    .sort((x, y) => y[1].clients - x[1].clients || x[0].localeCompare(y[0]))
    .slice(0, 3)
    .map(([id, s]) => `${id} (${s.clients} members over ${Math.round(s.days)} days)`);
  return {
    pattern: 'shared_services',
    reason: `${Math.round((100 * explained) / total)}% of the ties between members run through services many unrelated people use over months, each in their own words, with nothing paid back: ${top.join(', ')}${services.size > 3 ? ` and ${services.size - 3} more` : ''}. Clients of a firm, a desk, a shop or an employer, not a ring.`,
  };
}

/**
 * Most of a service's clients (and at least SERVICE_MIN_CLIENTS) filed a claim and sent money its way (`paid`)
 * within CUT_DAYS after it: the intermediary takes a cut of what the claims pay out, which is the surrender agent's
 * trade (DESIGN.md), not a clientele. A law firm's clients pay one fee whenever the case goes; a hospital desk's
 * patients pay it nothing for their claims.
 */
function cutTaken(
  ctx: RingContext,
  claimTimes: ReadonlyMap<string, readonly number[]>,
  clients: readonly string[],
  paid: (client: string, t: TransferRow) => boolean,
): boolean {
  let cut = 0;
  for (const m of clients) {
    const claims = (claimTimes.get(m) ?? []).filter(Number.isFinite);
    if (claims.length === 0) continue;
    const after = ctx.graph.transfersOf(m).some((t) => {
      if (t.fromActor !== m || !paid(m, t)) return false;
      const at = Date.parse(t.at);
      return claims.some((c) => at >= c && at - c <= CUT_DAYS * DAY_MS);
    });
    if (after) cut++;
  }
  return cut >= SERVICE_MIN_CLIENTS && cut * 2 > clients.length;
}

function transfersThroughServices(
  byId: ReadonlyMap<string, TransferRow>,
  transferIds: readonly string[],
  services: ReadonlyMap<string, unknown>,
): boolean {
  let seen = 0;
  for (const id of transferIds) {
    const t = byId.get(id);
    if (t === undefined) continue;
    seen++;
    if (!services.has(t.toAccount) && !services.has(t.fromAccount)) return false;
  }
  return seen > 0;
}
