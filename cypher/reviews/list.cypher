// Every review of a ring, oldest first.
// :params {ringId: "R-1"}
MATCH (r:Review {ringId: $ringId})
RETURN r {.id, .ringId, .runId, .status, .note, .caseReference, .by, at: toString(r.at)} AS review
ORDER BY r.at, r.id
