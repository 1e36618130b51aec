// Parameters of one detection run and their defaults; a run records them so its rings can be reproduced.
import type { EvidenceKind } from './evidence.types.js';
import { SCORE_MODEL } from './score-model.js';

export interface DetectionParams {
  /** Seeds Louvain's visiting order: same rows + same seed = same rings. */
  seed: number;
  /** Louvain resolution γ: above 1 favours smaller communities, below 1 larger ones. */
  resolution: number;
  /** An identifier tied to more distinct actors than this is a hub: reported, never used to link. */
  hubThreshold: number;
  /** Smallest community (after connectivity repair) that becomes a candidate ring. */
  minRingSize: number;
  /** Rings scoring (100 × probability) at least this are "reported"; lower ones are still returned as candidates. Defaults to the calibrated threshold. */
  reportMinScore: number;
  /** A member whose weighted degree inside its community is below this share of the community's median leaves it. */
  weakMemberRatio: number;
  /** Base weight of one evidence of each kind, before rarity. */
  weights: Record<EvidenceKind, number>;
  /** Two complaint texts are near-duplicates from this estimated resemblance (MinHash Jaccard, 0..1). */
  templateMinSimilarity: number;
  /** A text whose near-duplicates come from more complainants than this is generic (a form): recorded, never linking. */
  genericTemplateThreshold: number;
  /** Filings against one institution at most this many minutes apart coincide (lockstep). */
  lockstepWindowMinutes: number;
  /** Distinct coincidences two actors need before they are linked: one is chance, a pattern is not. */
  lockstepMinRepetitions: number;
  /** A window with more distinct filers than this against one institution is a crowd (an outage): recorded, never linking. */
  lockstepMaxCrowd: number;
  /** A transfer is a fee (co_payment) when its payer filed within this many days of it. */
  coPaymentWindowDays: number;
}

/**
 * | kind           | weight | scaled by                         | why                                                  |
 * |----------------|--------|-----------------------------------|------------------------------------------------------|
 * | contact_phone  | 1.0    | rarity of the phone               | someone else's phone on your complaint: the organizer's handle |
 * | payout_account | 1.0    | rarity of the account             | someone else's account receiving your refund: the fee taken at source |
 * | template_text  | 0.9    | similarity × rarity of the wording| near-identical complaint texts, disguises seen through: one drafter |
 * | representation | 0.8    | rarity of the agent               | an agent acting for you; lawyers do it too           |
 * | transfer       | 0.8    | repeats (up to ×2)                | money moved between the two; rent and family money are common |
 * | shared_device  | 0.7    | rarity of the device              | same handset/browser fingerprint; households share them |
 * | shared_account | 0.7    | rarity of the account             | both hold the account; joint accounts are ordinary   |
 * | lockstep       | 0.6    | repeats (up to ×2)                | filing against the same institutions in the same hours, again and again |
 * | shared_phone   | 0.5    | rarity of the phone               | both use the phone; families and small shops share one |
 * | shared_identifier | 0.5 | rarity of the identifier          | any other identifier both have: IP, Wi-Fi, email, WeChat, a friend |
 * | co_payment     | 0.4    | rarity of the account's payers    | fees from both into one collection account; customers of a shop pay one till too |
 * | co_named       | 0.3    | Σ rarity of what each namer named (≤ 2) | complainants name both as the party they complain about (co-named.ts) |
 *
 * Rarity is 1/log2(d+1) for d actors on the identifier (or with the wording, or paying the account).
 * NOTE: template_text sits just below the hand-offs: a shared text proves a shared drafter, not a shared
 * organizer, and everyday wording produces chance near-duplicates that similarity and rarity damp. lockstep
 * is weaker because timing alone also fits neighbours reacting to the same news; co_payment weakest because
 * every till has many payers, and it is only evidence next to the others.
 */
export const DEFAULT_EVIDENCE_WEIGHTS: Readonly<Record<EvidenceKind, number>> = Object.freeze({
  contact_phone: 1.0,
  payout_account: 1.0,
  template_text: 0.9,
  representation: 0.8,
  transfer: 0.8,
  shared_device: 0.7,
  shared_account: 0.7,
  lockstep: 0.6,
  shared_phone: 0.5,
  shared_identifier: 0.5,
  co_payment: 0.4,
  co_named: 0.3,
});

export const DEFAULT_DETECTION_PARAMS: Readonly<DetectionParams> = Object.freeze({
  seed: 42,
  resolution: 1,
  hubThreshold: 50,
  minRingSize: 3,
  reportMinScore: Math.round(100 * SCORE_MODEL.reportMinProbability),
  weakMemberRatio: 0.1,
  weights: DEFAULT_EVIDENCE_WEIGHTS,
  templateMinSimilarity: 0.7,
  genericTemplateThreshold: 60,
  lockstepWindowMinutes: 120,
  lockstepMinRepetitions: 3,
  lockstepMaxCrowd: 40,
  coPaymentWindowDays: 60,
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
    weakMemberRatio: input.weakMemberRatio ?? DEFAULT_DETECTION_PARAMS.weakMemberRatio,
    weights: { ...DEFAULT_EVIDENCE_WEIGHTS, ...input.weights },
    templateMinSimilarity: input.templateMinSimilarity ?? DEFAULT_DETECTION_PARAMS.templateMinSimilarity,
    genericTemplateThreshold:
      input.genericTemplateThreshold ?? DEFAULT_DETECTION_PARAMS.genericTemplateThreshold,
    lockstepWindowMinutes: input.lockstepWindowMinutes ?? DEFAULT_DETECTION_PARAMS.lockstepWindowMinutes,
    lockstepMinRepetitions: input.lockstepMinRepetitions ?? DEFAULT_DETECTION_PARAMS.lockstepMinRepetitions,
    lockstepMaxCrowd: input.lockstepMaxCrowd ?? DEFAULT_DETECTION_PARAMS.lockstepMaxCrowd,
    coPaymentWindowDays: input.coPaymentWindowDays ?? DEFAULT_DETECTION_PARAMS.coPaymentWindowDays,
  };
  if (!Number.isInteger(params.seed)) throw new RangeError(`seed must be an integer, got ${params.seed}`);
  if (!(params.resolution > 0)) throw new RangeError(`resolution must be > 0, got ${params.resolution}`);
  if (!Number.isInteger(params.hubThreshold) || params.hubThreshold < 2) {
    throw new RangeError(`hubThreshold must be an integer >= 2, got ${params.hubThreshold}`);
  }
  if (!Number.isInteger(params.minRingSize) || params.minRingSize < 2) {
    throw new RangeError(`minRingSize must be an integer >= 2, got ${params.minRingSize}`);
  }
  if (!(params.weakMemberRatio >= 0 && params.weakMemberRatio < 1)) {
    throw new RangeError(`weakMemberRatio must be in [0, 1), got ${params.weakMemberRatio}`);
  }
  if (!(params.templateMinSimilarity > 0 && params.templateMinSimilarity <= 1)) {
    throw new RangeError(`templateMinSimilarity must be in (0, 1], got ${params.templateMinSimilarity}`);
  }
  for (const key of [
    'genericTemplateThreshold',
    'lockstepMinRepetitions',
    'lockstepMaxCrowd',
  ] as const satisfies readonly (keyof DetectionParams)[]) {
    if (!Number.isInteger(params[key]) || params[key] < 2) {
      throw new RangeError(`${key} must be an integer >= 2, got ${params[key]}`);
    }
  }
  for (const key of ['lockstepWindowMinutes', 'coPaymentWindowDays'] as const) {
    if (!(params[key] > 0) || !Number.isFinite(params[key])) {
      throw new RangeError(`${key} must be a finite number > 0, got ${params[key]}`);
    }
  }
  for (const [kind, weight] of Object.entries(params.weights)) {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weights.${kind} must be a finite number >= 0, got ${weight}`);
    }
  }
  return params;
}
