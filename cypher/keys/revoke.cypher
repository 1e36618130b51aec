// Revokes a key for good, unless it is the last admin key in force (no row comes back then); the record stays
// (audit entries name it). NOTE: every revocation and rotation first takes the write lock of one KeyLock node, so
// two admins revoking each other at once cannot both pass the "another admin remains" check.
// :params {name: "bench", now: "2026-01-01T00:00:00Z"}
MERGE (lock:KeyLock {name: 'keys'})
SET lock.at = datetime($now)
WITH lock
MATCH (k:ApiKey {name: $name})
OPTIONAL MATCH (other:ApiKey {role: 'admin'})
  WHERE other.revokedAt IS NULL AND other.name <> k.name
WITH k, count(other) AS otherAdmins
WHERE k.role <> 'admin' OR k.revokedAt IS NOT NULL OR otherAdmins > 0
SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
RETURN k.name AS name, toString(k.revokedAt) AS revokedAt
