// The allow-list, oldest first.
// :params {}
MATCH (e:AllowEntry)
RETURN e {.id, .kind, .identifierKind, .identifier, .actorIds, .reason, .ringId, .by, at: toString(e.at)} AS entry
ORDER BY e.at, e.id
