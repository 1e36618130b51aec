// Request shapes of the key administration routes.
import { z } from 'zod';
import { ROLES } from '../config.js';

export const KeyName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must match [A-Za-z0-9_.-]{1,64}');

export const KeyNameParam = z.object({ name: KeyName });

export const CreateKeyBody = z.strictObject({
  name: KeyName,
  role: z.enum(ROLES),
  /** This key's own rate limit (e.g. a load-test or batch key); default RINGMAP_RATE_LIMIT_PER_MIN. */
  rateLimitPerMin: z.number().int().min(1).max(10_000_000).optional(),
});
