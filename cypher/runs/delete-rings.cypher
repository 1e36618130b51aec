// Removes the rings and lineage events of one run (a failed run's partial write-back), in batches.
// :params {runId: "run-1"}
CALL () {
  MATCH (g:Ring {runId: $runId})
  RETURN g AS n
  UNION ALL
  MATCH (e:RingEvent {runId: $runId})
  RETURN e AS n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
