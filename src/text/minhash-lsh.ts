// MinHash signatures of shingled token sequences and locality-sensitive hashing that finds near-duplicate pairs.

/**
 * MinHash
 * =======
 * A. Z. Broder, « On the resemblance and containment of documents », Compression and Complexity of
 * Sequences (1997): for a random permutation π of the shingle universe, P[min π(A) = min π(B)] equals the
 * Jaccard resemblance |A ∩ B| / |A ∪ B|; k independent permutations estimate it to about ±√(J(1−J)/k).
 *
 * LSH banding (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, « Mining of Massive Datasets », ch. 3):
 * the k values are cut into b bands of r rows; two texts become a candidate pair when all r values of at
 * least one band agree, which happens with probability 1 − (1 − J^r)^b — an S-curve around (1/b)^(1/r).
 * Only texts that land in a common bucket are ever compared, so no all-pairs comparison takes place.
 */

export interface MinHashOptions {
  /** Seeds the hash functions: the same seed gives the same signatures, so the same candidate pairs. */
  seed: number;
  /** Signature length k. */
  numHashes: number;
  /** Tokens per shingle. */
  shingleSize: number;
}

export interface LshOptions {
  bands: number;
  rows: number;
  /**
   * Buckets holding more texts (more distinct groups, when `groups` is given) than this are not expanded into
   * all their pairs: their texts are chained (each to the next), which is enough to put them in one cluster, at
   * linear cost.
   */
  maxBucket: number;
  /**
   * Optional group of each item (its author): `largestBucket` then counts distinct groups, so one person
   * filing the same text ten times is not mistaken for a mass-produced text.
   */
  groups?: ArrayLike<number>;
  /**
   * Optional check of each candidate (the similarity threshold): only accepted pairs are kept, so the many
   * rejected candidates are never stored.
   */
  accept?: (i: number, j: number) => boolean;
}

/** The 32-bit finaliser of MurmurHash3: a cheap, well-mixing bijection of the 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** splitmix32: a seeded stream of 32-bit values to draw the hash functions from. */
function seededStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
}

export class MinHasher {
  readonly numHashes: number;
  readonly shingleSize: number;
  readonly #xor: Uint32Array;
  readonly #mul: Uint32Array;
  readonly #tokenHash = new Map<string, number>();

  constructor(options: MinHashOptions) {
    if (!Number.isInteger(options.numHashes) || options.numHashes < 1) {
      throw new RangeError(`numHashes must be a positive integer, got ${options.numHashes}`);
    }
    if (!Number.isInteger(options.shingleSize) || options.shingleSize < 1) {
      throw new RangeError(`shingleSize must be a positive integer, got ${options.shingleSize}`);
    }
    this.numHashes = options.numHashes;
    this.shingleSize = options.shingleSize;
    const next = seededStream(options.seed);
    this.#xor = new Uint32Array(this.numHashes);
    this.#mul = new Uint32Array(this.numHashes);
    for (let i = 0; i < this.numHashes; i++) {
      this.#xor[i] = next();
      this.#mul[i] = next() | 1; // odd, so multiplication permutes the 32-bit integers
    }
  }

  /**
   * Distinct hashes of the token k-grams (a text shorter than k is one shingle). Tokens are hashed once and
   * cached: a complaint corpus has only a few thousand distinct tokens.
   */
  shingles(tokens: readonly string[]): Uint32Array {
    const k = Math.min(this.shingleSize, Math.max(1, tokens.length));
    const hashes = new Array<number>(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let h = this.#tokenHash.get(token);
      if (h === undefined) this.#tokenHash.set(token, (h = hashString(token)));
      hashes[i] = h;
    }
    const out = new Set<number>();
    for (let i = 0; i + k <= tokens.length; i++) {
      let h = 0x9747b28c;
      for (let j = 0; j < k; j++) h = fmix32(Math.imul(h ^ hashes[i + j]!, 0x5bd1e995));
      out.add(h);
    }
    return Uint32Array.from(out).sort();
  }

  /**
   * h_i(x) = fmix-style mixing of (x xor s_i) · m_i: each is a bijection of the 32-bit integers, i.e. a
   * pseudo-random permutation of the shingle universe as MinHash requires. An empty set gets all 0xffffffff.
   */
  signature(shingles: Uint32Array): Uint32Array {
    const k = this.numHashes;
    const sig = new Uint32Array(k).fill(0xffffffff);
    const xor = this.#xor;
    const mul = this.#mul;
    for (let s = 0; s < shingles.length; s++) {
      const x = shingles[s]!;
      for (let i = 0; i < k; i++) {
        let h = Math.imul(x ^ xor[i]!, mul[i]!);
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d);
        h = (h ^ (h >>> 12)) >>> 0;
        if (h < sig[i]!) sig[i] = h;
      }
    }
    return sig;
  }

  signatureOf(tokens: readonly string[]): Uint32Array {
    return this.signature(this.shingles(tokens));
  }
}

/** Share of agreeing positions: the MinHash estimate of the Jaccard resemblance. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  let same = 0;
  for (let i = 0; i < k; i++) if (a[i] === b[i]) same++;
  return same / k;
}

/** Exact Jaccard of two sorted shingle sets (for tests and for checking the estimate). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}

export interface CandidatePairs {
  /** Accepted pairs [i, j] with i < j, each once (in no particular order). */
  pairs: [number, number][];
  /** Pairs proposed by the bands (and checked by `accept`). */
  candidates: number;
  /** Buckets larger than maxBucket, chained instead of expanded. */
  chainedBuckets: number;
  /**
   * Per item, the most items (or distinct groups) of a bucket it shared with others (1 when alone in every
   * band): a text sitting in a bucket of hundreds is a mass-produced one, even though its pairs there were
   * only chained.
   */
  largestBucket: Uint32Array;
}

/**
 * Candidate pairs from banded signatures. Items are numbered by their position in `signatures`; the
 * output depends only on the signatures and their order.
 * NOTE: with `groups`, a bucket is expanded over one item per group (its first), the group's other items
 * being paired with that one only: two people's ten copies of a text need one pair between the people, not
 * a hundred. A pair two bands both propose is emitted by the first band that expanded it (checked against
 * the earlier bands' keys), so no set of all candidates is ever held.
 */
const PACKED_LIMIT = 2 ** 20;

export function lshCandidates(signatures: readonly Uint32Array[], options: LshOptions): CandidatePairs {
  const { bands, rows, maxBucket, groups, accept } = options;
  if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) {
    throw new RangeError(`bands and rows must be positive integers, got ${bands} × ${rows}`);
  }
  const n = signatures.length;
  const pairs: [number, number][] = [];
  let candidates = 0;
  // keys[band·n + item]: the item's bucket key in the band; expanded[...]: 1 when it was a representative of
  // an expanded bucket there (so every pair of such representatives was proposed in that band).
  const keys = new Uint32Array(bands * n);
  const expanded = new Uint8Array(bands * n);
  const proposedBefore = (band: number, i: number, j: number): boolean => {
    for (let b = 0; b < band; b++) {
      const x = b * n + i;
      const y = b * n + j;
      if (expanded[x] === 1 && expanded[y] === 1 && keys[x] === keys[y]) return true;
    }
    return false;
  };
  const propose = (i: number, j: number): void => {
    candidates++;
    if (accept === undefined || accept(i, j)) pairs.push(i < j ? [i, j] : [j, i]);
  };
  const chained = new Set<number>();
  const proposeChained = (i: number, j: number): void => {
    const [low, high] = i < j ? [i, j] : [j, i];
    const key = low * n + high; // exact while n < 2^26 (low·n + high < 2^52)
    if (chained.has(key)) return;
    chained.add(key);
    propose(low, high);
  };
  let chainedBuckets = 0;
  const largestBucket = new Uint32Array(n).fill(1);
  const order = new Uint32Array(n);
  const firstOfGroup = new Map<number, number>();
  const reps: number[] = [];
  for (let band = 0; band < bands; band++) {
    const offset = band * rows;
    const bandKeys = keys.subarray(band * n, (band + 1) * n);
    let m = 0;
    for (let item = 0; item < n; item++) {
      const sig = signatures[item]!;
      if (sig.length < offset + rows) continue;
      // NOTE: the band's r values are folded into one 32-bit key; two different bands colliding on a key
      // only adds a candidate, which the similarity check then throws out.
      let key = 0x2545f491 ^ band;
      for (let r = 0; r < rows; r++) key = fmix32(Math.imul(key ^ sig[offset + r]!, 0xcc9e2d51));
      bandKeys[item] = key;
      order[m++] = item;
    }
    // NOTE: buckets are runs of equal keys once the items are sorted by key (then by index): no map of arrays.
    // Below 2^20 items, key·2^20 + item is an exact double and a plain numeric sort does it.
    let sorted: Uint32Array;
    if (n <= PACKED_LIMIT) {
      const packed = new Float64Array(m);
      for (let x = 0; x < m; x++) packed[x] = bandKeys[order[x]!]! * PACKED_LIMIT + order[x]!;
      packed.sort();
      sorted = order.subarray(0, m);
      for (let x = 0; x < m; x++) sorted[x] = packed[x]! % PACKED_LIMIT;
    } else sorted = order.subarray(0, m).sort((x, y) => bandKeys[x]! - bandKeys[y]! || x - y);
    for (let start = 0; start < m;) {
      let end = start + 1;
      while (end < m && bandKeys[sorted[end]!] === bandKeys[sorted[start]!]) end++;
      if (end - start >= 2) {
        reps.length = 0;
        firstOfGroup.clear();
        for (let x = start; x < end; x++) {
          const item = sorted[x]!;
          if (groups === undefined) {
            reps.push(item);
            continue;
          }
          const rep = firstOfGroup.get(groups[item]!);
          if (rep === undefined) {
            firstOfGroup.set(groups[item]!, item);
            reps.push(item);
          } else proposeChained(rep, item);
        }
        for (let x = start; x < end; x++) {
          const item = sorted[x]!;
          if (reps.length > largestBucket[item]!) largestBucket[item] = reps.length;
        }
        if (reps.length > maxBucket) {
          chainedBuckets++;
          for (let x = 1; x < reps.length; x++) proposeChained(reps[x - 1]!, reps[x]!);
        } else {
          for (const item of reps) expanded[band * n + item] = 1;
          for (let x = 0; x < reps.length; x++) {
            const i = reps[x]!;
            for (let y = x + 1; y < reps.length; y++) {
              const j = reps[y]!;
              if (!proposedBefore(band, i, j)) propose(i, j);
            }
          }
        }
      }
      start = end;
    }
  }
  // NOTE: a chained pair may also have been expanded in another band; drop the second copy.
  if (chained.size > 0) {
    const seen = new Set<number>();
    let kept = 0;
    for (const [i, j] of pairs) {
      const key = i * n + j;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs[kept++] = [i, j];
    }
    pairs.length = kept;
  }
  return { pairs, candidates, chainedBuckets, largestBucket };
}
