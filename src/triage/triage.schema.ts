// The body of POST /v1/score (one complaint or claim in the ingest shape, with its type) and its answer, documented
// in reviews/workflow.openapi.ts and, through z.infer, the types the ring index and triage.service.ts return.
import { z } from 'zod';
import { ClaimRecord, ComplaintRecord } from '../ingest/ingest.schema.js';

export const ScoreBody = z.discriminatedUnion('type', [
  ComplaintRecord.extend({ type: z.literal('complaint') }),
  ClaimRecord.extend({ type: z.literal('claim') }),
]);
export type ScoreInput = z.infer<typeof ScoreBody>;

/** How an incoming record links to a ring. */
export const LINK_KINDS = [
  'complainant_is_member',
  'contact_phone',
  'payout_account',
  'represented_by_member',
  'shared_phone',
  'shared_account',
  'shared_device',
  'burst',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const TriageLink = z
  .object({
    ringId: z.string(),
    kind: z.enum(LINK_KINDS),
    identifier: z.string().nullable(),
    memberIds: z.array(z.string()).meta({ description: 'The ring members behind the link.' }),
    detail: z.string(),
  })
  .meta({ id: 'TriageLink' });

export type Link = z.infer<typeof TriageLink>;

export const RingRisk = z.object({
  ringId: z.string(),
  ringScore: z.number(),
  typology: z.string(),
  status: z.string(),
  risk: z.number(),
  links: z.array(TriageLink),
});
export type RingRisk = z.infer<typeof RingRisk>;

export const TriageResult = z
  .object({
    id: z.string(),
    type: z.enum(['complaint', 'claim']),
    runId: z.string().nullable(),
    risk: z.number().min(0).max(100),
    level: z.enum(['low', 'elevated', 'high']),
    rings: z.array(RingRisk),
    ignored: z.array(z.object({ identifier: z.string(), reason: z.string() })),
    explanation: z.string(),
  })
  .meta({ id: 'TriageResult' });
/** What POST /v1/score answers. */
export type TriageResult = z.infer<typeof TriageResult>;
