// Export: the members of one ring of one run with the actor properties a bundle carries (never the ID-number hash).
// :params {runId: "run-1", ringId: "R-0123456789"}
MATCH (g:Ring {runId: $runId, id: $ringId})
MATCH (a:Actor)-[m:MEMBER_OF {runId: $runId}]->(g)
RETURN a.id AS id, a.kind AS kind, a.name AS name, a.source AS source, a.sources AS sources,
       toString(a.firstSeen) AS firstSeen, toString(a.lastSeen) AS lastSeen,
       a.idNumberHash IS NOT NULL AS hasIdNumber,
       m.role AS role, m.strength AS strength, m.summary AS summary
ORDER BY id
