// Request shapes of the clue-review routes, and the review statuses.
import { z } from 'zod';

export const REVIEW_STATUSES = ['new', 'under_review', 'confirmed', 'dismissed', 'referred'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const Reason = z.string().trim().min(1).max(500);

export const AllowEntryBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('identifier'),
    identifierKind: z.enum(['phone', 'account', 'device', 'agent']),
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
