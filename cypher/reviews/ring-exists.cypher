// Whether a ring id exists in the given run.
// :params {runId: "run-1", ringId: "R-1"}
MATCH (g:Ring {runId: $runId, id: $ringId})
RETURN count(g) AS n
