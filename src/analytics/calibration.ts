// Fitting and checking the ring probability model: weighted logistic regression and the calibration table.

/**
 * L2-regularised weighted logistic regression by Newton's method (few features, a few thousand samples); `offset`
 * is added to each sample's logit; coefficients listed in `nonNegative` are held at ≥ 0 (projected steps): a
 * domain feature (money converging, hand-offs) is never evidence of innocence just because a data set lacks it.
 */
export function fitLogistic(
  samples: { x: number[]; y: number; w: number; offset?: number }[],
  { l2 = 0.05, nonNegative = [] as number[], iterations = 100 } = {},
): number[] {
  const k = (samples[0]?.x.length ?? 0) + 1;
  const beta = new Array<number>(k).fill(0);
  const clamped = new Set(nonNegative.map((i) => i + 1));
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const s of samples) {
      const xs = [1, ...s.x];
      let z = s.offset ?? 0;
      for (let i = 0; i < k; i++) z += beta[i]! * xs[i]!;
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < k; i++) {
        grad[i]! += s.w * (s.y - p) * xs[i]!;
        for (let j = 0; j < k; j++) hess[i]![j]! += s.w * p * (1 - p) * xs[i]! * xs[j]!;
      }
    }
    for (let i = 1; i < k; i++) {
      grad[i]! -= l2 * beta[i]!;
      hess[i]![i]! += l2;
    }
    // NOTE: a clamped coefficient sitting at 0 with a gradient pointing below 0 is left out of the step.
    const free = [...Array(k).keys()].filter((i) => !(clamped.has(i) && beta[i]! <= 0 && grad[i]! < 0));
    const step = solve(
      free.map((i) => free.map((j) => hess[i]![j]!)),
      free.map((i) => grad[i]!),
    );
    let max = 0;
    free.forEach((i, f) => {
      const next = clamped.has(i) ? Math.max(0, beta[i]! + step[f]!) : beta[i]! + step[f]!;
      max = Math.max(max, Math.abs(next - beta[i]!));
      beta[i] = next;
    });
    if (max < 1e-9) break;
  }
  return beta;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

export interface CalibrationBin {
  from: number;
  to: number;
  rings: number;
  meanPredicted: number | null;
  observed: number | null;
}

export function calibrationTable(points: { p: number; y: number }[], bins = 10): CalibrationBin[] {
  return Array.from({ length: bins }, (_, b) => {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = points.filter((q) => q.p >= from && (b === bins - 1 ? q.p <= to : q.p < to));
    const mean = (xs: number[]): number | null =>
      xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000;
    return {
      from,
      to,
      rings: inBin.length,
      meanPredicted: mean(inBin.map((q) => q.p)),
      observed: mean(inBin.map((q) => q.y)),
    };
  });
}

export function formatTable(bins: CalibrationBin[]): string {
  const rows = bins.map(
    (b) =>
      `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.rings} | ${b.meanPredicted ?? '–'} | ${b.observed ?? '–'} |`,
  );
  return [
    '| predicted | rings | mean predicted | observed share organised |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
