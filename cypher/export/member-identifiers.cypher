// Export: the phones, accounts and devices the given actors use or hold; totalLinks shows how widely each is shared.
// observedAt/lastObservedAt: the earliest and latest event time the sources reported for the tie (or null);
// firstSeen/lastSeen: when ringmap loaded the records (exported as firstLoadedAt/lastLoadedAt, never as a date).
// :params {actorIds: ["A-1", "A-2"]}
UNWIND $actorIds AS actorId
MATCH (a:Actor {id: actorId})-[r:USES_PHONE|HOLDS|USES_DEVICE]->(x)
RETURN a.id AS actorId, type(r) AS rel, r.source AS source, toString(r.firstSeen) AS firstSeen,
       toString(r.lastSeen) AS lastSeen, toString(r.observedAt) AS observedAt,
       toString(r.lastObservedAt) AS lastObservedAt,
       x {key: coalesce(x.number, x.id), .kind, .institution, .source, firstSeen: toString(x.firstSeen),
          lastSeen: toString(x.lastSeen), totalLinks: COUNT { (x)--() }} AS target
ORDER BY actorId, rel, target.key
