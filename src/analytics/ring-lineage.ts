// Ring identity across runs: matches a run's rings to the previous run's by member overlap, keeps the id of the
// ring each one continues, and names what happened to every ring (born, grew, shrank, merged, split, dissolved,
// unchanged).
import { compareStrings } from './ordering.js';

/**
 * The matching rule (after Greene, Doyle & Cunningham 2010, "Tracking the evolution of communities in dynamic
 * social networks"):
 * - a new ring N and a previous ring P *match* when Jaccard(N, P) ≥ MATCH_JACCARD;
 * - N *continues* P, and keeps P's id, when P is N's best match and N is P's best match (ties broken by the
 *   larger overlap, then the smaller id), so an id passes to one successor only;
 * - N with two or more matching predecessors is `merged` (from them); P with two or more matching successors is
 *   `split` (into them); N with no match is `born`; P with no match is `dissolved`;
 * - a 1:1 continuation is `unchanged` (same members), `grew` or `shrank` (by size), else `changed`.
 */
export const MATCH_JACCARD = 0.3;

export interface RingSnapshot {
  id: string;
  actorIds: readonly string[];
  score: number;
}

export interface NewRing {
  /** A deterministic id for the ring if it turns out to be new (e.g. a digest of its members). */
  proposedId: string;
  actorIds: readonly string[];
  score: number;
}

export type LineageEvent =
  'born' | 'unchanged' | 'grew' | 'shrank' | 'changed' | 'merged' | 'split' | 'dissolved';

export interface RingChange {
  /** The ring's id in the new run (for `dissolved`, the previous id). */
  ringId: string;
  event: LineageEvent;
  /** Previous ring ids this ring came from (continued, merged from, or split off). */
  from: string[];
  /** For `split` (recorded on the previous ring): the new ring ids it split into. */
  into: string[];
  sizeBefore: number;
  sizeAfter: number;
  scoreBefore: number | null;
  scoreAfter: number | null;
  jaccard: number | null;
  /** How much it matters to an analyst: new or grown high-score rings first. */
  importance: number;
}

export interface LineageResult {
  /** The id each new ring gets, in input order. */
  ids: string[];
  /** One change per new ring, plus one per dissolved or split previous ring. */
  changes: RingChange[];
  kept: number;
}

function jaccard(a: ReadonlySet<string>, b: readonly string[]): { j: number; overlap: number } {
  let overlap = 0;
  for (const x of b) if (a.has(x)) overlap++;
  const union = a.size + b.length - overlap;
  return { j: union === 0 ? 0 : overlap / union, overlap };
}

export function matchRings(previous: readonly RingSnapshot[], next: readonly NewRing[]): LineageResult {
  // Index previous members so only overlapping pairs are compared (rings are disjoint within a run).
  const prevOf = new Map<string, number>();
  previous.forEach((p, i) => p.actorIds.forEach((a) => prevOf.set(a, i)));
  const prevSets = previous.map((p) => new Set(p.actorIds));
  type Pair = { n: number; p: number; j: number; overlap: number };
  const pairs: Pair[] = [];
  next.forEach((n, ni) => {
    const touched = new Set<number>();
    for (const a of n.actorIds) {
      const pi = prevOf.get(a);
      if (pi !== undefined) touched.add(pi);
    }
    for (const pi of [...touched].sort((x, y) => x - y)) {
      const { j, overlap } = jaccard(prevSets[pi]!, n.actorIds);
      if (j >= MATCH_JACCARD) pairs.push({ n: ni, p: pi, j, overlap });
    }
  });
  const better = (a: Pair, b: Pair, byId: (x: Pair) => string) =>
    a.j !== b.j
      ? a.j > b.j
      : a.overlap !== b.overlap
        ? a.overlap > b.overlap
        : compareStrings(byId(a), byId(b)) < 0;
  const bestForNew = new Map<number, Pair>();
  const bestForPrev = new Map<number, Pair>();
  const matchesOfNew = new Map<number, Pair[]>();
  const matchesOfPrev = new Map<number, Pair[]>();
  for (const pr of pairs) {
    const bn = bestForNew.get(pr.n);
    if (!bn || better(pr, bn, (x) => previous[x.p]!.id)) bestForNew.set(pr.n, pr);
    const bp = bestForPrev.get(pr.p);
    if (!bp || better(pr, bp, (x) => next[x.n]!.proposedId)) bestForPrev.set(pr.p, pr);
    matchesOfNew.set(pr.n, [...(matchesOfNew.get(pr.n) ?? []), pr]);
    matchesOfPrev.set(pr.p, [...(matchesOfPrev.get(pr.p) ?? []), pr]);
  }

  const usedIds = new Set<string>();
  const ids: string[] = next.map((n, ni) => {
    const b = bestForNew.get(ni);
    if (b && bestForPrev.get(b.p) === b) {
      usedIds.add(previous[b.p]!.id);
      return previous[b.p]!.id;
    }
    return '';
  });
  next.forEach((n, ni) => {
    if (ids[ni]) return;
    let id = n.proposedId;
    for (let k = 2; usedIds.has(id); k++) id = `${n.proposedId}-${k}`;
    usedIds.add(id);
    ids[ni] = id;
  });

  const changes: RingChange[] = [];
  let kept = 0;
  next.forEach((n, ni) => {
    const ms = (matchesOfNew.get(ni) ?? []).sort((a, b) => a.p - b.p);
    const cont = bestForNew.get(ni);
    const continues = cont !== undefined && bestForPrev.get(cont.p) === cont;
    const prev = continues ? previous[cont.p]! : undefined;
    let event: LineageEvent;
    if (ms.length === 0) event = 'born';
    else if (ms.length >= 2) event = 'merged';
    else if (!continues || (matchesOfPrev.get(ms[0]!.p)?.length ?? 0) >= 2) event = 'split';
    else if (cont.j === 1) event = 'unchanged';
    else if (n.actorIds.length > prev!.actorIds.length) event = 'grew';
    else if (n.actorIds.length < prev!.actorIds.length) event = 'shrank';
    else event = 'changed';
    if (continues) kept++;
    const importance =
      event === 'unchanged'
        ? 0
        : n.score * (event === 'born' || event === 'merged' ? 1.5 : event === 'grew' ? 1.2 : 1);
    changes.push({
      ringId: ids[ni]!,
      event,
      from: ms.map((m) => previous[m.p]!.id).sort(compareStrings),
      into: [],
      sizeBefore: prev?.actorIds.length ?? ms.reduce((s, m) => s + previous[m.p]!.actorIds.length, 0),
      sizeAfter: n.actorIds.length,
      scoreBefore: prev?.score ?? null,
      scoreAfter: n.score,
      jaccard: cont?.j ?? null,
      importance: round(importance),
    });
  });
  previous.forEach((p, pi) => {
    const ms = matchesOfPrev.get(pi) ?? [];
    if (ms.length === 0) {
      changes.push({
        ringId: p.id,
        event: 'dissolved',
        from: [p.id],
        into: [],
        sizeBefore: p.actorIds.length,
        sizeAfter: 0,
        scoreBefore: p.score,
        scoreAfter: null,
        jaccard: null,
        importance: round(p.score * 0.8),
      });
    } else if (ms.length >= 2) {
      changes.push({
        ringId: p.id,
        event: 'split',
        from: [p.id],
        into: ms.map((m) => ids[m.n]!).sort(compareStrings),
        sizeBefore: p.actorIds.length,
        sizeAfter: ms.reduce((s, m) => s + next[m.n]!.actorIds.length, 0),
        scoreBefore: p.score,
        scoreAfter: Math.max(...ms.map((m) => next[m.n]!.score)),
        jaccard: null,
        importance: round(p.score),
      });
    }
  });
  changes.sort(
    (a, b) =>
      b.importance - a.importance || compareStrings(a.ringId, b.ringId) || compareStrings(a.event, b.event),
  );
  return { ids, changes, kept };
}

const round = (x: number) => Math.round(x * 100) / 100;
