// Feedback: an allow-list entry (an identifier, or a set of actors) that later runs honour.
// :params {id: "allow-1", kind: "identifier", identifierKind: "phone", identifier: "+8613812345678", actorIds: [], reason: "clinic front desk", ringId: "R-1", by: "analyst-1", at: "2026-01-01T00:00:00Z"}
CREATE (e:AllowEntry {id: $id, kind: $kind, identifierKind: $identifierKind, identifier: $identifier, actorIds: $actorIds,
                      reason: $reason, ringId: $ringId, by: $by, at: datetime($at)})
RETURN e.id AS id
