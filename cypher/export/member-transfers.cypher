// Export: transfers between accounts held by the given actors (never toward non-members, however busy an account).
// :params {actorIds: ["A-1", "A-2"]}
UNWIND $actorIds AS actorId
MATCH (:Actor {id: actorId})-[:HOLDS]->(f:Account)-[t:TRANSFERRED]->(x:Account)
WHERE EXISTS { MATCH (x)<-[:HOLDS]-(b:Actor) WHERE b.id IN $actorIds }
WITH DISTINCT f, t, x
RETURN t.id AS id, f.id AS fromAccount, x.id AS toAccount, t.amount AS amount, toString(t.at) AS at,
       t.source AS source, toString(t.firstSeen) AS firstSeen
ORDER BY at, id
