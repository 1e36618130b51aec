// A ring's report as its run wrote it at write-back (Ring.report): everything GET /v1/rings/:id answers that depends
// on the run alone, so that reading a ring is one indexed read; and the report it makes with what stays live.
import type { z } from 'zod';
import type { DetectedRing } from '../analytics/index.js';
import { utcTimes } from '../shared/utc-time.js';
import type { RingReport as RingReportSchema } from './rings.responses.js';

type RingReport = z.infer<typeof RingReportSchema>;
type Filing = RingReport['complaints'][number];
type Member = RingReport['members'][number];
type Row = Record<string, unknown>;

/** What a member shows as stored now (name, kind, sources): read live, not from the snapshot. */
export type LiveMember = Pick<Member, 'id' | 'kind'> & { name?: string | null; sources?: string[] | null };

/** The run's part of a member: its role, strength, summary and the evidence that ties it in. */
type SnapshotMember = Omit<Member, 'name' | 'kind' | 'sources'>;

/**
 * The report less its live parts: the review status (changes with every review), the members' name, kind and sources
 * (an actor's record as stored now) and the Neo4j Browser query (derived from the run and ring ids).
 */
export type RingSnapshot = Omit<RingReport, 'review' | 'members' | 'neo4jBrowser'> & {
  members: SnapshotMember[];
};

/** The live parts of a report (cypher/rings/ring-report.cypher). */
export interface RingLiveParts {
  review: RingReport['review'];
  members: LiveMember[];
  neo4jBrowser: RingReport['neo4jBrowser'];
}

const ROLE_ORDER: Record<string, number> = { organizer: 0, agent: 1 };

/**
 * The snapshot of one detected ring, with its filings as cypher/rings/filings-by-id.cypher read them at write-back.
 * Members in the order ring-get.cypher gives them: organizers, agents, the rest; strongest first; then by id.
 */
export function ringSnapshot(
  runId: string,
  ring: { id: string; rank: number; reported: boolean; detected: DetectedRing },
  filings: readonly Row[],
): RingSnapshot {
  const d = ring.detected;
  const members = [...d.members]
    .sort(
      (a, b) =>
        (ROLE_ORDER[a.role] ?? 2) - (ROLE_ORDER[b.role] ?? 2) ||
        b.strength - a.strength ||
        (a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0),
    )
    .map((m) => ({
      id: m.actorId,
      role: m.role,
      strength: m.strength,
      summary: m.summary,
      evidence: m.evidence as Member['evidence'],
    }));
  // NOTE: the same JSON round trip as the fields the run writes beside it (details, breakdown, evidence), so the
  // snapshot holds exactly what a report read from those fields showed; its date-times already in UTC, so that a
  // read converts only what it reads live
  return utcTimes(
    JSON.parse(
      JSON.stringify({
        runId,
        id: ring.id,
        rank: ring.rank,
        score: d.score,
        probability: d.probability ?? null,
        reported: ring.reported,
        typology: d.typology,
        typologyReason: d.typologyReason,
        size: d.members.length,
        scoreBreakdown: d.breakdown ?? [],
        probabilityTerms: d.probabilityTerms ?? [],
        counterEvidence: d.counterEvidence ?? [],
        members,
        victims: d.victims ?? [],
        sharedIdentifiers: d.sharedIdentifiers ?? [],
        complaints: filings.filter((f) => f.type === 'complaint').map(cleanFiling),
        claims: filings.filter((f) => f.type === 'claim').map(cleanFiling),
        timeline: d.timeline ?? [],
        moneyFlows: d.moneyFlows ?? [],
        templates: d.templates ?? [],
        bursts: d.bursts ?? [],
        collections: d.collections ?? [],
      }),
    ) as RingSnapshot,
  );
}

/** The report: the snapshot with the review status, the members as stored now, and the Browser query. */
export function reportFromSnapshot(s: RingSnapshot, live: RingLiveParts): RingReport {
  const stored = new Map(live.members.map((m) => [m.id, m]));
  // NOTE: a member is shown with its actor record, as ring-get.cypher shows it (none without one)
  const members = s.members.flatMap((m) => {
    const a = stored.get(m.id);
    if (!a) return [];
    return [
      {
        id: m.id,
        name: a.name ?? null,
        kind: a.kind,
        role: m.role,
        strength: m.strength,
        summary: m.summary,
        sources: a.sources ?? [],
        evidence: m.evidence,
      },
    ];
  });
  return {
    runId: s.runId,
    id: s.id,
    rank: s.rank,
    score: s.score,
    probability: s.probability,
    reported: s.reported,
    typology: s.typology,
    typologyReason: s.typologyReason,
    size: s.size,
    review: live.review,
    scoreBreakdown: s.scoreBreakdown,
    probabilityTerms: s.probabilityTerms,
    counterEvidence: s.counterEvidence,
    members,
    victims: s.victims,
    sharedIdentifiers: s.sharedIdentifiers,
    complaints: s.complaints,
    claims: s.claims,
    timeline: s.timeline,
    moneyFlows: s.moneyFlows,
    templates: s.templates,
    bursts: s.bursts,
    collections: s.collections,
    neo4jBrowser: live.neo4jBrowser,
  };
}

/** A filing as cypher/rings/filings-by-id.cypher returns it, without its empty fields and its type. */
export function cleanFiling(f: Row): Filing {
  const out: Row = {};
  for (const [k, v] of Object.entries(f)) if (v !== null && k !== 'type') out[k] = v;
  const named = (out.namedParties as Row[] | undefined) ?? [];
  if (named.length === 0) delete out.namedParties;
  else
    out.namedParties = named.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null)));
  return out as Filing;
}
