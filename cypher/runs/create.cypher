// Records a new detection run as queued, with the process that holds it (host, pid and that process's boot id).
// :params {id: "run-1", params: "{}", now: "2026-01-01T00:00:00Z", exportKeyFingerprint: "sha256:00", holderHost: "ringmap-1", holderPid: 4242, holderBoot: "5f2a9c0e1b7d"}
CREATE (r:Run {id: $id, status: 'queued', params: $params, startedAt: datetime($now), heartbeatAt: datetime($now),
               progress: 0.0, stage: 'queued', stages: '{}', exportKeyFingerprint: $exportKeyFingerprint,
               holderHost: $holderHost, holderPid: $holderPid, holderBoot: $holderBoot})
RETURN r.id AS id
