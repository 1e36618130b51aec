// Audit entries, newest first, filtered by time, key name, actor and ring.
// :params {since: null, until: null, key: null, actor: null, ring: null, limit: 100}
MATCH (e:AuditEntry)
WHERE ($since IS NULL OR e.at >= datetime($since)) AND ($until IS NULL OR e.at < datetime($until))
  AND ($key IS NULL OR e.key = $key) AND ($actor IS NULL OR $actor IN e.actorIds)
  AND ($ring IS NULL OR $ring IN e.ringIds)
RETURN e {.id, at: toString(e.at), .key, .role, .method, .route, .params, .ringIds, .actorIds, .status, .requestId,
          .ms, .outcome} AS entry
ORDER BY e.at DESC, e.id DESC
LIMIT $limit
