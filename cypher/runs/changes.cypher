// The lineage events of a run, most important first (new and grown high-score rings lead).
// :params {runId: "run-1", includeUnchanged: false, limit: 100}
MATCH (e:RingEvent {runId: $runId})
WHERE $includeUnchanged OR e.event <> 'unchanged'
RETURN e {.*} AS change
ORDER BY e.importance DESC, e.ringId, e.event
LIMIT $limit
