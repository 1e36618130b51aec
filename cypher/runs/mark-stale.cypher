// Runs whose holder stopped sending heartbeats (process died) are marked failed so they block nothing; their ids
// come back so their partial rings can be removed.
// :params {staleBefore: "2025-12-31T23:58:00Z", now: "2026-01-01T00:00:00Z"}
MATCH (r:Run)
WHERE r.status IN ['queued', 'running'] AND r.heartbeatAt < datetime($staleBefore)
SET r.status = 'failed', r.error = 'abandoned: no heartbeat from the process running it', r.finishedAt = datetime($now)
RETURN r.id AS id
