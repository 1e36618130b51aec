// Every ring of a run with its member ids (evaluation against ground truth).
// :params {runId: "run-1"}
MATCH (g:Ring {runId: $runId})
MATCH (a:Actor)-[:MEMBER_OF {runId: $runId}]->(g)
WITH g, collect(a.id) AS actorIds
ORDER BY g.rank
RETURN g.id AS id, g.score AS score, g.typology AS typology, actorIds
