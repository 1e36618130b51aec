// When a source says a tie held: the earliest and latest event times reported for it, never when ringmap loaded it.
import { timeMs } from '../analytics/iso-time.js';

/**
 * The event times of one tie (an actor's phone, account, device or generic identifier): `observedAt` the earliest a
 * source reported, `lastObservedAt` the latest; null while no source reported any. A record that reports none leaves
 * them as they are: the absence of a time is no event.
 */
export interface ObservedTimes {
  observedAt: string | null;
  lastObservedAt: string | null;
}

/**
 * `next` if it is strictly earlier than `held` (or `held` is null), else `held`: an equal instant keeps the value
 * held, as the ingest queries' `CASE WHEN datetime(r.observedAt) < u.observedAt` does, whatever offset either is in.
 */
export function earlier(held: string | null, next: string | null): string | null {
  if (next === null) return held;
  return held === null || timeMs(next) < timeMs(held) ? next : held;
}

/** `next` if it is strictly later than `held` (or `held` is null), else `held`. */
export function later(held: string | null, next: string | null): string | null {
  if (next === null) return held;
  return held === null || timeMs(next) > timeMs(held) ? next : held;
}

/** The times of a tie reported at `at` (its own time, else the record's; null when neither gave one). */
export function observedOnce(at: string | null): ObservedTimes {
  return { observedAt: at, lastObservedAt: at };
}

/** Widens `held` in place by what `next` reports: the earlier first and the later last time. */
export function widen(held: ObservedTimes, next: ObservedTimes): void {
  held.observedAt = earlier(held.observedAt, next.observedAt);
  held.lastObservedAt = later(held.lastObservedAt, next.lastObservedAt);
}
