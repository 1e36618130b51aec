// Triage index: every actor that uses or holds one of the given phones, accounts or devices (the ring members'),
// so scoring a complaint from a known actor needs no database round trip.
// :params {phones: ["+8613812345678"], accounts: ["ACC-1"], devices: ["dev-1"]}
CALL () {
  UNWIND $phones AS number
  MATCH (a:Actor)-[:USES_PHONE]->(:Phone {number: number})
  RETURN a.id AS actorId, 'phone' AS kind, number AS identifier
  UNION ALL
  UNWIND $accounts AS id
  MATCH (a:Actor)-[:HOLDS]->(:Account {id: id})
  RETURN a.id AS actorId, 'account' AS kind, id AS identifier
  UNION ALL
  UNWIND $devices AS id
  MATCH (a:Actor)-[:USES_DEVICE]->(:Device {id: id})
  RETURN a.id AS actorId, 'device' AS kind, id AS identifier
}
RETURN actorId, kind, identifier
