// Request shapes of the run routes, the run statuses, and what GET /v1/runs/:id/changes answers (documented in
// reviews/workflow.openapi.ts; through z.infer the type the run repository returns).
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

/** One lineage event of a run, as stored. */
export const RingChange = z
  .object({
    ringId: z.string(),
    event: z.enum(['born', 'unchanged', 'grew', 'shrank', 'changed', 'merged', 'split', 'dissolved']),
    from: z.array(z.string()),
    into: z.array(z.string()),
    sizeBefore: z.number(),
    sizeAfter: z.number(),
    // NOTE: absent (never null) when there is none: Neo4j stores no null properties
    scoreBefore: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'Absent for a ring born in this run.' }),
    scoreAfter: z.number().nullable().optional().meta({ description: 'Absent for a dissolved ring.' }),
    jaccard: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'Member overlap with the ring it continues; absent when it continues none.' }),
    importance: z.number(),
  })
  .meta({ id: 'RingChange' });
export type RingChange = z.infer<typeof RingChange>;

export const RunChanges = z.object({
  runId: z.string(),
  status: z.string(),
  lineage: z.object({ previousRunId: z.string().nullable(), keptIds: z.number() }).nullable(),
  counts: z.record(z.string(), z.number()),
  changes: z.array(RingChange),
});
