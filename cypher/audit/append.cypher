// Appends audit entries to the hash chain and moves its head, in the transaction that holds the chain lock
// (audit/chain-lock). Append-only: entries are only ever created, never updated or deleted. Each row carries its
// place in the chain (seq), the previous entry's hash and its own (computed by src/audit/audit-chain.ts).
// :params {rows: [{id: "a1", seq: 1, prevHash: "00…", hash: "ab…", at: "2026-01-01T00:00:00.000Z", key: "ana", role: "analyst", method: "GET", route: "/v1/rings/:id", params: "{}", ringIds: ["R-1"], actorIds: [], status: 200, requestId: "r1", ms: 3.2, outcome: "completed"}], head: {seq: 1, hash: "ab…"}}
UNWIND $rows AS r
CREATE (:AuditEntry {id: r.id, seq: r.seq, prevHash: r.prevHash, hash: r.hash, at: datetime(r.at), key: r.key,
                     role: r.role, method: r.method, route: r.route, params: r.params, ringIds: r.ringIds,
                     actorIds: r.actorIds, status: r.status, requestId: r.requestId, ms: r.ms, outcome: r.outcome})
WITH count(*) AS appended
MATCH (c:AuditChain {id: 'main'})
SET c.seq = $head.seq, c.head = $head.hash, c.updatedAt = datetime()
RETURN appended
