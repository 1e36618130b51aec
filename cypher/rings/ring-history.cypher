// A ring across runs: its snapshot in every retained run and the lineage events that name it.
// :params {id: "R-1"}
MATCH (r:Run {status: 'succeeded'})
OPTIONAL MATCH (g:Ring {runId: r.id, id: $id})
OPTIONAL MATCH (e:RingEvent {runId: r.id})
  WHERE e.ringId = $id OR $id IN e.from OR $id IN e.into
WITH r, g, collect(e {.*}) AS events
WHERE g IS NOT NULL OR size(events) > 0
RETURN r.id AS runId, toString(r.finishedAt) AS finishedAt,
       CASE WHEN g IS NULL THEN null ELSE g {.score, .size, .typology, .rank, .reported} END AS snapshot, events
ORDER BY r.finishedAt, r.id
