// Runs, newest first.
// :params {limit: 50}
MATCH (r:Run)
RETURN r {.id, .status, .stage, .progress, .error, startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)} AS run
ORDER BY r.startedAt DESC, r.id DESC
LIMIT $limit
