// Revokes a key for good; the record stays (audit entries name it).
// :params {name: "bench", now: "2026-01-01T00:00:00Z"}
MATCH (k:ApiKey {name: $name})
SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
RETURN k.name AS name, toString(k.revokedAt) AS revokedAt
