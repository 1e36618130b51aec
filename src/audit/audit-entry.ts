// One audit trail entry: who did what, when, with which outcome (written by audit.log.ts, chained by audit-chain.ts).
export interface AuditEntry {
  id: string;
  /** ISO instant the request ended. */
  at: string;
  /** The key's name; null when no valid key was presented. */
  key: string | null;
  role: string | null;
  method: string;
  /** The route pattern, never the raw path. */
  route: string;
  /** Path parameters as JSON (each value cut to 128 characters). */
  params: string;
  ringIds: string[];
  actorIds: string[];
  status: number;
  requestId: string;
  ms: number;
  /** `aborted`: the client went away before the answer was complete. */
  outcome: 'completed' | 'aborted';
}
