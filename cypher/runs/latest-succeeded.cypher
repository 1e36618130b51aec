// The run whose rings readers see: the newest that fully succeeded.
// :params {}
MATCH (r:Run {status: 'succeeded'})
RETURN r.id AS id
ORDER BY r.finishedAt DESC, r.id DESC
LIMIT 1
