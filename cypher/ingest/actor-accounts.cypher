// Links actors to the accounts they hold (one row per actor and account).
// The tie keeps the earliest (observedAt) and latest (lastObservedAt) event time any record reported for it, none
// when none did; firstSeen/lastSeen are when ringmap loaded such records, never evidence (src/ingest/observed-times.ts).
// :params {rows: [{actorId: "A-1", id: "6222020000000001", kind: "bank", institution: "中国工商银行", observedAt: null, lastObservedAt: null, source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (x:Account {id: r.id})
  ON CREATE SET x.source = r.source, x.firstSeen = datetime($now)
SET x.kind = coalesce(r.kind, x.kind), x.institution = coalesce(r.institution, x.institution), x.lastSeen = datetime($now)
MERGE (a)-[h:HOLDS]->(x)
  ON CREATE SET h.source = r.source, h.firstSeen = datetime($now)
SET h.lastSeen = datetime($now),
    h.observedAt = CASE WHEN datetime(r.observedAt) < h.observedAt OR h.observedAt IS NULL
                          THEN datetime(r.observedAt) ELSE h.observedAt END,
    h.lastObservedAt = CASE WHEN datetime(r.lastObservedAt) > h.lastObservedAt OR h.lastObservedAt IS NULL
                              THEN datetime(r.lastObservedAt) ELSE h.lastObservedAt END
