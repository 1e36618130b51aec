// Closes a run: succeeded with its stats, or failed with the error. A run that is no longer queued or running
// (marked failed by the heartbeat lease or at shutdown) cannot be closed as succeeded: no row comes back.
// :params {id: "run-1", status: "succeeded", stats: "{}", stages: "{}", hubs: "[]", error: null, now: "2026-01-01T00:00:00Z"}
MATCH (r:Run {id: $id})
WHERE $status = 'failed' OR r.status IN ['queued', 'running']
SET r.status = $status, r.stats = $stats, r.stages = $stages, r.hubs = $hubs, r.error = $error,
    r.finishedAt = datetime($now), r.heartbeatAt = datetime($now), r.progress = CASE WHEN $status = 'succeeded' THEN 1.0 ELSE r.progress END,
    r.stage = $status
RETURN r.id AS id
