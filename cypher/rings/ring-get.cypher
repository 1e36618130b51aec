// One ring of one run with its review status and its members (strongest first) and their evidence.
// :params {runId: "run-1", id: "R-0123456789"}
MATCH (g:Ring {runId: $runId, id: $id})
OPTIONAL MATCH (s:RingStatus {ringId: g.id})
MATCH (a:Actor)-[m:MEMBER_OF {runId: $runId}]->(g)
WITH g, s, a, m ORDER BY CASE m.role WHEN 'organizer' THEN 0 WHEN 'agent' THEN 1 ELSE 2 END, m.strength DESC, a.id
RETURN g {.*} AS ring,
       {status: coalesce(s.status, 'new'), updatedAt: toString(s.updatedAt), by: s.by, caseReference: s.caseReference} AS review,
       collect({id: a.id, name: a.name, kind: a.kind, sources: a.sources, role: m.role, strength: m.strength,
                summary: m.summary, evidence: m.evidence}) AS members
