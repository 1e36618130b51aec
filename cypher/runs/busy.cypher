// A queued or running run whose holder is still alive (fresh heartbeat), if any.
// :params {staleBefore: "2025-12-31T23:58:00Z"}
MATCH (busy:Run)
WHERE busy.status IN ['queued', 'running'] AND busy.heartbeatAt >= datetime($staleBefore)
RETURN busy.id AS id
ORDER BY busy.startedAt DESC
LIMIT 1
