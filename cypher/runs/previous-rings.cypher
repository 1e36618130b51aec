// The rings of a run with their member ids and scores (the predecessor snapshot for lineage matching).
// :params {runId: "run-1"}
MATCH (g:Ring {runId: $runId})
MATCH (a:Actor)-[:MEMBER_OF {runId: $runId}]->(g)
WITH g, collect(a.id) AS actorIds
RETURN g.id AS id, g.score AS score, actorIds
ORDER BY g.rank
