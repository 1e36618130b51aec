// A new named key; the unique name constraint refuses a name already taken (revoked names stay taken).
// :params {name: "bench", role: "analyst", hash: "ab12", rateLimitPerMin: null, now: "2026-01-01T00:00:00Z"}
CREATE (k:ApiKey {name: $name, role: $role, hash: $hash, origin: 'api', rateLimitPerMin: $rateLimitPerMin,
                  createdAt: datetime($now)})
RETURN k.name AS name
