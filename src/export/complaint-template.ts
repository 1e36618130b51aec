// Finds the template behind a ring's complaint texts: the most typical text and how close each complaint is to it.

export interface TemplateMatch {
  id: string;
  similarity: number;
}

export interface ComplaintTemplate {
  /** The medoid: the complaint text most similar to all the others. */
  text: string;
  exemplarId: string;
  threshold: number;
  /** Every complaint with a text, most similar first. */
  matches: TemplateMatch[];
  /** How many reach the threshold (the exemplar included). */
  matching: number;
}

// NOTE: the rings' texts are slot-filled templates with paraphrased pieces, so exact equality misses most of them;
// character bigrams with digits folded (amounts, dates, policy numbers differ) survive both.
function shingles(text: string): Set<string> {
  const s = text.replace(/\s+/g, '').replace(/\d+/g, '0');
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** The medoid is looked for among at most this many texts, so a huge ring stays quadratic in a bounded number. */
const MEDOID_SAMPLE = 300;

export function findComplaintTemplate(
  complaints: { id: string; text?: string | null }[],
  threshold = 0.5,
): ComplaintTemplate | undefined {
  const texts = complaints
    .filter((c): c is { id: string; text: string } => typeof c.text === 'string' && c.text.trim() !== '')
    .map((c) => ({ id: c.id, text: c.text, sh: shingles(c.text) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (texts.length === 0) return undefined;
  const sample = texts.slice(0, MEDOID_SAMPLE);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < sample.length; i++) {
    let score = 0;
    for (let j = 0; j < sample.length; j++) if (i !== j) score += jaccard(sample[i]!.sh, sample[j]!.sh);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  const exemplar = sample[best]!;
  const matches = texts
    .map((t) => ({ id: t.id, similarity: Math.round(jaccard(exemplar.sh, t.sh) * 1000) / 1000 }))
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
  return {
    text: exemplar.text,
    exemplarId: exemplar.id,
    threshold,
    matches,
    matching: matches.filter((m) => m.similarity >= threshold).length,
  };
}
