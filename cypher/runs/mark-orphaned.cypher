// Runs whose holding process is known to be gone (it ran on this host and no longer lives) are marked failed at
// once, without waiting for their heartbeat lease to expire; their ids come back so their rings can be removed.
// :params {runs: [{id: "run-1", error: "abandoned: its process (pid 4242 on ringmap-1) is gone"}], now: "2026-01-01T00:00:00Z"}
UNWIND $runs AS gone
MATCH (r:Run {id: gone.id})
WHERE r.status IN ['queued', 'running']
SET r.status = 'failed', r.error = gone.error, r.finishedAt = datetime($now)
RETURN r.id AS id
