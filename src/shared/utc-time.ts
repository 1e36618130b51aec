// One convention for date-times in answers and exports: UTC, ISO 8601 with milliseconds and `Z`.
import { timeMs } from '../analytics/iso-time.js';

// a date-time with a time (and a zone, as Neo4j prints zoned values); plain dates (timeline days) stay as written
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})(\[[^\]]+\])?$/;

/** `2026-03-01T09:10:00+08:00` → `2026-03-01T01:10:00.000Z`; anything else is returned as it is. */
export function utcTime(s: string): string {
  if (!DATE_TIME.test(s)) return s;
  const ms = timeMs(s);
  return Number.isNaN(ms) ? s : new Date(ms).toISOString();
}

/** A copy of the value with every date-time string in it written in UTC. */
export function utcTimes<T>(value: T): T {
  if (typeof value === 'string') return utcTime(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => utcTimes(v)) as T;
  if (value !== null && typeof value === 'object') {
    // generic object: walks any JSON value, whatever its shape
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = utcTimes(v);
    return out as T;
  }
  return value;
}
