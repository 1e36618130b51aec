// Detection quality against a seed world's ground truth: recall of planted rings, precision, honest actors caught.
import type { DetectedRing } from './ring.types.js';
import { compareStrings, round } from './ordering.js';

export interface EvaluatedRing {
  id: string;
  score: number;
  actorIds: readonly string[];
}

export interface PlantedRing {
  id: string;
  typology: string;
  /** How the ring shows: shared identifiers, or only coordination (texts, timing, fees). */
  signature?: string;
  actorIds: readonly string[];
}

/** An honest crowd (consumers reacting to one incident) that must not be reported as a ring. */
export interface IncidentCrowd {
  institution: string;
  actorIds: readonly string[];
}

export interface EvaluationOptions {
  reportMinScore: number;
  /** Actors in no planted ring, in the whole world (the denominator of the honest share). */
  honestActorCount: number;
  /** Actors in planted rings; defaults to the union of the truth's rings. */
  ringActorIds?: Iterable<string>;
}

export interface Recall {
  recovered: number;
  total: number;
  /** null when there is nothing to recover. */
  share: number | null;
}

export interface Evaluation {
  reportMinScore: number;
  reportedRings: number;
  /** A planted ring is recovered when some reported ring matches it with Jaccard ≥ MATCH_JACCARD. */
  recall: Recall;
  perTypology: Record<string, Recall>;
  /** Recall per planted signature (identifier, coordination); rings without one count as identifier. */
  perSignature: Record<string, Recall>;
  /**
   * Incident crowds and the reported rings they overlap: a crowd is reported as a ring when some reported ring
   * has Jaccard ≥ INCIDENT_JACCARD with it, or at least INCIDENT_SHARE of that ring's members are crowd members.
   */
  incidents: {
    total: number;
    reported: number;
    crowds: {
      institution: string;
      size: number;
      reportedAs: { ringId: string; jaccard: number; crowdShare: number }[];
    }[];
  };
  /** Share of reported rings matching some planted ring with Jaccard ≥ MATCH_JACCARD. */
  precision: { matching: number; reported: number; share: number | null };
  /** Mean over planted rings of the best Jaccard against any reported ring (0 when none overlaps). */
  meanBestJaccard: number | null;
  honestInReported: { count: number; honestActorCount: number; share: number | null };
  planted: { id: string; typology: string; size: number; bestRingId: string | null; jaccard: number }[];
}

export const MATCH_JACCARD = 0.5;
export const INCIDENT_JACCARD = 0.3;
export const INCIDENT_SHARE = 0.5;

export function toEvaluatedRings(rings: readonly DetectedRing[]): EvaluatedRing[] {
  return rings.map((r) => ({ id: r.key, score: r.score, actorIds: r.members.map((m) => m.actorId) }));
}

interface Best {
  id: string | null;
  jaccard: number;
}

/** Best Jaccard of each set in `from` against the sets in `to`, found through shared actors only. */
function bestMatches(
  from: readonly { id: string; actors: Set<string> }[],
  to: readonly { id: string; actors: Set<string> }[],
): Best[] {
  const index = new Map<string, number[]>();
  to.forEach((ring, i) => {
    for (const actor of ring.actors) {
      const list = index.get(actor);
      if (list === undefined) index.set(actor, [i]);
      else list.push(i);
    }
  });
  return from.map((ring) => {
    const overlap = new Map<number, number>();
    for (const actor of ring.actors)
      for (const i of index.get(actor) ?? []) overlap.set(i, (overlap.get(i) ?? 0) + 1);
    let best: Best = { id: null, jaccard: 0 };
    for (const [i, shared] of overlap) {
      const other = to[i]!;
      const jaccard = shared / (ring.actors.size + other.actors.size - shared);
      if (
        jaccard > best.jaccard ||
        (jaccard === best.jaccard && best.id !== null && compareStrings(other.id, best.id) < 0)
      ) {
        best = { id: other.id, jaccard };
      }
    }
    return best;
  });
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));

export function evaluate(
  rings: readonly EvaluatedRing[],
  truth: { rings: readonly PlantedRing[]; noise?: { incidents?: readonly IncidentCrowd[] } },
  opts: EvaluationOptions,
): Evaluation {
  const reported = rings
    .filter((r) => r.score >= opts.reportMinScore)
    .map((r) => ({ id: r.id, actors: new Set(r.actorIds) }));
  const planted = truth.rings.map((r) => ({ id: r.id, typology: r.typology, actors: new Set(r.actorIds) }));

  const plantedBest = bestMatches(planted, reported);
  const reportedBest = bestMatches(reported, planted);

  const perTypology: Record<string, Recall> = {};
  const perSignature: Record<string, Recall> = {};
  const tally = (table: Record<string, Recall>, key: string, hit: boolean): void => {
    const entry = table[key] ?? { recovered: 0, total: 0, share: null };
    entry.total++;
    if (hit) entry.recovered++;
    table[key] = entry;
  };
  let recovered = 0;
  planted.forEach((ring, i) => {
    const hit = (plantedBest[i]?.jaccard ?? 0) >= MATCH_JACCARD;
    if (hit) recovered++;
    tally(perTypology, ring.typology, hit);
    tally(perSignature, truth.rings[i]?.signature ?? 'identifier', hit);
  });
  const finish = (table: Record<string, Recall>): Record<string, Recall> => {
    for (const entry of Object.values(table)) entry.share = share(entry.recovered, entry.total);
    return Object.fromEntries(Object.entries(table).sort(([a], [b]) => compareStrings(a, b)));
  };
  const sortedTypology = finish(perTypology);
  const sortedSignature = finish(perSignature);

  const crowds = (truth.noise?.incidents ?? []).map((incident) => {
    const members = new Set(incident.actorIds);
    const reportedAs = reported.flatMap((ring) => {
      let inCrowd = 0;
      for (const actor of ring.actors) if (members.has(actor)) inCrowd++;
      if (inCrowd === 0) return [];
      const jaccard = inCrowd / (ring.actors.size + members.size - inCrowd);
      const crowdShare = inCrowd / ring.actors.size;
      return jaccard >= INCIDENT_JACCARD || crowdShare >= INCIDENT_SHARE
        ? [{ ringId: ring.id, jaccard: round(jaccard, 4), crowdShare: round(crowdShare, 4) }]
        : [];
    });
    return { institution: incident.institution, size: members.size, reportedAs };
  });

  const matching = reportedBest.filter((b) => b.jaccard >= MATCH_JACCARD).length;
  const ringActors = new Set(opts.ringActorIds ?? truth.rings.flatMap((r) => r.actorIds));
  const honestCaught = new Set<string>();
  for (const ring of reported)
    for (const actor of ring.actors) if (!ringActors.has(actor)) honestCaught.add(actor);

  return {
    reportMinScore: opts.reportMinScore,
    reportedRings: reported.length,
    recall: { recovered, total: planted.length, share: share(recovered, planted.length) },
    perTypology: sortedTypology,
    perSignature: sortedSignature,
    incidents: {
      total: crowds.length,
      reported: crowds.filter((c) => c.reportedAs.length > 0).length,
      crowds,
    },
    precision: { matching, reported: reported.length, share: share(matching, reported.length) },
    meanBestJaccard:
      planted.length === 0 ? null : round(plantedBest.reduce((s, b) => s + b.jaccard, 0) / planted.length, 4),
    honestInReported: {
      count: honestCaught.size,
      honestActorCount: opts.honestActorCount,
      share: share(honestCaught.size, opts.honestActorCount),
    },
    planted: planted.map((ring, i) => ({
      id: ring.id,
      typology: ring.typology,
      size: ring.actors.size,
      bestRingId: plantedBest[i]?.id ?? null,
      jaccard: round(plantedBest[i]?.jaccard ?? 0, 4),
    })),
  };
}
