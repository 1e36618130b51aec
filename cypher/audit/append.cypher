// Appends audit entries. Append-only: entries are only ever created, never updated or deleted; an entry already
// there (a retried batch that had in fact been committed) is skipped, not touched.
// :params {rows: [{id: "a1", at: "2026-01-01T00:00:00Z", key: "ana", role: "analyst", method: "GET", route: "/v1/rings/:id", params: "{}", ringIds: ["R-1"], actorIds: [], status: 200, requestId: "r1", ms: 3.2, outcome: "completed"}]}
UNWIND $rows AS r
WITH r WHERE NOT EXISTS { MATCH (:AuditEntry {id: r.id}) }
CREATE (:AuditEntry {id: r.id, at: datetime(r.at), key: r.key, role: r.role, method: r.method, route: r.route,
                     params: r.params, ringIds: r.ringIds, actorIds: r.actorIds, status: r.status,
                     requestId: r.requestId, ms: r.ms, outcome: r.outcome})
