// Triage: the stored phones, accounts and devices of the actor an incoming complaint names (indexed look-ups only).
// :params {id: "A-1"}
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[:USES_PHONE]->(p:Phone)
OPTIONAL MATCH (a)-[:HOLDS]->(x:Account)
OPTIONAL MATCH (a)-[:USES_DEVICE]->(d:Device)
RETURN collect(DISTINCT p.number) AS phones, collect(DISTINCT x.id) AS accounts, collect(DISTINCT d.id) AS devices
