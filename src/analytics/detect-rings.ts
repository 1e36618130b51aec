// Entry point of ring detection: evidence graph → seeded Louvain → connectivity repair → refinement → scored, explained rings.
import type { DetectionParamsInput } from './detection-params.js';
import { resolveDetectionParams } from './detection-params.js';
import { EvidenceGraph } from './evidence-graph.js';
import { EvidenceGraphBuilder } from './evidence-graph.builder.js';
import type { DetectedRing, DetectionResult } from './ring.types.js';
import { assembleRing } from './ring-assemble.js';
import { repairConnectivity } from './connectivity-repair.js';
import { louvainCommunities } from './louvain-communities.js';
import { refineCommunities } from './community-refinement.js';
import { compareStrings } from './ordering.js';

/**
 * Detects rings from a builder (built here with `params`) or an already built graph (whose hub threshold and
 * weights were fixed when it was built). Every candidate ring is returned, highest score first.
 */
export function detectRings(
  input: EvidenceGraphBuilder | EvidenceGraph,
  paramsInput: DetectionParamsInput = {},
): DetectionResult {
  const params = resolveDetectionParams(paramsInput);
  const evidenceGraph = input instanceof EvidenceGraph ? input : input.build(params);
  const { graph } = evidenceGraph;

  let communities = 0;
  let modularity: number | null = null;
  let partition: string[][] = [];
  let splitCommunities = 0;
  let refinedCommunities = 0;
  if (graph.order > 0) {
    const detailed = louvainCommunities(graph, params.seed, params.resolution);
    communities = detailed.count;
    modularity = Number.isFinite(detailed.modularity) ? detailed.modularity : null;
    ({ communities: partition, splitCommunities } = repairConnectivity(graph, detailed.communities));
    ({ communities: partition, refinedCommunities } = refineCommunities(graph, partition, params.seed, params.resolution));
  }

  const rings: DetectedRing[] = partition
    .filter((members) => members.length >= params.minRingSize)
    .map((members) => assembleRing(evidenceGraph, members))
    .sort((x, y) => y.score - x.score || compareStrings(x.key, y.key));

  return {
    rings,
    hubs: [...evidenceGraph.hubs],
    stats: {
      actors: evidenceGraph.stats.actors,
      linkedActors: evidenceGraph.stats.linkedActors,
      edges: evidenceGraph.stats.edges,
      evidence: evidenceGraph.stats.evidence,
      hubs: evidenceGraph.stats.hubs,
      communities,
      splitCommunities,
      refinedCommunities,
      candidateRings: rings.length,
      reportedRings: rings.filter((r) => r.score >= params.reportMinScore).length,
      modularity,
    },
  };
}
