// Upserts actors with their phones, accounts and devices (idempotent MERGE; relationships keep source and first seen).
// :params {rows: [{id: "A-1", kind: "person", name: "张伟", idNumberHash: null, phones: ["+8613812345678"], accounts: [{id: "6222020000000001", kind: "bank", institution: "中国工商银行"}], devices: ["dev-1"], source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
  ON CREATE SET a.source = r.source, a.sources = [r.source], a.firstSeen = datetime($now)
SET a.kind = r.kind,
    a.name = coalesce(r.name, a.name),
    a.idNumberHash = coalesce(r.idNumberHash, a.idNumberHash),
    a.sources = CASE WHEN r.source IN a.sources THEN a.sources ELSE a.sources + r.source END,
    a.lastSeen = datetime($now)
FOREACH (number IN r.phones |
  MERGE (p:Phone {number: number})
    ON CREATE SET p.source = r.source, p.firstSeen = datetime($now)
  SET p.lastSeen = datetime($now)
  MERGE (a)-[u:USES_PHONE]->(p)
    ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
  SET u.lastSeen = datetime($now))
FOREACH (acc IN r.accounts |
  MERGE (x:Account {id: acc.id})
    ON CREATE SET x.source = r.source, x.firstSeen = datetime($now)
  SET x.kind = coalesce(acc.kind, x.kind), x.institution = coalesce(acc.institution, x.institution), x.lastSeen = datetime($now)
  MERGE (a)-[h:HOLDS]->(x)
    ON CREATE SET h.source = r.source, h.firstSeen = datetime($now)
  SET h.lastSeen = datetime($now))
FOREACH (device IN r.devices |
  MERGE (d:Device {id: device})
    ON CREATE SET d.source = r.source, d.firstSeen = datetime($now)
  SET d.lastSeen = datetime($now)
  MERGE (a)-[u:USES_DEVICE]->(d)
    ON CREATE SET u.source = r.source, u.firstSeen = datetime($now)
  SET u.lastSeen = datetime($now))
