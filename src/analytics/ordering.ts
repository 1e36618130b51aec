// Locale-independent ordering and rounding, so every listing and number comes out the same on every machine.

/** Code-unit order, the same order `Array.prototype.sort()` gives strings; never locale-dependent. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** Rounds for display; the unrounded values are what decisions are made on. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
