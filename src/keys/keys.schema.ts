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

// Response shapes: documented in security.openapi.ts and, through z.infer, the types the key store returns.

export const ApiKeyInfo = z
  .object({
    name: z.string(),
    role: z.enum(ROLES),
    origin: z.enum(['env', 'api']).meta({ description: 'env: from RINGMAP_API_KEYS; api: created here.' }),
    rateLimitPerMin: z.number().int().nullable(),
    createdAt: z.string().nullable(),
    rotatedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({
    id: 'ApiKeyInfo',
    description: 'A key without its secret: neither the key nor its hash is ever shown.',
  });
/** What GET /v1/keys shows of a key: never the key or its hash. */
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

export const NewApiKey = ApiKeyInfo.extend({
  key: z
    .string()
    .meta({ description: 'The key itself: shown in this answer only (it is stored as a hash).' }),
}).meta({ id: 'NewApiKey' });
export type NewApiKey = z.infer<typeof NewApiKey>;

export const KeyList = z.object({ keys: z.array(ApiKeyInfo) });
export type KeyList = z.infer<typeof KeyList>;

/** GET /v1/me: who the presented key is. */
export const WhoAmI = z.object({ name: z.string(), role: z.enum(ROLES) });
export type WhoAmI = z.infer<typeof WhoAmI>;
