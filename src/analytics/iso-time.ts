// Timestamps as rows carry them (ISO strings) turned into sortable numbers and calendar days.

/**
 * Milliseconds since the epoch, or NaN when missing or unparsable.
 * NOTE: Neo4j prints zoned datetimes as `…+08:00[Asia/Shanghai]`; the offset already fixes the instant.
 */
export function timeMs(at: string | undefined): number {
  if (at === undefined) return Number.NaN;
  return Date.parse(at.endsWith(']') ? at.replace(/\[[^\]]*\]$/, '') : at);
}

/** Normalised ISO string when parsable; otherwise the raw text, so nothing the source said is lost. */
export function toIsoOrRaw(at: string): string {
  const ms = timeMs(at);
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
  const ms = timeMs(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString().slice(0, 10);
}

/** Orders by time, unparsable or missing last; callers break ties. */
export function compareTimes(a: string | undefined, b: string | undefined): number {
  const x = timeMs(a);
  const y = timeMs(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x - y;
}
