// Request shapes of the run routes, and the run statuses.
import { z } from 'zod';
import { EVIDENCE_KINDS, type EvidenceKind } from '../analytics/evidence.types.js';

const Weight = z.number().min(0).max(100);
/** One weight per evidence kind, all optional; a kind the detection does not know is refused (a typo would be lost). */
const Weights = z.strictObject(
  Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, Weight.optional()])) as Record<
    EvidenceKind,
    z.ZodOptional<typeof Weight>
  >,
);

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const StartRunBody = z
  .strictObject({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    resolution: z.number().positive().max(100).optional(),
    hubThreshold: z.number().int().min(2).max(1_000_000).optional(),
    minRingSize: z.number().int().min(2).max(10_000).optional(),
    reportMinScore: z.number().min(0).max(100).optional(),
    weights: Weights.optional(),
    templateMinSimilarity: z.number().gt(0).max(1).optional(),
    genericTemplateThreshold: z.number().int().min(2).max(1_000_000).optional(),
    lockstepWindowMinutes: z.number().positive().max(10_080).optional(),
    lockstepMinRepetitions: z.number().int().min(2).max(1_000).optional(),
    lockstepMaxCrowd: z.number().int().min(2).max(1_000_000).optional(),
    coPaymentWindowDays: z.number().positive().max(3_650).optional(),
  })
  .default({});

export const RunIdParam = z.object({ id: z.string().regex(/^run-[0-9a-z-]{1,64}$/, 'is not a run id') });
export const ListRunsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const ChangesQuery = z.strictObject({
  includeUnchanged: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
