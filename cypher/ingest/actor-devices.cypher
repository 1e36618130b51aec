// Links actors to the devices they use (one row per actor and device).
// The tie keeps the earliest (observedAt) and latest (lastObservedAt) event time any record reported for it, none
// when none did; firstSeen/lastSeen are when ringmap loaded such records, never evidence (src/ingest/observed-times.ts).
// :params {rows: [{actorId: "A-1", id: "dev-1", observedAt: null, lastObservedAt: null, source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (d:Device {id: r.id})
  ON CREATE SET d.source = r.source, d.firstSeen = datetime($now)
SET d.lastSeen = datetime($now)
MERGE (a)-[u:USES_DEVICE]->(d)
  ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
SET u.lastSeen = datetime($now),
    u.observedAt = CASE WHEN datetime(r.observedAt) < u.observedAt OR u.observedAt IS NULL
                          THEN datetime(r.observedAt) ELSE u.observedAt END,
    u.lastObservedAt = CASE WHEN datetime(r.lastObservedAt) > u.lastObservedAt OR u.lastObservedAt IS NULL
                              THEN datetime(r.lastObservedAt) ELSE u.lastObservedAt END
