// Links actors to their generic identifiers (one row per actor and identifier): IP, Wi-Fi, MAC, email, WeChat, friend…
// The node is keyed by `kind:value`; node and relationship keep their first source, all sources and first/last seen.
// The tie keeps the earliest (observedAt) and latest (lastObservedAt) event time any record reported for it, none
// when none did; firstSeen/lastSeen are when ringmap loaded such records, never evidence (src/ingest/observed-times.ts).
// :params {rows: [{actorId: "A-1", key: "wechat:wxid_ab", kind: "wechat", value: "wxid_ab", observedAt: null, lastObservedAt: null, source: "platform:demo"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.actorId})
MERGE (x:Identifier {key: r.key})
  ON CREATE SET x.kind = r.kind, x.value = r.value, x.source = r.source, x.sources = [r.source],
                x.firstSeen = datetime($now)
SET x.sources = CASE WHEN r.source IN x.sources THEN x.sources ELSE x.sources + r.source END,
    x.lastSeen = datetime($now)
MERGE (a)-[h:HAS_IDENTIFIER]->(x)
  ON CREATE SET h.source = r.source, h.sources = [r.source], h.firstSeen = datetime($now)
SET h.sources = CASE WHEN r.source IN h.sources THEN h.sources ELSE h.sources + r.source END,
    h.lastSeen = datetime($now),
    h.observedAt = CASE WHEN datetime(r.observedAt) < h.observedAt OR h.observedAt IS NULL
                          THEN datetime(r.observedAt) ELSE h.observedAt END,
    h.lastObservedAt = CASE WHEN datetime(r.lastObservedAt) > h.lastObservedAt OR h.lastObservedAt IS NULL
                              THEN datetime(r.lastObservedAt) ELSE h.lastObservedAt END
