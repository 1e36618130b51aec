// Removes the rings of one run (a failed run's partial write-back), in batches.
// :params {runId: "run-1"}
MATCH (g:Ring {runId: $runId})
CALL (g) { DETACH DELETE g } IN TRANSACTIONS OF 1000 ROWS
