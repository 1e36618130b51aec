// Every key record (the hash included: for the in-memory key ring only, never answered).
// :params {}
MATCH (k:ApiKey)
RETURN k {.name, .role, .hash, .origin, .rateLimitPerMin, createdAt: toString(k.createdAt),
          rotatedAt: toString(k.rotatedAt), revokedAt: toString(k.revokedAt)} AS key
ORDER BY k.name
