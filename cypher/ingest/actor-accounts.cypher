// Links actors to the accounts they hold (one row per actor and account).
// :params {rows: [{actorId: "A-1", id: "6222020000000001", kind: "bank", institution: "中国工商银行", source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (x:Account {id: r.id})
  ON CREATE SET x.source = r.source, x.firstSeen = datetime($now)
SET x.kind = coalesce(r.kind, x.kind), x.institution = coalesce(r.institution, x.institution), x.lastSeen = datetime($now)
MERGE (a)-[h:HOLDS]->(x)
  ON CREATE SET h.source = r.source, h.firstSeen = datetime($now)
SET h.lastSeen = datetime($now)
