// A page of the audit chain in order, for verification: every stored field of each entry after sequence number $after.
// :params {after: 0, limit: 5000}
MATCH (e:AuditEntry)
WHERE e.seq > $after
RETURN e {.id, .seq, .prevHash, .hash, at: toString(e.at), .key, .role, .method, .route, .params, .ringIds,
          .actorIds, .status, .requestId, .ms, .outcome} AS entry
ORDER BY e.seq
LIMIT $limit
