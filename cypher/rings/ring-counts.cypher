// How many rings a run has, by typology and whether they reach the report threshold (the /metrics gauge).
// :params {runId: "run-1"}
MATCH (g:Ring {runId: $runId})
RETURN g.typology AS typology, g.reported AS reported, count(*) AS n
