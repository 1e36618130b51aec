// Entry point of ring detection: evidence graph → seeded Louvain → repair → refinement → peeling → scored, explained rings.
import type { DetectionParams, DetectionParamsInput } from './detection-params.js';
import { resolveDetectionParams } from './detection-params.js';
import { EvidenceGraph } from './evidence-graph.js';
import type { EvidenceGraphBuilder } from './evidence-graph.builder.js';
import { writesDownMask } from './evidence-kind.js';
import type { DetectedRing, DetectionResult, GenericTemplate } from './ring.types.js';
import { assembleRing } from './ring-assemble.js';
import { repairConnectivity } from './connectivity-repair.js';
import { louvainCommunities } from './louvain-communities.js';
import {
  type HandOffDirection,
  type RefinedPartition,
  refineCommunities,
  rejoin,
  SAME_DEVICE,
} from './community-refinement.js';
import { defaultRefineThreads, POOL_MIN_WORK, refineCommunitiesInPool } from './refine-pool.js';
import { peelPeriphery } from './ring-periphery.js';
import { trimWeakMembers } from './ring-core.js';
import { separateVictims } from './ring-victims.js';
import { joinBySharedVictims } from './shared-victims.js';
import { compareStrings } from './ordering.js';

/**
 * Detects rings from a builder (built here with `params`) or an already built graph (whose hub threshold and
 * weights were fixed when it was built). Every candidate ring is returned, highest score first.
 *
 * 1. Louvain (seeded; see louvain-communities.ts) on the whole evidence graph;
 * 2. connectivity repair: a community not connected inside itself becomes its connected components;
 * 3. hand-offs kept whole: communities joined by a member writing down another member's phone, account or
 *    agency are merged when that tie is a real share of theirs or most of one writes down the other's identifiers
 *    (community-refinement.ts `rejoin`), so an organizer is not separated from the people who use its identifiers
 *    while one resident writing down a property manager's phone does not bring the family along; communities that
 *    file from the same devices are merged on the same terms (a team filing from its office handsets);
 * 4. refinement: Louvain again inside each community, kept where it finds clear structure (resolution limit);
 * 5. peeling: actors held only by money exchanged with one member (customers, victims) leave the community;
 * 6. trimming: members hanging on a dense community by a thread (weighted degree inside it below
 *    `weakMemberRatio` × its median) leave it (ring-core.ts);
 * 7. victims apart: members who named another member's identifier as the party they complain about, tied to the
 *    others only by money or acting alike, leave (ring-victims.ts) and are listed as the ring's victims;
 * 8. pieces of one operation joined: communities whose members the same three or more outsiders complain about,
 *    and that are tied by some evidence, are merged (shared-victims.ts);
 * 9. communities of at least `minRingSize` become candidate rings, scored and explained.
 */
export function detectRings(
  input: EvidenceGraphBuilder | EvidenceGraph,
  paramsInput: DetectionParamsInput = {},
): DetectionResult {
  const found = communitiesBeforeRefinement(input, paramsInput);
  const { graph, params, partition, handOff } = found;
  const started = performance.now();
  const refined =
    graph.order > 0
      ? refineCommunities(graph, partition, params.seed, params.resolution, handOff)
      : { communities: [], refinedCommunities: 0 };
  return afterRefinement(found, refined, performance.now() - started);
}

/**
 * `detectRings` with step 4, refinement, in `threads` worker threads (refine-pool.ts); the same rings whatever the
 * number of threads (1, or a graph too small to be worth it, `minWork`: all in this thread).
 */
export async function detectRingsInPool(
  input: EvidenceGraphBuilder | EvidenceGraph,
  paramsInput: DetectionParamsInput = {},
  threads: number = defaultRefineThreads(),
  minWork = POOL_MIN_WORK,
): Promise<DetectionResult> {
  const found = communitiesBeforeRefinement(input, paramsInput);
  const { graph, params, partition, handOff } = found;
  const started = performance.now();
  const refined =
    graph.order > 0
      ? await refineCommunitiesInPool(
          graph,
          partition,
          params.seed,
          params.resolution,
          handOff,
          threads,
          minWork,
        )
      : { communities: [], refinedCommunities: 0 };
  return afterRefinement(found, refined, performance.now() - started);
}

interface FoundCommunities {
  params: DetectionParams;
  evidenceGraph: EvidenceGraph;
  graph: EvidenceGraph['graph'];
  handOff: HandOffDirection;
  partition: string[][];
  communities: number;
  modularity: number | null;
  splitCommunities: number;
  rejoinedCommunities: number;
  communitiesStarted: number;
}

/**
 * Who writes down whose identifier (bits 1 and 2) and who files from one device (SAME_DEVICE), for `rejoin`.
 * NOTE: read from the shared identifiers' via masks (only an identifier can be written down or a device), as
 * `handsOffFrom` reads them from the expanded evidence, at a fraction of the cost: refinement in threads needs it for
 * every edge inside a community.
 */
export function handOffsIn(evidenceGraph: EvidenceGraph): HandOffDirection {
  return (a, b) => {
    let direction = 0;
    evidenceGraph.forEachSharedIdentifier(a, b, (kind, maskA, maskB) => {
      if (writesDownMask(maskA, maskB)) direction |= 1;
      if (writesDownMask(maskB, maskA)) direction |= 2;
      if (kind === 'device') direction |= SAME_DEVICE;
    });
    return direction;
  };
}

/** Steps 1–3. */
function communitiesBeforeRefinement(
  input: EvidenceGraphBuilder | EvidenceGraph,
  paramsInput: DetectionParamsInput,
): FoundCommunities {
  const params = resolveDetectionParams(paramsInput);
  const evidenceGraph = input instanceof EvidenceGraph ? input : input.build(params);
  const communitiesStarted = performance.now();
  const { graph } = evidenceGraph;
  const handOff = handOffsIn(evidenceGraph);

  let communities = 0;
  let modularity: number | null = null;
  let partition: string[][] = [];
  let splitCommunities = 0;
  let rejoinedCommunities = 0;
  if (graph.order > 0) {
    const detailed = louvainCommunities(graph, params.seed, params.resolution);
    communities = detailed.count;
    modularity = Number.isFinite(detailed.modularity) ? detailed.modularity : null;
    ({ communities: partition, splitCommunities } = repairConnectivity(graph, detailed.communities));
    const repaired = partition.length;
    partition = rejoin(graph, partition, handOff);
    rejoinedCommunities = repaired - partition.length;
  }
  return {
    params,
    evidenceGraph,
    graph,
    handOff,
    partition,
    communities,
    modularity,
    splitCommunities,
    rejoinedCommunities,
    communitiesStarted,
  };
}

/** Steps 5–9, after refinement. */
function afterRefinement(
  found: FoundCommunities,
  refined: RefinedPartition,
  refinementMs: number,
): DetectionResult {
  const { params, evidenceGraph, communities, modularity, splitCommunities, rejoinedCommunities } = found;
  const { refinedCommunities } = refined;
  const peeled = peelPeriphery(evidenceGraph, refined.communities);
  const trimmed = trimWeakMembers(evidenceGraph, peeled.communities, params.weakMemberRatio);
  const apart = separateVictims(evidenceGraph, trimmed.communities);
  const joined = joinBySharedVictims(evidenceGraph, apart.communities);
  const assemblyStarted = performance.now();

  const rings: DetectedRing[] = joined.communities
    .filter((members) => members.length >= params.minRingSize)
    .map((members) => assembleRing(evidenceGraph, members))
    .sort((x, y) => y.score - x.score || compareStrings(x.key, y.key));

  const { templates, lockstep } = evidenceGraph.coordination;
  const genericTemplates: GenericTemplate[] = templates.templates
    .filter((t) => t.generic)
    .map((t) => ({
      templateId: t.id,
      text: t.representativeText,
      actorCount: t.spread,
      filingCount: t.filingIds.length,
      reason:
        `template ${t.id} (${t.filingIds.length} texts by ${t.actorIds.length} complainants) has near-duplicates ` +
        `by ${t.spread} complainants, more than ${params.genericTemplateThreshold}: a form or a circulating ` +
        `wording; it is not used to link actors.`,
    }))
    .sort((x, y) => y.actorCount - x.actorCount || compareStrings(x.templateId, y.templateId));
  const done = performance.now();
  return {
    rings,
    hubs: [...evidenceGraph.hubs],
    genericTemplates,
    crowds: [...lockstep.crowds],
    timings: {
      ...evidenceGraph.timings,
      communities: Math.round(assemblyStarted - found.communitiesStarted),
      // NOTE: a part of `communities`, the part done in worker threads (detectRingsInPool)
      refinement: Math.round(refinementMs),
      assembly: Math.round(done - assemblyStarted),
    },
    stats: {
      actors: evidenceGraph.stats.actors,
      linkedActors: evidenceGraph.stats.linkedActors,
      edges: evidenceGraph.stats.edges,
      evidence: evidenceGraph.stats.evidence,
      hubs: evidenceGraph.stats.hubs,
      communities,
      splitCommunities,
      rejoinedCommunities,
      refinedCommunities,
      peeledActors: peeled.peeledActors + peeled.householdActors,
      trimmedActors: trimmed.trimmedActors,
      separatedVictims: apart.separated,
      victimJoinedCommunities: joined.joinedCommunities,
      candidateRings: rings.length,
      reportedRings: rings.filter((r) => r.score >= params.reportMinScore).length,
      modularity,
      texts: evidenceGraph.stats.texts,
      nearDuplicatePairs: evidenceGraph.stats.nearDuplicatePairs,
      templates: evidenceGraph.stats.templates,
      genericTemplates: evidenceGraph.stats.genericTemplates,
      templateLinks: evidenceGraph.stats.templateLinks,
      lockstepLinks: evidenceGraph.stats.lockstepLinks,
      coPaymentLinks: evidenceGraph.stats.coPaymentLinks,
      crowds: evidenceGraph.stats.crowds,
      collectionAccounts: evidenceGraph.stats.collectionAccounts,
    },
  };
}
