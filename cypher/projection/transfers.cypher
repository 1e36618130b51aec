// Projection: money between two actors' accounts.
// :params {}
MATCH (fa:Actor)-[:HOLDS]->(f:Account)-[t:TRANSFERRED]->(x:Account)<-[:HOLDS]-(ta:Actor)
WHERE fa <> ta
RETURN t.id AS transferId, fa.id AS fromActor, ta.id AS toActor, f.id AS fromAccount, x.id AS toAccount,
       t.amount AS amount, toString(t.at) AS at, t.source AS source
