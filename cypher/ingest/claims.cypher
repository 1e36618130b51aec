// Upserts insurance claims and surrenders with claimant, insurer, contact phone, payout account and representative.
// :params {rows: [{id: "CL-1", filedAt: "2026-03-04T09:12:00+08:00", claimantId: "A-1", insurer: "中国人寿", kind: "surrender", policyNumber: "P-1", contactPhone: null, payoutAccount: "6222020000000001", representativeId: null, amount: 30000.0, source: "insurer:demo"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.claimantId})
OPTIONAL MATCH (rep:Actor {id: r.representativeId})
MERGE (c:Claim {id: r.id})
  ON CREATE SET c.source = r.source, c.firstSeen = datetime($now)
SET c.filedAt = datetime(r.filedAt), c.kind = r.kind, c.policyNumber = r.policyNumber, c.amount = r.amount,
    c.lastSeen = datetime($now)
// A filing has one filer: a re-sent record naming another one replaces it, and the change stays as a correction
// with its source and time (evidence exported earlier still explains itself).
WITH a, rep, c, r
CALL (a, c, r) {
  MATCH (old:Actor)-[was:FILED]->(c)
  WHERE old <> a
  CREATE (c)-[:CORRECTED]->(:Correction {field: 'claimantId', from: old.id, to: a.id, source: r.source,
                                         at: datetime($now), previousSource: was.source})
  DELETE was
}
MERGE (a)-[f:FILED]->(c)
  ON CREATE SET f.source = r.source, f.firstSeen = datetime($now)
MERGE (i:Institution {name: r.insurer})
  ON CREATE SET i.source = r.source, i.sources = [r.source], i.type = 'insurer', i.firstSeen = datetime($now),
                i.lastSeen = datetime($now)
MERGE (c)-[ag:AGAINST]->(i)
  ON CREATE SET ag.source = r.source, ag.firstSeen = datetime($now)
FOREACH (number IN CASE WHEN r.contactPhone IS NULL THEN [] ELSE [r.contactPhone] END |
  MERGE (p:Phone {number: number})
    ON CREATE SET p.source = r.source, p.firstSeen = datetime($now)
  SET p.lastSeen = datetime($now)
  MERGE (c)-[k:CONTACT]->(p)
    ON CREATE SET k.source = r.source, k.firstSeen = datetime($now))
FOREACH (accountId IN CASE WHEN r.payoutAccount IS NULL THEN [] ELSE [r.payoutAccount] END |
  MERGE (x:Account {id: accountId})
    ON CREATE SET x.source = r.source, x.firstSeen = datetime($now)
  SET x.lastSeen = datetime($now)
  MERGE (c)-[po:PAYOUT_TO]->(x)
    ON CREATE SET po.source = r.source, po.firstSeen = datetime($now))
FOREACH (agent IN CASE WHEN rep IS NULL THEN [] ELSE [rep] END |
  MERGE (c)-[rb:REPRESENTED_BY]->(agent)
    ON CREATE SET rb.source = r.source, rb.firstSeen = datetime($now))
