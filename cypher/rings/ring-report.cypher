// One ring's report as its run wrote it (`report`, at write-back), found by its unique key, with the parts that stay
// live: the review status and each member's name, kind and sources as stored now. `report` is null for rings
// written before reports were (then ring-get.cypher and filings-by-id.cypher build it).
// :params {key: "run-1:R-0123456789"}
MATCH (g:Ring {key: $key})
OPTIONAL MATCH (s:RingStatus {ringId: g.id})
CALL (g) {
  MATCH (a:Actor)-[:MEMBER_OF {runId: g.runId}]->(g)
  RETURN collect({id: a.id, name: a.name, kind: a.kind, sources: a.sources}) AS members
}
RETURN g.report AS report,
       {status: coalesce(s.status, 'new'), updatedAt: toString(s.updatedAt), by: s.by, caseReference: s.caseReference} AS review,
       members
