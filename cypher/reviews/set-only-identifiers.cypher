// Feedback: the identifiers that tie the given actors only to each other (an allow-listed family, say);
// those are dropped from linking, while anything they share with outsiders still counts.
// :params {actorIds: ["A-1", "A-2"]}
UNWIND $actorIds AS actorId
MATCH (a:Actor {id: actorId})
CALL (a) {
  MATCH (a)-[:USES_PHONE]->(p:Phone) RETURN 'phone' AS kind, p.number AS identifier, p AS node
  UNION
  MATCH (a)-[:FILED]->()-[:CONTACT]->(p:Phone) RETURN 'phone' AS kind, p.number AS identifier, p AS node
  UNION
  MATCH (a)-[:HOLDS]->(x:Account) RETURN 'account' AS kind, x.id AS identifier, x AS node
  UNION
  MATCH (a)-[:FILED]->()-[:PAYOUT_TO]->(x:Account) RETURN 'account' AS kind, x.id AS identifier, x AS node
  UNION
  MATCH (a)-[:USES_DEVICE]->(d:Device) RETURN 'device' AS kind, d.id AS identifier, d AS node
}
WITH DISTINCT kind, identifier, node
CALL (node) {
  OPTIONAL MATCH (o:Actor)-[:USES_PHONE|HOLDS|USES_DEVICE]->(node)
  RETURN collect(DISTINCT o.id) AS direct
}
CALL (node) {
  OPTIONAL MATCH (o:Actor)-[:FILED]->()-[:CONTACT|PAYOUT_TO]->(node)
  RETURN collect(DISTINCT o.id) AS viaFilings
}
WITH kind, identifier, direct + viaFilings AS actors
WHERE all(x IN actors WHERE x IN $actorIds)
RETURN kind, identifier
