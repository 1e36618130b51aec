// Upserts institutions. Every node keeps its first reporting source, all sources, and first/last seen times.
// :params {rows: [{name: "中国工商银行", type: "bank", source: "regulator:demo"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MERGE (i:Institution {name: r.name})
  ON CREATE SET i.source = r.source, i.sources = [r.source], i.firstSeen = datetime($now)
SET i.type = coalesce(r.type, i.type),
    i.sources = CASE WHEN r.source IN i.sources THEN i.sources ELSE i.sources + r.source END,
    i.lastSeen = datetime($now)
