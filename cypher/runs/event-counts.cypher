// How many rings of a run had each lineage event.
// :params {runId: "run-1"}
MATCH (e:RingEvent {runId: $runId})
RETURN e.event AS event, count(*) AS n
ORDER BY event
