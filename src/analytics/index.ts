// Public API of the ring-detection core: rows in, scored and explained rings out; no driver, no HTTP, no I/O.
export type {
  ActorRow,
  Evidence,
  EvidenceKind,
  EvidenceVia,
  FilingRow,
  Hub,
  IdentifierKind,
  IncidenceRow,
  TransferRow,
  Via,
} from './evidence.types.js';
export { EVIDENCE_KINDS, IDENTIFIER_KINDS, VIAS } from './evidence.types.js';
export type { DetectionParams, DetectionParamsInput } from './detection-params.js';
export {
  DEFAULT_DETECTION_PARAMS,
  DEFAULT_EVIDENCE_WEIGHTS,
  resolveDetectionParams,
} from './detection-params.js';
export { evidenceKindFor, isHandOff, rarity, transferFactor } from './evidence-kind.js';
export type { EvidenceRows } from './evidence-graph.builder.js';
export { EvidenceGraphBuilder } from './evidence-graph.builder.js';
export type {
  ActorInfo,
  ActorNodeAttributes,
  EvidenceEdgeAttributes,
  EvidenceGraphology,
  EvidenceGraphStats,
  PayoutFact,
} from './evidence-graph.js';
export { EvidenceGraph } from './evidence-graph.js';
export type { RepairedPartition } from './connectivity-repair.js';
export { repairConnectivity } from './connectivity-repair.js';
export { createSeededRng } from './seeded-rng.js';
export { detectRings, detectRingsInPool } from './detect-rings.js';
export { louvainCommunities } from './louvain-communities.js';
export type { RefinedPartition } from './community-refinement.js';
export { REFINE_MIN_MODULARITY, refineCommunities, rejoin } from './community-refinement.js';
export type { PeeledPartition } from './ring-periphery.js';
export { peelPeriphery } from './ring-periphery.js';
export { assembleRing } from './ring-assemble.js';
export { SCORE_WEIGHTS, scoreRing } from './ring-score.js';
export type {
  DetectedRing,
  DetectionResult,
  DetectionStats,
  MemberEvidence,
  MemberRole,
  MoneyFlow,
  RingMember,
  ScoreComponent,
  ScoreComponentName,
  SharedIdentifier,
  TimelineDay,
  TimelineFiling,
  TimelineTransfer,
} from './ring.types.js';
export { SCORE_COMPONENTS } from './ring.types.js';
export type { EvaluatedRing, Evaluation, EvaluationOptions, PlantedRing, Recall } from './evaluate.js';
export { MATCH_JACCARD, evaluate, toEvaluatedRings } from './evaluate.js';
