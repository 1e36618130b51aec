// Triage index: every ring of a run worth warning about, with its score, typology and members.
// :params {runId: "run-1", minScore: 50.0}
MATCH (g:Ring {runId: $runId})
OPTIONAL MATCH (s:RingStatus {ringId: g.id})
WITH g, coalesce(s.status, 'new') AS status
WHERE (g.score >= $minScore OR status = 'confirmed') AND status <> 'dismissed'
MATCH (a:Actor)-[m:MEMBER_OF {runId: $runId}]->(g)
RETURN g.id AS ringId, g.score AS score, g.typology AS typology, status,
       collect({id: a.id, role: m.role, kind: a.kind}) AS members
