// Export: the recorded exports, newest first.
// :params {limit: 50}
MATCH (e:Export)
RETURN e {.id, .ringId, .runId, .format, .keyName, at: toString(e.at), .sha256, .bytes} AS export
ORDER BY e.at DESC, e.id DESC
LIMIT $limit
