// Updates a run's status, stage, progress and heartbeat.
// :params {id: "run-1", status: "running", stage: "projection", progress: 0.1, stages: "{}", now: "2026-01-01T00:00:00Z"}
MATCH (r:Run {id: $id})
SET r.status = $status, r.stage = $stage, r.progress = $progress, r.stages = $stages, r.heartbeatAt = datetime($now)
