// Character-level differences between two near-identical texts (LCS), for showing template texts side by side.

export interface Segment {
  text: string;
  /** true: also in the other text; false: only in this one. */
  same: boolean;
}

/** Beyond this many characters a text is compared by its start only (the table is length × length). */
export const MAX_DIFF_CHARS = 2000;

/**
 * The longest common subsequence of code points, then each text cut into runs of shared and own characters.
 * Chinese has no spaces, so words are no unit; characters are what a drafter changes (a name, an amount, 葆费 for 保费).
 */
export function diffTexts(a: string, b: string): { a: Segment[]; b: Segment[] } {
  const x = Array.from(a).slice(0, MAX_DIFF_CHARS);
  const y = Array.from(b).slice(0, MAX_DIFF_CHARS);
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * w + j] =
        x[i] === y[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const inA = new Array<boolean>(n).fill(false);
  const inB = new Array<boolean>(m).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      inA[i++] = true;
      inB[j++] = true;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return { a: runs(x, inA), b: runs(y, inB) };
}

function runs(chars: string[], same: boolean[]): Segment[] {
  const out: Segment[] = [];
  chars.forEach((c, k) => {
    const last = out[out.length - 1];
    if (last && last.same === same[k]) last.text += c;
    else out.push({ text: c, same: same[k]! });
  });
  return out;
}
