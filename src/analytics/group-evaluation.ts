// Detection quality on labelled data that has groups but no planted rings (real data: bot traders, fraud labels),
// and whether honest look-alike structures of a seed world were reported.
import { round } from './ordering.js';

export interface ReportedMembers {
  id: string;
  actorIds: readonly string[];
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));

/** The ring's largest labelled group and its share of the members (unlabelled actors count in the denominator). */
function majority(
  actorIds: readonly string[],
  group: ReadonlyMap<string, string>,
): { group: string | null; share: number } {
  const counts = new Map<string, number>();
  for (const id of actorIds) {
    const g = group.get(id);
    if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [g, c] of [...counts.entries()].sort((x, y) => x[0].localeCompare(y[0])))
    if (c > n) [best, n] = [g, c];
  return { group: best, share: actorIds.length === 0 ? 0 : n / actorIds.length };
}

export interface GroupEvaluation {
  reportedRings: number;
  actorsInReported: number;
  /** Reported rings whose majority belongs to one labelled group. */
  groupRings: number;
  /** Of the findable labelled actors, those in a reported ring whose majority is their own group. */
  coverage: { count: number; findable: number; share: number | null };
  /** Over the group rings: members of the majority group / all members. */
  purity: number | null;
  /** Labelled actors (any group) among all actors in reported rings. */
  labelledShare: number | null;
  /** Labelled actors in reported rings / all labelled actors. */
  recall: { count: number; total: number; share: number | null };
  /** Unlabelled (honest) actors in reported rings / all unlabelled actors. */
  unlabelledInReported: { count: number; total: number; share: number | null };
}

/**
 * `group`: actor → its labelled group (a bot's trader, 'fraud'); actors absent from it are honest.
 * `findable`: the labelled actors that can be found at all (VK: bots sharing a friend with a bot of their trader).
 */
export function evaluateGroups(
  reported: readonly ReportedMembers[],
  group: ReadonlyMap<string, string>,
  allActors: readonly string[],
  findable: ReadonlySet<string>,
): GroupEvaluation {
  const inReported = new Set<string>();
  let groupRings = 0;
  let pureMembers = 0;
  let groupRingMembers = 0;
  const covered = new Set<string>();
  for (const ring of reported) {
    for (const id of ring.actorIds) inReported.add(id);
    const m = majority(ring.actorIds, group);
    if (m.group === null || m.share <= 0.5) continue;
    groupRings++;
    groupRingMembers += ring.actorIds.length;
    for (const id of ring.actorIds) {
      if (group.get(id) !== m.group) continue;
      pureMembers++;
      if (findable.has(id)) covered.add(id);
    }
  }
  const labelled = [...inReported].filter((id) => group.has(id)).length;
  const unlabelledTotal = allActors.filter((id) => !group.has(id)).length;
  return {
    reportedRings: reported.length,
    actorsInReported: inReported.size,
    groupRings,
    coverage: { count: covered.size, findable: findable.size, share: share(covered.size, findable.size) },
    purity: share(pureMembers, groupRingMembers),
    labelledShare: share(labelled, inReported.size),
    recall: { count: labelled, total: group.size, share: share(labelled, group.size) },
    unlabelledInReported: {
      count: inReported.size - labelled,
      total: unlabelledTotal,
      share: share(inReported.size - labelled, unlabelledTotal),
    },
  };
}

export interface StructureReport {
  kind: string;
  size: number;
  reportedAs: string[];
}

/**
 * Honest look-alike structures (families, a lawyer's clients, outage crowds, workplaces…) reported as rings: a
 * structure counts as reported when a reported ring has at least half its members from it, or Jaccard ≥ 0.3 with it.
 */
export function structuresReported(
  reported: readonly ReportedMembers[],
  structures: readonly { kind: string; actorIds: readonly string[] }[],
): StructureReport[] {
  return structures.map((s) => {
    const members = new Set(s.actorIds);
    const reportedAs = reported
      .filter((ring) => {
        const inside = ring.actorIds.filter((id) => members.has(id)).length;
        if (inside === 0) return false;
        return (
          inside / ring.actorIds.length >= 0.5 ||
          inside / (ring.actorIds.length + members.size - inside) >= 0.3
        );
      })
      .map((ring) => ring.id);
    return { kind: s.kind, size: members.size, reportedAs };
  });
}
