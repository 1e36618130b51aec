// Request and response shapes of the clue-review routes, and the review statuses; the responses are documented in
// workflow.openapi.ts and, through z.infer, the types review.service.ts returns.
import { z } from 'zod';

export const REVIEW_STATUSES = ['new', 'under_review', 'confirmed', 'dismissed', 'referred'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What an allow-list entry of kind `identifier` names. */
export const IDENTIFIER_KINDS = ['phone', 'account', 'device', 'agent'] as const;

const Reason = z.string().trim().min(1).max(500);

export const AllowEntryBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('identifier'),
    identifierKind: z.enum(IDENTIFIER_KINDS),
    identifier: z.string().trim().min(1).max(128),
    reason: Reason,
  }),
  z.strictObject({
    kind: z.literal('actor_set'),
    actorIds: z.array(z.string().min(1).max(128)).min(2).max(100),
    reason: Reason,
  }),
]);

export const ReviewBody = z.strictObject({
  status: z.enum(REVIEW_STATUSES),
  note: z.string().trim().min(1, 'a review needs a note').max(5000),
  caseReference: z.string().trim().min(1).max(128).optional(),
  allow: z.array(AllowEntryBody).max(20).optional(),
});

export const Review = z
  .object({
    id: z.string(),
    ringId: z.string(),
    runId: z.string().nullable(),
    status: z.enum(REVIEW_STATUSES),
    note: z.string(),
    caseReference: z.string().nullable(),
    by: z.string().meta({ description: "The reviewing API key's name." }),
    at: z.string(),
  })
  .meta({ id: 'Review' });
/** A review as recorded: who set which status when. */
export type Review = z.infer<typeof Review>;

/** POST /v1/rings/:id/reviews: the review and the ids of the allow-list entries it created. */
export const ReviewResult = z.object({ review: Review, allow: z.array(z.string()) });
export type ReviewResult = z.infer<typeof ReviewResult>;

export const ReviewList = z.object({ ringId: z.string(), reviews: z.array(Review) });
export type ReviewList = z.infer<typeof ReviewList>;

export const AllowEntry = z
  .object({
    id: z.string(),
    kind: z.enum(['identifier', 'actor_set']),
    identifierKind: z.enum(IDENTIFIER_KINDS).nullable(),
    identifier: z.string().nullable(),
    actorIds: z.array(z.string()),
    reason: z.string(),
    ringId: z.string().nullable(),
    by: z.string(),
    at: z.string(),
  })
  .meta({ id: 'AllowEntry' });
export type AllowEntry = z.infer<typeof AllowEntry>;

export const AllowList = z.object({ entries: z.array(AllowEntry) });
export type AllowList = z.infer<typeof AllowList>;
export const AllowCreated = z.object({ id: z.string() });
export type AllowCreated = z.infer<typeof AllowCreated>;
