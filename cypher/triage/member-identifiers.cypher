// Triage index: the identifiers ring members use, and those their complaints and claims point at.
// :params {actorIds: ["A-1"]}
UNWIND $actorIds AS actorId
MATCH (a:Actor {id: actorId})
CALL (a) {
  MATCH (a)-[:USES_PHONE]->(p:Phone) RETURN 'phone' AS kind, p.number AS identifier, 'uses' AS via, null AS institution, null AS at
  UNION ALL
  MATCH (a)-[:HOLDS]->(x:Account) RETURN 'account' AS kind, x.id AS identifier, 'holds' AS via, null AS institution, null AS at
  UNION ALL
  MATCH (a)-[:USES_DEVICE]->(d:Device) RETURN 'device' AS kind, d.id AS identifier, 'device' AS via, null AS institution, null AS at
  UNION ALL
  MATCH (a)-[:FILED]->(f)-[:CONTACT]->(p:Phone) RETURN 'phone' AS kind, p.number AS identifier, 'contact' AS via, null AS institution, null AS at
  UNION ALL
  MATCH (a)-[:FILED]->(f)-[:PAYOUT_TO]->(x:Account) RETURN 'account' AS kind, x.id AS identifier, 'payout' AS via, null AS institution, null AS at
  UNION ALL
  MATCH (a)-[:FILED]->(f)-[:AGAINST]->(i:Institution)
  RETURN 'filing' AS kind, f.id AS identifier, 'filed' AS via, i.name AS institution, toString(f.filedAt) AS at
}
RETURN a.id AS actorId, kind, identifier, via, institution, at
