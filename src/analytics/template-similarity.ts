// Near-duplicate complaint texts: clusters them into templates and links the complainants who used a rare one.
import { displayText, normaliseText } from '../text/normalise-text.js';
import { MinHasher, estimateSimilarity, lshCandidates } from '../text/minhash-lsh.js';
import { compareStrings } from './ordering.js';

export interface TextFiling {
  id: string;
  actorId: string;
  text: string;
}

export interface TemplateParams {
  /** Seeds the MinHash functions (the run's seed). */
  seed: number;
  /** Two texts are near-duplicates when their estimated Jaccard resemblance reaches this. */
  minSimilarity: number;
  /** A template used by more distinct complainants than this is generic: recorded, never used to link. */
  genericThreshold: number;
  /** Overrides of the MinHash/LSH shape (tests and benchmarks). */
  shape?: Partial<{ shingleSize: number; numHashes: number; bands: number; rows: number }>;
}

/**
 * Shingles of 4 pinyin tokens (one per character); 80 MinHash values in 16 bands of 5 rows, so pairs at
 * J = 0.5 become candidates with probability 0.40, at 0.7 with 0.95 and at 0.8 with 0.998 (1 − (1 − J⁵)¹⁶),
 * and the estimate is within about ±0.05.
 * NOTE: 3-grams make every text share the stock phrases of complaints (要求退还, 违规收取), 5-grams let one
 * substituted character break five shingles. 16 × 4 bands found the same near-duplicates on the seed worlds
 * from twice as many candidates (everyday wording at J ≈ 0.4–0.6), which the check then throws out.
 */
export const TEXT_SHINGLE_SIZE = 4;
export const TEXT_NUM_HASHES = 80;
export const TEXT_BANDS = 16;
export const TEXT_ROWS = 5;
export const TEXT_MAX_BUCKET = 200;
/** Texts shorter than this (once normalised) say too little to be a template ("要求退费"). */
export const TEXT_MIN_LENGTH = 12;

export interface TextTemplate {
  /** TPL-1, TPL-2, … numbered by their smallest filing id; stable for the same rows. */
  id: string;
  filingIds: string[];
  /** Distinct complainants. */
  actorIds: string[];
  /** The filing with the most near-duplicates, and its normalised text (names and numbers masked). */
  representativeFilingId: string;
  representativeText: string;
  /** Mean similarity of the near-duplicate pairs that form it. */
  meanSimilarity: number;
  /** The most complainants with a near-duplicate of one of its texts (what makes a template generic). */
  spread: number;
  generic: boolean;
}

/** Two complainants who filed near-duplicate texts of one non-generic template. */
export interface TemplateMatch {
  /** Smaller id first. */
  actorA: string;
  actorB: string;
  /** Index into `templates`. */
  template: number;
  /** The best similarity between a text of A and a text of B. */
  similarity: number;
  /**
   * Distinct complainants with a near-duplicate of either text of that best pair (both included): how
   * common the wording is where these two used it, which damps the evidence like an identifier's degree.
   */
  spread: number;
  /** The two filings of that best pair (A's first). */
  filingIds: [string, string];
  /** Near-duplicate pairs of texts between the two. */
  pairs: number;
}

export interface TemplateAnalysis {
  templates: TextTemplate[];
  matches: TemplateMatch[];
  stats: {
    texts: number;
    /** Texts long enough to compare. */
    comparable: number;
    candidatePairs: number;
    nearDuplicatePairs: number;
    chainedBuckets: number;
    /** Texts whose near-duplicates come from more than genericThreshold complainants. */
    genericTexts: number;
    templates: number;
    genericTemplates: number;
  };
}

export const EMPTY_TEMPLATE_ANALYSIS: TemplateAnalysis = Object.freeze({
  templates: [],
  matches: [],
  stats: {
    texts: 0,
    comparable: 0,
    candidatePairs: 0,
    nearDuplicatePairs: 0,
    chainedBuckets: 0,
    genericTexts: 0,
    templates: 0,
    genericTemplates: 0,
  },
}) as TemplateAnalysis;

/**
 * 1. every text normalised (normalise-text.ts) and shingled on its pinyin form, so homophones, traditional
 *    characters, full-width digits and inserted punctuation change nothing;
 * 2. MinHash signatures and LSH banding give candidate pairs; a candidate is a near-duplicate when its
 *    estimated resemblance reaches `minSimilarity` (no all-pairs comparison);
 * 3. a text whose near-duplicates were filed by more than `genericThreshold` complainants (or that shares an
 *    LSH bucket with that many texts) is generic — a bank's complaint form, a wording circulating online —
 *    and is quarantined like a hub;
 * 4. the other near-duplicates are clustered (union-find) into templates; a template of one complainant is
 *    just that person repeating themselves and is dropped; generic texts are clustered apart, for the record;
 * 5. the near-duplicate pairs between different complainants are the matches, each with the spread of its
 *    wording.
 * NOTE: genericness is decided per text, from its own near-duplicates, not per cluster: near-duplicates
 * chain (A ~ B ~ C while A ≁ C), so clusters of everyday wording grow without bound and would swallow a
 * ring's template that happens to touch one of them.
 */
export function findTemplates(filings: readonly TextFiling[], params: TemplateParams): TemplateAnalysis {
  const sorted = filings
    .filter((f) => typeof f.text === 'string' && f.text.length > 0)
    .slice()
    .sort((x, y) => compareStrings(x.id, y.id));
  const shape = {
    shingleSize: TEXT_SHINGLE_SIZE,
    numHashes: TEXT_NUM_HASHES,
    bands: TEXT_BANDS,
    rows: TEXT_ROWS,
    ...params.shape,
  };
  const hasher = new MinHasher({
    seed: params.seed,
    numHashes: shape.numHashes,
    shingleSize: shape.shingleSize,
  });
  const docs: { filing: TextFiling; text: string }[] = [];
  const signatures: Uint32Array[] = [];
  const actorIds: string[] = [];
  const actorIndex = new Map<string, number>();
  const actorOf: number[] = [];
  for (const filing of sorted) {
    const normalised = normaliseText(filing.text);
    if (normalised.tokens.length < TEXT_MIN_LENGTH) continue;
    let actor = actorIndex.get(filing.actorId);
    if (actor === undefined) {
      actorIndex.set(filing.actorId, (actor = actorIds.length));
      actorIds.push(filing.actorId);
    }
    actorOf.push(actor);
    docs.push({ filing, text: normalised.text });
    signatures.push(hasher.signatureOf(normalised.tokens));
  }
  const { pairs, candidates, chainedBuckets, largestBucket } = lshCandidates(signatures, {
    bands: shape.bands,
    rows: shape.rows,
    // NOTE: a bucket holding more complainants than a generic template has is generic whatever its pairs say,
    // so it is chained, not expanded.
    maxBucket: Math.min(TEXT_MAX_BUCKET, params.genericThreshold),
    groups: actorOf,
    accept: (i, j) => estimateSimilarity(signatures[i]!, signatures[j]!) >= params.minSimilarity,
  });

  const links: { i: number; j: number; similarity: number }[] = [];
  const near = new Map<number, Set<number>>();
  const addNear = (doc: number, actor: number): void => {
    const set = near.get(doc);
    if (set === undefined) near.set(doc, new Set([actorOf[doc]!, actor]));
    else set.add(actor);
  };
  for (const [i, j] of pairs) {
    const similarity = estimateSimilarity(signatures[i]!, signatures[j]!);
    links.push({ i, j, similarity });
    addNear(i, actorOf[j]!);
    addNear(j, actorOf[i]!);
  }
  const spreadOf = (doc: number): number => near.get(doc)?.size ?? 1;
  const generic = new Uint8Array(docs.length);
  let genericTexts = 0;
  for (let i = 0; i < docs.length; i++) {
    if (spreadOf(i) > params.genericThreshold || largestBucket[i]! > params.genericThreshold) {
      generic[i] = 1;
      genericTexts++;
    }
  }

  // Union-find over links whose two texts are alike in genericness; a root is its cluster's smallest doc.
  const parent = Int32Array.from({ length: docs.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const degree = new Uint32Array(docs.length);
  const kept = links.filter((link) => generic[link.i] === generic[link.j]);
  for (const { i, j } of kept) {
    degree[i]!++;
    degree[j]!++;
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const clusterOf = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    if (degree[i] === 0) continue;
    const root = find(i);
    const members = clusterOf.get(root);
    if (members === undefined) clusterOf.set(root, [i]);
    else members.push(i);
  }
  const similaritySum = new Map<number, { sum: number; count: number }>();
  for (const link of kept) {
    const root = find(link.i);
    const entry = similaritySum.get(root) ?? { sum: 0, count: 0 };
    entry.sum += link.similarity;
    entry.count++;
    similaritySum.set(root, entry);
  }

  const templates: TextTemplate[] = [];
  const templateOfRoot = new Map<number, number>();
  for (const [root, members] of [...clusterOf].sort((x, y) => x[0] - y[0])) {
    const actors = [...new Set(members.map((i) => docs[i]!.filing.actorId))].sort(compareStrings);
    if (actors.length < 2) continue;
    // NOTE: the representative is the most frequent wording (the template as pasted, before each copy's
    // disguises), then the best connected text.
    const frequency = new Map<string, number>();
    for (const i of members) frequency.set(docs[i]!.text, (frequency.get(docs[i]!.text) ?? 0) + 1);
    let representative = members[0]!;
    for (const i of members) {
      const better =
        frequency.get(docs[i]!.text)! - frequency.get(docs[representative]!.text)! ||
        degree[i]! - degree[representative]!;
      if (better > 0) representative = i;
    }
    const sim = similaritySum.get(root) ?? { sum: 0, count: 1 };
    templateOfRoot.set(root, templates.length);
    templates.push({
      id: `TPL-${templates.length + 1}`,
      filingIds: members.map((i) => docs[i]!.filing.id),
      actorIds: actors,
      representativeFilingId: docs[representative]!.filing.id,
      representativeText: displayText(docs[representative]!.text),
      meanSimilarity: Math.round((sim.sum / Math.max(1, sim.count)) * 1000) / 1000,
      spread: members.reduce((most, i) => Math.max(most, spreadOf(i), largestBucket[i]!), 0),
      generic: generic[root] === 1,
    });
  }

  const byPair = new Map<string, TemplateMatch>();
  for (const link of kept) {
    if (generic[link.i] === 1) continue;
    const template = templateOfRoot.get(find(link.i));
    if (template === undefined) continue;
    let x = docs[link.i]!.filing;
    let y = docs[link.j]!.filing;
    if (x.actorId === y.actorId) continue;
    if (compareStrings(x.actorId, y.actorId) > 0) [x, y] = [y, x];
    const spread = Math.max(spreadOf(link.i), spreadOf(link.j));
    const key = `${x.actorId}\u0000${y.actorId}`;
    const match = byPair.get(key);
    if (match === undefined) {
      byPair.set(key, {
        actorA: x.actorId,
        actorB: y.actorId,
        template,
        similarity: link.similarity,
        spread,
        filingIds: [x.id, y.id],
        pairs: 1,
      });
    } else {
      match.pairs++;
      if (link.similarity > match.similarity) {
        match.similarity = link.similarity;
        match.spread = spread;
        match.template = template;
        match.filingIds = [x.id, y.id];
      }
    }
  }
  const matches = [...byPair.values()].sort(
    (p, q) => compareStrings(p.actorA, q.actorA) || compareStrings(p.actorB, q.actorB),
  );
  return {
    templates,
    matches,
    stats: {
      texts: sorted.length,
      comparable: docs.length,
      candidatePairs: candidates,
      nearDuplicatePairs: links.length,
      chainedBuckets,
      genericTexts,
      templates: templates.length,
      genericTemplates: templates.filter((t) => t.generic).length,
    },
  };
}
