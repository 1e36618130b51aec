// One run by id.
// :params {id: "run-1"}
MATCH (r:Run {id: $id})
RETURN r {.*, startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt), heartbeatAt: toString(r.heartbeatAt)} AS run
