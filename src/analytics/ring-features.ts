// What a candidate ring's ties say, measured against the data's own base rates: the inputs of the probability model.
import { IDENTIFIER_EVIDENCE_KINDS } from './evidence.types.js';
import type { RingContext } from './ring-context.js';
import type { ScoreComponent } from './ring.types.js';

/**
 * Every feature is scale-free (a share, a log-count or a −log10 chance), so that one model reads worlds of any size
 * and evidence mix. The chance features compare the ring with `n` actors drawn at random from the data:
 *
 * | feature            | measured as                                                                              |
 * |--------------------|------------------------------------------------------------------------------------------|
 * | size               | ln n                                                                                     |
 * | density            | member pairs tied by anything / n(n−1)/2                                                  |
 * | multiplex          | tied pairs tied by two or more independent pieces of evidence / tied pairs               |
 * | identifierSurprise | −log10 of the chance that n random actors share this many of these identifiers, beyond   |
 * |                    | the n−1 ties any connected group needs (Poisson on the data's own identifier degrees),   |
 * |                    | divided by n: a family sharing one phone scores 0, a bot farm sharing 300 friends high   |
 * | exclusivity        | of the holders of the identifiers members share, the share who are members              |
 * | handOff            | members writing down another member's (or one shared third party's) phone, account or    |
 * |                    | agent: v1's coordination measure                                                         |
 * | behaviour          | members tied by near-identical texts or lockstep filing (≥ 3 of them), / n               |
 * | money              | v1's money concentration: members' money converging on a few accounts of others          |
 * | activity           | v1's activity: members who filed, filings per member                                     |
 * | variety            | kinds of evidence each reaching a quarter of the members (v1's evidence_variety, 0..1)    |
 * | named              | ln(1 + distinct outside filers naming members' identifiers as the party complained about, |
 * |                    | per member): a gang of 5 named by 50 debtors reads 2.4, a loose web of 2,000 named by 100 0.05 |
 * | closure            | members' evidence weight that stays inside the ring / all their evidence weight           |
 * | pairDepth          | ln of the mean number of distinct pieces of evidence per tied pair                        |
 * | routedMoney        | members who hand off to a centre and whose money converges: min(1, 2·handOff) × money:  |
 * |                    | the fee taken at source, the core of every trade in DESIGN.md                            |
 * | cohesion           | ln(1 + the number of other members the typical member is independently tied to): an      |
 * |                    | identifier m members share counts as m−1 ties (a star), not m(m−1)/2 (a clique): 40      |
 * |                    | clients of one lawyer are not a 41-clique                                                |
 */
export const RING_FEATURES = [
  'size',
  'density',
  'multiplex',
  'identifierSurprise',
  'exclusivity',
  'handOff',
  'behaviour',
  'money',
  'activity',
  'variety',
  'named',
  'closure',
  'pairDepth',
  'cohesion',
  'routedMoney',
] as const;
export type RingFeature = (typeof RING_FEATURES)[number];
export type RingFeatures = Record<RingFeature, number>;

export interface BaseRates {
  /** Actors in the data (the population random groups are drawn from). */
  actors: number;
}

/**
 * −log10 P(Poisson(λ) ≥ k), λ the expected number of identifier co-memberships (Σ (m−1) over shared identifiers)
 * that n random actors would show, k the observed ones beyond the n−1 a connected group needs anyway.
 */
export function identifierSurprise(
  shared: readonly { members: number; actorCount: number }[],
  n: number,
  population: number,
): number {
  if (n < 2 || population < 2) return 0;
  const q = n / population;
  let lambda = 0;
  let observed = 0;
  for (const { members, actorCount } of shared) {
    observed += members - 1;
    // NOTE: expected (m−1)+ for one identifier of degree d when n of N actors are drawn: d·q − (1 − (1−q)^d).
    const d = Math.max(actorCount, members);
    lambda += Math.max(0, d * q - (1 - Math.pow(1 - q, d)));
  }
  const k = observed - (n - 1);
  if (k <= 0) return 0;
  // log10 of the Poisson upper tail, bounded below by its first term (exact enough for ranking and calibration)
  const lam = Math.max(lambda, 1e-12);
  const logTerm = k * Math.log(lam) - lam - logFactorial(k);
  return Math.max(0, -logTerm / Math.LN10);
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  if (k < 50) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k); // Stirling
}

export function measureRingFeatures(
  ctx: RingContext,
  breakdown: readonly ScoreComponent[],
  rates: BaseRates,
): RingFeatures {
  const n = ctx.members.length;
  const possible = (n * (n - 1)) / 2;
  let multiplexPairs = 0;
  let pieces = 0;
  for (const pair of ctx.pairs) {
    const distinct = new Set(pair.evidence.map((e) => `${e.kind}:${e.identifier}`));
    if (distinct.size >= 2) multiplexPairs++;
    pieces += distinct.size;
  }
  let inner = 0;
  let total = 0;
  for (const m of ctx.members) {
    inner += ctx.strength.get(m) ?? 0;
    if (ctx.graph.graph.hasNode(m)) total += weightedDegree(ctx, m);
  }
  const shared: { members: number; actorCount: number }[] = [];
  let inside = 0;
  let overall = 0;
  for (const id of ctx.identifiers) {
    const members = id.vias.size;
    if (members < 2) continue;
    shared.push({ members, actorCount: id.actorCount });
    inside += members;
    overall += Math.max(id.actorCount, members);
  }
  const behaviourMembers = new Set<string>();
  for (const kind of ['template_text', 'lockstep'] as const) {
    const set = ctx.kindMembers.get(kind);
    if (set !== undefined && set.size >= 3) for (const m of set) behaviourMembers.add(m);
  }
  const namers = new Set<string>();
  for (const m of ctx.members)
    for (const fact of ctx.graph.namedAgainst(m))
      if (!ctx.memberSet.has(fact.namerId)) namers.add(fact.namerId);
  const component = (name: ScoreComponent['component']): number =>
    breakdown.find((c) => c.component === name)?.normalized ?? 0;
  return {
    size: Math.log(Math.max(1, n)),
    density: possible === 0 ? 0 : ctx.pairs.length / possible,
    multiplex: ctx.pairs.length === 0 ? 0 : multiplexPairs / ctx.pairs.length,
    identifierSurprise: n === 0 ? 0 : identifierSurprise(shared, n, rates.actors) / n,
    exclusivity: overall === 0 ? 0 : inside / overall,
    handOff: component('coordination'),
    behaviour: n === 0 ? 0 : behaviourMembers.size / n,
    money: component('money_concentration'),
    activity: component('activity'),
    variety: component('evidence_variety'),
    named: n === 0 ? 0 : Math.log1p(namers.size / n),
    closure: total === 0 ? 0 : Math.min(1, inner / total),
    pairDepth: ctx.pairs.length === 0 ? 0 : Math.log(pieces / ctx.pairs.length),
    cohesion: n === 0 ? 0 : Math.log1p((2 * Math.min(ctx.pairs.length, effectiveTies(ctx))) / n),
    routedMoney: Math.min(1, 2 * component('coordination')) * component('money_concentration'),
  };
}

function weightedDegree(ctx: RingContext, actorId: string): number {
  let s = 0;
  ctx.graph.graph.forEachEdge(actorId, (_e, attributes) => {
    s += attributes.weight;
  });
  return s;
}

/** Ties that do not come from one shared thing counted many times: Σ (m−1) over shared identifiers plus other pairs. */
function effectiveTies(ctx: RingContext): number {
  let ties = 0;
  for (const id of ctx.identifiers) ties += Math.max(0, id.vias.size - 1);
  for (const pair of ctx.pairs) if (!pair.evidence.some((e) => IDENTIFIER_EVIDENCE_KINDS.has(e.kind))) ties++;
  return ties;
}
