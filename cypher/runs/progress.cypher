// Updates a running run's stage, progress and heartbeat. A run already closed (failed by the lease, by its own
// failure record, or succeeded) stays closed: a heartbeat sent before and retried after must not revive it.
// :params {id: "run-1", status: "running", stage: "projection", progress: 0.1, stages: "{}", now: "2026-01-01T00:00:00Z"}
MATCH (r:Run {id: $id})
WHERE r.status IN ['queued', 'running']
SET r.status = $status, r.stage = $stage, r.progress = $progress, r.stages = $stages, r.heartbeatAt = datetime($now)
