// Export: transfers between accounts held by the given actors (never toward non-members, however busy an account).
// :params {actorIds: ["A-1", "A-2"]}
MATCH (a:Actor)-[:HOLDS]->(x:Account)
WHERE a.id IN $actorIds
WITH collect(DISTINCT x) AS accounts
UNWIND accounts AS f
MATCH (f)-[t:TRANSFERRED]->(to:Account)
WHERE to IN accounts
RETURN t.id AS id, f.id AS fromAccount, to.id AS toAccount, t.amount AS amount, toString(t.at) AS at,
       t.source AS source, toString(t.firstSeen) AS firstSeen
ORDER BY at, id
