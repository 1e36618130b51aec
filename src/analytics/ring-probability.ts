// The probability that a candidate ring is organised: two calibrated logistic models (structure alone; the trades'
// modus operandi) combined as independent routes to the same conclusion, minus what legitimate structures explain.
import type { CounterEvidence, LegitimatePattern } from './legitimate-patterns.js';
import type { RingFeature, RingFeatures } from './ring-features.js';
import { SCORE_MODEL } from './score-model.js';
import { round } from './ordering.js';

/**
 * Structure alone (who is tied to whom, however: friends, IPs, phones) is what a new party's feed has; the domain
 * features (hand-offs, money, templates, named parties) are what complaint and claim data adds. Either can show a
 * ring by itself: a bot farm has no complaints, a complaint mill's members share no friend.
 */
export const STRUCTURE_FEATURES = [
  'size',
  'density',
  'cohesion',
  'identifierSurprise',
  'closure',
  'multiplex',
] as const satisfies readonly RingFeature[];
export const DOMAIN_FEATURES = [
  'size',
  'density',
  'handOff',
  'money',
  'variety',
  'behaviour',
  'named',
  'routedMoney',
] as const satisfies readonly RingFeature[];

export interface LogisticPart {
  intercept: number;
  coefficients: Partial<Record<RingFeature, number>>;
}

/** The fitted model (written by `npm run calibrate` into score-model.ts). */
export interface ScoreModel {
  structure: LogisticPart;
  domain: LogisticPart;
  /** Platt scaling of the combined logit: p = σ(a + b·logit). */
  platt: { a: number; b: number };
  /** The mean of each transformed feature over the calibration candidates: contributions are shown against it. */
  means: Partial<Record<RingFeature, number>>;
  /** Log-odds taken off the parts' combined logit per recognised legitimate pattern (before scaling). */
  counterLogOdds: number;
  /**
   * Log-odds taken off the calibrated logit for each recognised pattern, fitted per pattern with the scaling: a
   * pattern that also fires on organised rings (a small fraud cell looks like a household) takes off less.
   */
  patternLogOdds?: Partial<Record<LegitimatePattern, number>>;
  /** Rings at or above this probability are reported. */
  reportMinProbability: number;
  /** Observed precision of the dev candidates at or above the threshold. */
  expectedPrecision: number;
  trainedOn: string[];
  builtAt: string;
}

/**
 * identifierSurprise spans 0 … thousands of bits: the model reads its logarithm. Density falls as 1/n for a web of
 * fixed degree: the model reads ln density, so that with ln n it can tell a tight group from a loose web of any size.
 */
export function transformFeature(feature: RingFeature, value: number): number {
  if (feature === 'identifierSurprise') return Math.log1p(Math.max(0, value));
  if (feature === 'density') return Math.log(Math.max(0.001, value));
  return value;
}

export interface ProbabilityTerm {
  feature: RingFeature | 'counter_evidence';
  part: 'structure' | 'domain' | 'counter';
  value: number;
  /** Log-odds this term adds, within its part, against a typical candidate of the calibration data. */
  logOdds: number;
}

export interface RingProbability {
  probability: number;
  /** Structure-only and domain-only probabilities before counter-evidence and scaling. */
  structure: number;
  domain: number;
  /** Strongest terms first, in log-odds: what raised and what lowered the probability. */
  terms: ProbabilityTerm[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

function partLogit(
  part: LogisticPart,
  features: RingFeatures,
  means: ScoreModel['means'],
  name: 'structure' | 'domain',
  terms: ProbabilityTerm[],
): number {
  let z = part.intercept;
  for (const [feature, c] of Object.entries(part.coefficients) as [RingFeature, number][]) {
    const x = transformFeature(feature, features[feature]);
    z += c * x;
    terms.push({
      feature,
      part: name,
      value: round(features[feature], 4),
      logOdds: round(c * (x - (means[feature] ?? 0)), 3) || 0,
    });
  }
  return z;
}

/**
 * Recognised patterns that explain what the domain part reads: a clientele's fees into the firm's or shop's
 * account, the firm's lawyer as representative, its phone as contact. With one of them on a ring only the
 * structure part speaks for it (then the pattern's own log-odds come off).
 */
export const DOMAIN_EXPLAINING_PATTERNS: ReadonlySet<LegitimatePattern> = new Set(['shared_services']);

/** One 'counter_evidence' term carries everything the counter-evidence takes off. */
function addCounterTerm(terms: ProbabilityTerm[], count: number, logOdds: number): void {
  const existing = terms.find((t) => t.feature === 'counter_evidence');
  if (existing) existing.logOdds = round(existing.logOdds + logOdds, 3) || 0;
  else
    terms.push({
      feature: 'counter_evidence',
      part: 'counter',
      value: count,
      logOdds: round(logOdds, 3) || 0,
    });
}

/** The uncalibrated combined logit: noisy-OR of the two parts (the domain part silenced by a pattern that explains it), minus the counter-evidence. */
export function rawLogit(
  features: RingFeatures,
  counter: readonly CounterEvidence[],
  model: Pick<ScoreModel, 'structure' | 'domain' | 'means' | 'counterLogOdds'>,
  terms: ProbabilityTerm[] = [],
): { z: number; structure: number; domain: number } {
  const structure = sigmoid(partLogit(model.structure, features, model.means, 'structure', terms));
  const explained = counter.some((c) => DOMAIN_EXPLAINING_PATTERNS.has(c.pattern));
  const domainTerms: ProbabilityTerm[] = [];
  const domain = sigmoid(
    partLogit(model.domain, features, model.means, 'domain', explained ? domainTerms : terms),
  );
  let z = logit(1 - (1 - structure) * (1 - (explained ? 0 : domain)));
  if (explained) {
    // the fees, hand-offs and variety the domain part reads are the services' own: what is left is structure
    addCounterTerm(terms, counter.length, z - logit(1 - (1 - structure) * (1 - domain)));
  }
  if (counter.length > 0 && model.counterLogOdds > 0) {
    const penalty = model.counterLogOdds * counter.length;
    z -= penalty;
    addCounterTerm(terms, counter.length, -penalty);
  }
  return { z, structure, domain };
}

export function ringProbability(
  features: RingFeatures,
  counter: readonly CounterEvidence[],
  model: ScoreModel = SCORE_MODEL,
): RingProbability {
  const terms: ProbabilityTerm[] = [];
  const { z, structure, domain } = rawLogit(features, counter, model, terms);
  let off = 0;
  for (const pattern of new Set(counter.map((c) => c.pattern))) {
    const c = model.patternLogOdds?.[pattern] ?? 0;
    if (c === 0) continue;
    off += c;
    addCounterTerm(terms, counter.length, -c);
  }
  terms.sort((x, y) => Math.abs(y.logOdds) - Math.abs(x.logOdds) || x.feature.localeCompare(y.feature));
  return {
    probability: round(sigmoid(model.platt.a + model.platt.b * z - off), 4),
    structure: round(structure, 4),
    domain: round(domain, 4),
    terms,
  };
}
