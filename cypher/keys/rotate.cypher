// Gives a key that is not revoked a new secret; the old one stops working.
// :params {name: "bench", hash: "cd34", now: "2026-01-01T00:00:00Z"}
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL
SET k.hash = $hash, k.rotatedAt = datetime($now)
RETURN k.name AS name
