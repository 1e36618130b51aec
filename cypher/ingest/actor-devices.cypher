// Links actors to the devices they use (one row per actor and device).
// :params {rows: [{actorId: "A-1", id: "dev-1", source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (d:Device {id: r.id})
  ON CREATE SET d.source = r.source, d.firstSeen = datetime($now)
SET d.lastSeen = datetime($now)
MERGE (a)-[u:USES_DEVICE]->(d)
  ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
SET u.lastSeen = datetime($now)
