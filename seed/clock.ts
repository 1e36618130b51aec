// Time span of the synthetic world and Asia/Shanghai timestamps (epoch seconds in, ISO 8601 with +08:00 out).
import type { Rng } from './rng.js';

export const DAY = 86_400;
const SHANGHAI_OFFSET = 8 * 3600;

/** 2025-01-01T00:00:00+08:00 */
export const SPAN_START = Date.UTC(2025, 0, 1) / 1000 - SHANGHAI_OFFSET;
/** 2026-10-31T23:59:59+08:00 */
export const SPAN_END = Date.UTC(2026, 9, 31, 23, 59, 59) / 1000 - SHANGHAI_OFFSET;
export const SPAN_DAYS = Math.floor((SPAN_END - SPAN_START) / DAY) + 1;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 in China Standard Time, e.g. 2026-03-04T09:12:00+08:00 (China has no DST, so the offset is fixed). */
export function formatShanghai(epochSeconds: number): string {
  const d = new Date((Math.floor(epochSeconds) + SHANGHAI_OFFSET) * 1000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Local calendar date, e.g. 2026年3月4日, for complaint texts. */
export function chineseDate(epochSeconds: number): string {
  const d = new Date((Math.floor(epochSeconds) + SHANGHAI_OFFSET) * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function clampToSpan(epochSeconds: number): number {
  return Math.min(SPAN_END, Math.max(SPAN_START, epochSeconds));
}

/** Start of the local day `dayIndex` days after SPAN_START. */
export function dayStart(dayIndex: number): number {
  return SPAN_START + dayIndex * DAY;
}

/**
 * A moment on the given local day. People file and pay mostly in waking hours, so the hour is drawn
 * from a daytime-heavy profile rather than uniformly (uniform timestamps would look synthetic).
 */
export function momentOnDay(rng: Rng, dayIndex: number): number {
  const hour = rng.weighted(HOUR_WEIGHTS);
  return clampToSpan(dayStart(dayIndex) + hour * 3600 + rng.int(0, 59) * 60 + rng.int(0, 59));
}

/** A moment anywhere in [from, to] (epoch seconds), on a daytime-heavy hour. */
export function momentBetween(rng: Rng, from: number, to: number): number {
  const first = Math.floor((clampToSpan(from) - SPAN_START) / DAY);
  const last = Math.floor((clampToSpan(to) - SPAN_START) / DAY);
  return momentOnDay(rng, rng.int(first, Math.max(first, last)));
}

export function anyMoment(rng: Rng): number {
  return momentOnDay(rng, rng.int(0, SPAN_DAYS - 1));
}

const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 0.3],
  [1, 0.15],
  [2, 0.1],
  [3, 0.05],
  [4, 0.05],
  [5, 0.1],
  [6, 0.4],
  [7, 1],
  [8, 2.5],
  [9, 4],
  [10, 4.5],
  [11, 4],
  [12, 2.5],
  [13, 3],
  [14, 4],
  [15, 4],
  [16, 3.5],
  [17, 3],
  [18, 2],
  [19, 2.2],
  [20, 2.5],
  [21, 2.2],
  [22, 1.5],
  [23, 0.8],
];
