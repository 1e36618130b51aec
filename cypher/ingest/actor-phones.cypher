// Links actors to the phones they use (one row per actor and phone); relationships keep source and first seen.
// The tie keeps the earliest (observedAt) and latest (lastObservedAt) event time any record reported for it, none
// when none did; firstSeen/lastSeen are when ringmap loaded such records, never evidence (src/ingest/observed-times.ts).
// :params {rows: [{actorId: "A-1", number: "+8613812345678", observedAt: "2026-03-01T08:00:00+08:00", lastObservedAt: "2026-03-01T08:00:00+08:00", source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (p:Phone {number: r.number})
  ON CREATE SET p.source = r.source, p.firstSeen = datetime($now)
SET p.lastSeen = datetime($now)
MERGE (a)-[u:USES_PHONE]->(p)
  ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
SET u.lastSeen = datetime($now),
    u.observedAt = CASE WHEN datetime(r.observedAt) < u.observedAt OR u.observedAt IS NULL
                          THEN datetime(r.observedAt) ELSE u.observedAt END,
    u.lastObservedAt = CASE WHEN datetime(r.lastObservedAt) > u.lastObservedAt OR u.lastObservedAt IS NULL
                              THEN datetime(r.lastObservedAt) ELSE u.lastObservedAt END
