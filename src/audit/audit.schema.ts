// Request and response shapes of the audit listing.
import { z } from 'zod';
import { AuditEntry } from './audit-entry.js';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });

export const AUDIT_MAX_LIMIT = 1000;

export const AuditQuerySchema = z.strictObject({
  since: Instant.optional(),
  until: Instant.optional(),
  key: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'is not a key name')
    .optional(),
  actor: z.string().min(1).max(128).optional(),
  ring: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(100),
});

/** What GET /v1/audit answers. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), limit: z.number().int() });
export type AuditPage = z.infer<typeof AuditPage>;
