// Runs the coordination analyses (template texts, lockstep filing, collection accounts) over a builder's rows.
import type { DetectionParams } from './detection-params.js';
import type { FilingRow, TransferRow } from './evidence.types.js';
import { timeMs } from './iso-time.js';
import type { LockstepAnalysis } from './lockstep.js';
import { findLockstep } from './lockstep.js';
import type { CoPaymentAnalysis } from './money-flows.js';
import { findCoPayments } from './money-flows.js';
import type { TemplateAnalysis } from './template-similarity.js';
import { findTemplates } from './template-similarity.js';

/** Filers paying into one account before it counts as a collection account. */
export const CO_PAYMENT_MIN_PAYERS = 3;

export type CoordinationParams = Pick<
  DetectionParams,
  | 'seed'
  | 'hubThreshold'
  | 'templateMinSimilarity'
  | 'genericTemplateThreshold'
  | 'lockstepWindowMinutes'
  | 'lockstepMinRepetitions'
  | 'lockstepMaxCrowd'
  | 'coPaymentWindowDays'
>;

export interface CoordinationAnalysis {
  templates: TemplateAnalysis;
  lockstep: LockstepAnalysis;
  coPayments: CoPaymentAnalysis;
  /** Milliseconds per analysis, for the run's stage timings. */
  timings: { text: number; lockstep: number; money: number };
}

/** The evidence a coordination analysis contributes to one edge. */
export type CoordinationKind = 'template_text' | 'lockstep' | 'co_payment' | 'co_named';
export interface CoordinationLink {
  kind: CoordinationKind;
  /** Index into the analysis's matches of that kind. */
  index: number;
}

/**
 * Repeated lockstep counts a little more, like repeated transfers: ×1 at the minimum number of coincidences,
 * ×2 at four times as many.
 */
export function lockstepFactor(episodes: number, minRepetitions: number): number {
  return Math.min(2, 1 + Math.log2(Math.max(1, episodes / Math.max(1, minRepetitions))) / 2);
}

/**
 * `transfers` are those tying two different actors (moves within a household already left out); filings and
 * transfers may be in any order, the analyses sort what they need.
 */
export function analyseCoordination(
  filings: readonly FilingRow[],
  transfers: readonly TransferRow[],
  params: CoordinationParams,
): CoordinationAnalysis {
  let t0 = performance.now();
  const templates = findTemplates(
    filings.flatMap((f) =>
      f.text === undefined || f.text.length === 0 ? [] : [{ id: f.id, actorId: f.actorId, text: f.text }],
    ),
    {
      seed: params.seed,
      minSimilarity: params.templateMinSimilarity,
      genericThreshold: params.genericTemplateThreshold,
    },
  );
  const text = performance.now() - t0;

  t0 = performance.now();
  const lockstep = findLockstep(filings, {
    windowMinutes: params.lockstepWindowMinutes,
    minRepetitions: params.lockstepMinRepetitions,
    maxCrowd: params.lockstepMaxCrowd,
  });
  const lockstepMs = performance.now() - t0;

  t0 = performance.now();
  const times = new Map<string, number[]>();
  for (const f of filings) {
    const at = timeMs(f.filedAt);
    if (Number.isNaN(at)) continue;
    const list = times.get(f.actorId);
    if (list === undefined) times.set(f.actorId, [at]);
    else list.push(at);
  }
  for (const list of times.values()) list.sort((x, y) => x - y);
  const coPayments = findCoPayments(transfers, (actorId) => times.get(actorId) ?? [], {
    maxPayers: params.hubThreshold,
    minPayers: CO_PAYMENT_MIN_PAYERS,
    windowDays: params.coPaymentWindowDays,
  });
  const money = performance.now() - t0;

  return {
    templates,
    lockstep,
    coPayments,
    timings: { text: Math.round(text), lockstep: Math.round(lockstepMs), money: Math.round(money) },
  };
}
