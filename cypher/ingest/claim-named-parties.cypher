// Links claims to the parties they name (被投诉方): a phone, an account or a generic identifier, created if new (as
// CONTACT does for phones). `extracted` is true for a party found only in the text, false once it is named explicitly.
// :params {rows: [{filingId: "CL-1", kind: "phone", target: "+8613812345678", identifierKind: null, value: "+8613812345678", name: "王经理", extracted: false, source: "regulator:demo"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (c:Claim {id: r.filingId})
CALL (r) {
  WITH r WHERE r.kind = 'phone'
  MERGE (p:Phone {number: r.target})
    ON CREATE SET p.source = r.source, p.firstSeen = datetime($now)
  SET p.lastSeen = datetime($now)
  RETURN p AS party
UNION
  WITH r WHERE r.kind = 'account'
  MERGE (x:Account {id: r.target})
    ON CREATE SET x.source = r.source, x.firstSeen = datetime($now)
  SET x.lastSeen = datetime($now)
  RETURN x AS party
UNION
  WITH r WHERE r.kind = 'identifier'
  MERGE (x:Identifier {key: r.target})
    ON CREATE SET x.kind = r.identifierKind, x.value = r.value, x.source = r.source, x.sources = [r.source],
                  x.firstSeen = datetime($now)
  SET x.lastSeen = datetime($now)
  RETURN x AS party
}
MERGE (c)-[n:NAMES]->(party)
  ON CREATE SET n.source = r.source, n.extracted = r.extracted, n.firstSeen = datetime($now)
SET n.extracted = n.extracted AND r.extracted, n.name = coalesce(r.name, n.name), n.lastSeen = datetime($now)
