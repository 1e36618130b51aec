// Takes the write lock on the single run-lock node, so two instances cannot both start a run.
// :params {now: "2026-01-01T00:00:00Z"}
MERGE (l:RunLock {name: 'detection'})
SET l.lockedAt = datetime($now)
