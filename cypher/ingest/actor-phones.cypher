// Links actors to the phones they use (one row per actor and phone); relationships keep source and first seen.
// :params {rows: [{actorId: "A-1", number: "+8613812345678", source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (p:Phone {number: r.number})
  ON CREATE SET p.source = r.source, p.firstSeen = datetime($now)
SET p.lastSeen = datetime($now)
MERGE (a)-[u:USES_PHONE]->(p)
  ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
SET u.lastSeen = datetime($now)
