// Upserts money transfers between accounts; the transfer id is unique, so re-sending one changes nothing.
// :params {rows: [{id: "T-1", from: "6222020000000001", to: "6222020000000002", amount: 300.0, at: "2026-03-05T10:00:00+08:00", source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MERGE (f:Account {id: r.from})
  ON CREATE SET f.source = r.source, f.firstSeen = datetime($now), f.lastSeen = datetime($now)
MERGE (t:Account {id: r.to})
  ON CREATE SET t.source = r.source, t.firstSeen = datetime($now), t.lastSeen = datetime($now)
MERGE (f)-[x:TRANSFERRED {id: r.id}]->(t)
  ON CREATE SET x.amount = r.amount, x.at = datetime(r.at), x.source = r.source, x.firstSeen = datetime($now)
