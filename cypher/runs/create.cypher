// Records a new detection run as queued.
// :params {id: "run-1", params: "{}", now: "2026-01-01T00:00:00Z", exportKeyFingerprint: "sha256:00"}
CREATE (r:Run {id: $id, status: 'queued', params: $params, startedAt: datetime($now), heartbeatAt: datetime($now),
               progress: 0.0, stage: 'queued', stages: '{}', exportKeyFingerprint: $exportKeyFingerprint})
RETURN r.id AS id
