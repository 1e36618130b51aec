// Parameters of one detection run and their defaults; a run records them so its rings can be reproduced.
import type { EvidenceKind } from './evidence.types.js';

export interface DetectionParams {
  /** Seeds Louvain's visiting order: same rows + same seed = same rings. */
  seed: number;
  /** Louvain resolution γ: above 1 favours smaller communities, below 1 larger ones. */
  resolution: number;
  /** An identifier tied to more distinct actors than this is a hub: reported, never used to link. */
  hubThreshold: number;
  /** Smallest community (after connectivity repair) that becomes a candidate ring. */
  minRingSize: number;
  /** Rings scoring at least this are "reported"; lower ones are still returned as candidates. */
  reportMinScore: number;
  /** Base weight of one evidence of each kind, before rarity. */
  weights: Record<EvidenceKind, number>;
}

/**
 * | kind           | weight | why                                                                        |
 * |----------------|--------|----------------------------------------------------------------------------|
 * | contact_phone  | 1.0    | someone else's phone written on your complaint: the organizer's handle      |
 * | payout_account | 1.0    | someone else's account receiving your refund: the fee is taken at source    |
 * | representation | 0.8    | an agent acting for you; lawyers do it too, so a bit below the two above    |
 * | transfer       | 0.8    | money actually moved between the two; rent and family money are common      |
 * | shared_device  | 0.7    | same handset/browser fingerprint; households share them                     |
 * | shared_account | 0.7    | both hold the account; joint accounts are ordinary                          |
 * | shared_phone   | 0.5    | both use the phone; families and small shops share one                      |
 */
export const DEFAULT_EVIDENCE_WEIGHTS: Readonly<Record<EvidenceKind, number>> = Object.freeze({
  contact_phone: 1.0,
  payout_account: 1.0,
  representation: 0.8,
  transfer: 0.8,
  shared_device: 0.7,
  shared_account: 0.7,
  shared_phone: 0.5,
});

export const DEFAULT_DETECTION_PARAMS: Readonly<DetectionParams> = Object.freeze({
  seed: 42,
  resolution: 1,
  hubThreshold: 50,
  minRingSize: 3,
  reportMinScore: 50,
  weights: DEFAULT_EVIDENCE_WEIGHTS,
});

export type DetectionParamsInput = Partial<Omit<DetectionParams, 'weights'>> & {
  weights?: Partial<Record<EvidenceKind, number>>;
};

/** Fills the defaults in, weight by weight, and rejects values that would silently produce nonsense. */
export function resolveDetectionParams(input: DetectionParamsInput = {}): DetectionParams {
  const params: DetectionParams = {
    seed: input.seed ?? DEFAULT_DETECTION_PARAMS.seed,
    resolution: input.resolution ?? DEFAULT_DETECTION_PARAMS.resolution,
    hubThreshold: input.hubThreshold ?? DEFAULT_DETECTION_PARAMS.hubThreshold,
    minRingSize: input.minRingSize ?? DEFAULT_DETECTION_PARAMS.minRingSize,
    reportMinScore: input.reportMinScore ?? DEFAULT_DETECTION_PARAMS.reportMinScore,
    weights: { ...DEFAULT_EVIDENCE_WEIGHTS, ...input.weights },
  };
  if (!Number.isInteger(params.seed)) throw new RangeError(`seed must be an integer, got ${params.seed}`);
  if (!(params.resolution > 0)) throw new RangeError(`resolution must be > 0, got ${params.resolution}`);
  if (!Number.isInteger(params.hubThreshold) || params.hubThreshold < 2) {
    throw new RangeError(`hubThreshold must be an integer >= 2, got ${params.hubThreshold}`);
  }
  if (!Number.isInteger(params.minRingSize) || params.minRingSize < 2) {
    throw new RangeError(`minRingSize must be an integer >= 2, got ${params.minRingSize}`);
  }
  for (const [kind, weight] of Object.entries(params.weights)) {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weights.${kind} must be a finite number >= 0, got ${weight}`);
    }
  }
  return params;
}
