// Request shapes of the ring and actor report routes.
import { z } from 'zod';
import { TYPOLOGIES } from '../shared/domain.js';

/** A page cursor: the run a listing began on and the last rank it showed (`run-….12`). */
export const CURSOR_PATTERN = /^(run-[0-9a-z-]{1,64})\.([0-9]{1,9})$/;

export const ListRingsQuery = z.strictObject({
  minScore: z.coerce.number().min(0).max(100).optional(),
  /** Rings whose calibrated probability of being organised is at least this (rings without one are left out). */
  minProbability: z.coerce.number().min(0).max(1).optional(),
  typology: z.enum(TYPOLOGIES).optional(),
  status: z.enum(['new', 'under_review', 'confirmed', 'dismissed', 'referred', 'all']).optional(),
  /** Rings with at least one complaint or claim against this institution (and within the dates, if given). */
  institution: z.string().trim().min(1).max(200).optional(),
  /** Rings with at least one complaint or claim filed on or after this day (UTC). */
  filedFrom: z.iso.date().optional(),
  /** … and on or before this day (UTC). */
  filedTo: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(CURSOR_PATTERN, 'is not a cursor; use the nextCursor of a previous page')
    .optional(),
});

export const RingIdParam = z.object({
  id: z.string().regex(/^R-[0-9a-f]{6,40}(-[0-9]{1,4})?$/, 'is not a ring id'),
});
export const ActorIdParam = z.object({ id: z.string().min(1).max(128) });
