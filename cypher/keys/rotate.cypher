// Gives a key that is not revoked a new secret; the old one stops working. Not the last admin key in force: a lost
// answer would lock every admin out (no row comes back then; the KeyLock is explained in revoke.cypher).
// :params {name: "bench", hash: "cd34", now: "2026-01-01T00:00:00Z"}
MERGE (lock:KeyLock {name: 'keys'})
SET lock.at = datetime($now)
WITH lock
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL
OPTIONAL MATCH (other:ApiKey {role: 'admin'})
  WHERE other.revokedAt IS NULL AND other.name <> k.name
WITH k, count(other) AS otherAdmins
WHERE k.role <> 'admin' OR otherAdmins > 0
SET k.hash = $hash, k.rotatedAt = datetime($now)
RETURN k.name AS name
