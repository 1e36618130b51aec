// Clue review: appends a review of a ring and sets the ring's current status (kept by ring id across runs).
// :params {id: "rev-1", ringId: "R-1", runId: "run-1", status: "confirmed", note: "...", caseReference: null, by: "analyst-1", at: "2026-01-01T00:00:00Z"}
CREATE (r:Review {id: $id, ringId: $ringId, runId: $runId, status: $status, note: $note, caseReference: $caseReference,
                  by: $by, at: datetime($at)})
MERGE (s:RingStatus {ringId: $ringId})
SET s.status = $status, s.updatedAt = datetime($at), s.by = $by, s.caseReference = $caseReference
RETURN r.id AS id
