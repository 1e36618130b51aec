// Updates a running run's stage, progress and heartbeat. A run already closed (failed by the lease, by its own
// failure record, or succeeded) stays closed: a heartbeat sent before and retried after must not revive it.
// NOTE: the run's write lock is taken (the SET of `beating`) before its status is read. Read first, a heartbeat held
// up while the database was away passed the check, waited for the lock the failure record held, and then wrote
// `running` over `failed` (a lost update, found by `npm run chaos`).
// :params {id: "run-1", status: "running", stage: "projection", progress: 0.1, stages: "{}", now: "2026-01-01T00:00:00Z"}
MATCH (r:Run {id: $id})
SET r.beating = true
WITH r, r.status IN ['queued', 'running'] AS open
REMOVE r.beating
WITH r, open
WHERE open
SET r.status = $status, r.stage = $stage, r.progress = $progress, r.stages = $stages, r.heartbeatAt = datetime($now)
