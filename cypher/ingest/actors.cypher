// Upserts actors (idempotent MERGE); their phones, accounts, devices and identifiers follow in actor-*.cypher.
// A row without kind keeps the stored one (person for a new actor).
// :params {rows: [{id: "A-1", kind: null, name: "张伟", idNumberHash: null, source: "bank:ICBC"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
  ON CREATE SET a.source = r.source, a.sources = [r.source], a.firstSeen = datetime($now)
SET a.kind = coalesce(r.kind, a.kind, 'person'),
    a.name = coalesce(r.name, a.name),
    a.idNumberHash = coalesce(r.idNumberHash, a.idNumberHash),
    a.sources = CASE WHEN r.source IN a.sources THEN a.sources ELSE a.sources + r.source END,
    a.lastSeen = datetime($now)
