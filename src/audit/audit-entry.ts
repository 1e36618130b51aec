// One audit trail entry: who did what, when, with which outcome (written by audit.log.ts, chained by
// audit-chain.ts); documented in security.openapi.ts and, through z.infer, the type the audit trail keeps.
import { z } from 'zod';

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string().meta({ description: 'ISO instant the request ended.' }),
    key: z.string().nullable().meta({ description: "The key's name; null when no valid key was presented." }),
    role: z.string().nullable(),
    method: z.string(),
    route: z.string().meta({ description: 'The route pattern, e.g. /v1/actors/:id (never the raw path).' }),
    params: z.string().meta({ description: 'Path parameters, as JSON (each value cut to 128 characters).' }),
    ringIds: z.array(z.string()),
    actorIds: z.array(z.string()),
    status: z.number().int(),
    requestId: z.string(),
    ms: z.number(),
    outcome: z
      .enum(['completed', 'aborted'])
      .meta({ description: 'aborted: the client went away before the answer was complete.' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
