// Records the keys of RINGMAP_API_KEYS that the store does not know yet. A stored key always wins: one rotated or
// revoked through the API stays so, whatever the environment says.
// :params {keys: [{name: "ana", role: "analyst", hash: "ab12"}], now: "2026-01-01T00:00:00Z"}
UNWIND $keys AS key
MERGE (k:ApiKey {name: key.name})
  ON CREATE SET k.role = key.role, k.hash = key.hash, k.createdAt = datetime($now), k.origin = 'env'
RETURN k.name AS name, k.hash = key.hash AS sameHash, k.role = key.role AS sameRole, k.revokedAt IS NOT NULL AS revoked
