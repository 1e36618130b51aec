// Retention: the succeeded runs beyond the newest $keep whose ring snapshots are still stored.
// :params {keep: 10}
MATCH (r:Run {status: 'succeeded'})
WITH r ORDER BY r.finishedAt DESC, r.id DESC
WITH collect(r) AS runs
UNWIND runs[$keep..] AS old
WITH old WHERE coalesce(old.pruned, false) = false
RETURN old.id AS id
