// A 0–100 suspicion score for a candidate ring, as a sum of named components that each explain themselves.
import type { EvidenceKind } from './evidence.types.js';
import { BEHAVIOUR_EVIDENCE_KINDS } from './evidence.types.js';
import type { ScoreComponent, ScoreComponentName } from './ring.types.js';
import type { RingContext } from './ring-context.js';
import { measureMoneyConcentration } from './money-concentration.js';
import { compareStrings, round } from './ordering.js';

/**
 * | component           | weight | raw value                                        | normalized (0..1)                                   |
 * |---------------------|--------|--------------------------------------------------|-----------------------------------------------------|
 * | size                | 10     | members n                                        | ln n / ln 20, capped at 1 (saturates at 20)          |
 * | density             | 5      | internal edges / (n(n−1)/2)                      | the ratio                                           |
 * | evidence_strength   | 5      | mean internal weighted degree s                  | 1 − e^(−s/2)                                        |
 * | evidence_variety    | 25     | distinct evidence kinds k inside the ring, each  | k ≤ 1 → 0, then 0.6, 0.8, 1 for k = 2, 3, ≥ 4        |
 * |                     |        | tying ≥ 25% of the members; shared_phone/device/ |                                                     |
 * |                     |        | account only when ≥ 2 such identifiers are       |                                                     |
 * |                     |        | shared, or one by more than 5 members;           |                                                     |
 * |                     |        | template_text/lockstep only among ≥ 3 members    |                                                     |
 * | activity            | 10     | complaints + claims per member f                 | ½·(members who filed / n) + ½·min(1, f/2)           |
 * | money_concentration | 30     | share of member transfers/foreign payouts into   | share × min(1, (p − 1)/2), p = members paying into  |
 * |                     |        | the ≤ 3 busiest accounts fed by ≥ 2 members,     | those accounts without receiving there (full credit |
 * |                     |        | counting only members also tied by an identifier | from 3)                                             |
 * |                     |        | or by a template or lockstep                     |                                                     |
 * | coordination        | 15     | members tied to a centre via contact/payout/     | Σ credit / (n − centres), credit 1 when the tie     |
 * |                     |        | representation                                   | has ≥ 2 channels (e.g. contact + fee), ½ for one     |
 *
 * Why these weights. Size, density and strength are low because the benign look-alikes max them out: a family
 * sharing a phone, a device and a joint account is a dense, strong 4-clique; a lawyer's 40 clients are a
 * 41-clique through one representative. Variety is high, but one kind alone scores 0 (one shared thing, a
 * family phone or a law firm, is how ordinary life looks) and a household's single phone, tablet and joint card
 * do not count. Money is the heaviest: every planted trade takes its cut by routing members' money (fees,
 * refunds, "investments", collections) one way into a few accounts of other people, which families, lawyers'
 * clients and honest complainants do not do. Three guards keep ordinary money out: an account must be fed by
 * two members (not rent in a circle), payers must not receive there too (not a household's money going round),
 * and payers must share an identifier with the ring (not a shop's customers or a landlord's tenants).
 * Coordination is the organizer-centred shape; a single channel (a lawyer representing clients, no money)
 * earns half, a corroborated one (contact phone + fee) full credit.
 * Calibration (test/unit/analytics-detect-rings.test.ts): family of 4–5 ≈ 21–24, lawyer with 8–40 clients
 * ≈ 30–35, flatmates' rent circle ≈ 12 (rent stars are peeled, never scored); complaint mill 79–85, loan
 * mediation 83, debt collection 65, surrender agent and stock tips ≈ 58. On seed worlds of 20k–200k actors
 * (bench/quality.bench.ts) about 0.9 of planted rings are recovered at a precision near 0.9.
 */
export const SCORE_WEIGHTS: Readonly<Record<ScoreComponentName, number>> = Object.freeze({
  size: 10,
  density: 5,
  evidence_strength: 5,
  evidence_variety: 25,
  activity: 10,
  money_concentration: 30,
  coordination: 15,
});

export const SIZE_SATURATION = 20;
/** A kind of evidence counts towards variety when it ties at least this share of the members (and 2). */
export const VARIETY_MIN_COVERAGE = 0.25;
/** Kinds that also describe a household; they count towards variety only when two or more are shared. */
export const HOUSEHOLD_KINDS: ReadonlySet<EvidenceKind> = new Set([
  'shared_phone',
  'shared_device',
  'shared_account',
]);
/** More members than this sharing one phone/device/account is no longer a household. */
export const HOUSEHOLD_MAX_SIZE = 5;
/** Members a template or lockstep pattern must tie before it counts towards variety. */
export const BEHAVIOUR_MIN_MEMBERS = 3;

export interface RingScore {
  score: number;
  breakdown: ScoreComponent[];
}

export function scoreRing(ctx: RingContext): RingScore {
  const n = ctx.members.length;
  const breakdown: ScoreComponent[] = [];
  const add = (
    component: ScoreComponentName,
    value: number,
    normalized: number,
    explanation: string,
  ): void => {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(normalized) ? normalized : 0));
    const weight = SCORE_WEIGHTS[component];
    breakdown.push({
      component,
      value: round(value, 4),
      normalized: clamped,
      weight,
      points: clamped * weight,
      explanation,
    });
  };

  add(
    'size',
    n,
    n <= 1 ? 0 : Math.log(n) / Math.log(SIZE_SATURATION),
    `The ring has ${n} members; size counts fully from ${SIZE_SATURATION}.`,
  );

  const possible = (n * (n - 1)) / 2;
  const density = possible === 0 ? 0 : ctx.pairs.length / possible;
  add('density', density, density, `${ctx.pairs.length} of ${possible} member pairs are directly tied.`);

  const meanStrength = n === 0 ? 0 : [...ctx.strength.values()].reduce((s, x) => s + x, 0) / n;
  add(
    'evidence_strength',
    meanStrength,
    1 - Math.exp(-meanStrength / 2),
    `Each member's ties to the others weigh ${meanStrength.toFixed(2)} on average.`,
  );

  // NOTE: a kind counts only when it ties at least a quarter of the members: a community that Louvain glued
  // together from unrelated bits (a family here, a shop's customers there) shows every kind somewhere,
  // while a ring's modus operandi runs through most of its members.
  // NOTE: and a household kind (shared phone, device, account) counts only when the ring shares two or
  // more of them, or one among more than 5 members: one home phone, one tablet and one joint card are what a
  // family looks like, while gangs pool several phones, handsets and group accounts.
  const coverage = [...ctx.kindMembers.entries()]
    .map(([kind, members]) => [kind, members.size, ctx.kindIdentifiers.get(kind)?.size ?? 0] as const)
    .sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]));
  const minCoverage = Math.max(2, Math.ceil(VARIETY_MIN_COVERAGE * n));
  // NOTE: and acting alike (one template, lockstep filing) counts only among three or more members: two
  // strangers writing a similar complaint, or meeting twice in a queue, is chance.
  const counts = ([kind, members, identifiers]: (typeof coverage)[number]): boolean =>
    members >= minCoverage &&
    (!HOUSEHOLD_KINDS.has(kind) || identifiers >= 2 || members > HOUSEHOLD_MAX_SIZE) &&
    (!BEHAVIOUR_EVIDENCE_KINDS.has(kind) || members >= BEHAVIOUR_MIN_MEMBERS);
  const broad = coverage.filter(counts);
  const rest = coverage.filter((entry) => !counts(entry));
  const describe = ([kind, members, identifiers]: (typeof coverage)[number]): string =>
    `${kind} (${members} members, ${identifiers} identifier${identifiers === 1 ? '' : 's'})`;
  const k = broad.length;
  add(
    'evidence_variety',
    k,
    k <= 1 ? 0 : Math.min(1, 0.4 + 0.2 * (k - 1)),
    (k <= 1
      ? `${k === 0 ? 'No kind' : 'Only one kind'} of evidence reaches at least ${minCoverage} of the ${n} members and is pooled${k === 1 ? ` (${broad.map(describe).join('')})` : ''}, as with an ordinary family or the clients of one firm`
      : `${k} kinds of evidence each reach at least ${minCoverage} of the ${n} members: ${broad.map(describe).join(', ')}`) +
      (rest.length > 0
        ? `; not counted (too few members, or one household phone/device/account): ${rest.map(describe).join(', ')}.`
        : '.'),
  );

  const filers = new Set(ctx.filings.map((f) => f.actorId)).size;
  const perMember = n === 0 ? 0 : ctx.filings.length / n;
  add(
    'activity',
    perMember,
    n === 0 ? 0 : 0.5 * (filers / n) + 0.5 * Math.min(1, perMember / 2),
    `${filers} of ${n} members filed ${ctx.filings.length} complaints/claims (${perMember.toFixed(2)} per member).`,
  );

  // NOTE: only payers tied to the ring by something besides money count: a shop's customers or a landlord's
  // tenants converge on one account too, but share nothing else with each other.
  const money = measureMoneyConcentration(ctx.moneyEvents.filter((e) => ctx.tiedMembers.has(e.payer)));
  const untied = ctx.moneyEvents.length - money.events;
  add(
    'money_concentration',
    money.share,
    money.share * Math.min(1, (money.payers.length - 1) / 2),
    (money.events === 0
      ? "No member tied to the others by shared identifiers sent money or had a refund paid into someone else's account"
      : `${money.eventsIntoTop} of ${money.events} transfers/foreign payouts by members tied to the others land in ${money.topAccounts.length} account(s) (${money.topAccounts.join(', ')}), paid into by ${money.payers.length} members`) +
      (untied > 0 ? `; ${untied} more come from members tied by money only.` : '.'),
  );

  const coordination = measureCoordination(ctx);
  add(
    'coordination',
    coordination.tied,
    coordination.credit / Math.max(1, n - coordination.centres),
    coordination.tied === 0
      ? "No member uses another member's phone as contact, account as payout or it as representative."
      : `${coordination.tied} members reach ${coordination.centres} centre(s) through contact phones, payout accounts or representation, ${coordination.corroborated} of them through two or more channels.`,
  );

  const total = breakdown.reduce((sum, c) => sum + c.points, 0);
  for (const c of breakdown) {
    c.normalized = round(c.normalized, 4);
    c.points = round(c.points, 2);
  }
  return { score: round(total, 1), breakdown };
}

/** Members pointing at a centre, credited ½ for one channel and 1 when a second channel corroborates it. */
export function measureCoordination(ctx: RingContext): {
  tied: number;
  corroborated: number;
  credit: number;
  centres: number;
} {
  const tied = new Set<string>();
  const centres = new Set<string>();
  let corroborated = 0;
  let credit = 0;
  for (const [memberId, byCentre] of ctx.ties) {
    let best = 0;
    for (const tie of byCentre.values()) {
      const viaIdentifiers = tie.channels.size - (tie.channels.has('transfer') ? 1 : 0);
      if (viaIdentifiers === 0) continue; // money alone is measured by money_concentration
      if (tie.centreIsMember) centres.add(tie.centre);
      best = Math.max(best, tie.channels.size >= 2 ? 1 : 0.5);
    }
    if (best > 0) tied.add(memberId);
    if (best === 1) corroborated++;
    credit += best;
  }
  // NOTE: a centre that itself points elsewhere (an agent using the boss's phone) counts as tied, not as a centre.
  const pureCentres = [...centres].filter((centre) => !tied.has(centre)).length;
  return { tied: tied.size, corroborated, credit, centres: pureCentres };
}
