// Marks a run whose ring snapshots were pruned; its record (params, stats) is kept.
// :params {runId: "run-1"}
MATCH (r:Run {id: $runId})
SET r.pruned = true
