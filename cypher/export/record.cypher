// Export: records one export (who, what, when, and the SHA-256 of the bytes sent).
// :params {id: "exp-1", ringId: "R-0123456789", runId: "run-1", format: "bundle", keyName: "pros", at: "2026-01-01T00:00:00Z", sha256: "00", bytes: 0}
CREATE (e:Export {id: $id, ringId: $ringId, runId: $runId, format: $format, keyName: $keyName, at: datetime($at),
                  sha256: $sha256, bytes: $bytes})
