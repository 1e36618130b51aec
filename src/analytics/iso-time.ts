// Timestamps as rows carry them (ISO strings) turned into sortable numbers and calendar days.

/** Milliseconds since the epoch, or NaN when missing or unparsable. */
export function timeMs(at: string | undefined): number {
  return at === undefined ? Number.NaN : Date.parse(at);
}

/** Normalised ISO string when parsable; otherwise the raw text, so nothing the source said is lost. */
export function toIsoOrRaw(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString();
}

/**
 * The calendar day as written (`2024-03-05T23:30:00+08:00` → `2024-03-05`).
 * NOTE: filings are dated in the filer's local time; converting to UTC first would move late-evening
 * Beijing filings to the previous day and split one burst over two days.
 */
export function dayOf(at: string): string {
  const written = /^(\d{4}-\d{2}-\d{2})/.exec(at);
  if (written?.[1]) return written[1];
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString().slice(0, 10);
}

/** Sorts by time (unparsable last), then by the tie-breaker. */
export function compareTimes(a: string | undefined, b: string | undefined): number {
  const x = timeMs(a);
  const y = timeMs(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x - y;
}
