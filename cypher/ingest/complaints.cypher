// Upserts complaints with who filed them, against whom, the contact phone, payout account and representative.
// :params {rows: [{id: "C-1", filedAt: "2026-03-04T09:12:00+08:00", complainantId: "A-1", institution: "中国工商银行", category: "fee_refund", channel: "regulator_hotline", contactPhone: "+8613812345678", payoutAccount: null, representativeId: null, text: "要求退还全部息费", amount: 1200.0, source: "regulator:demo"}], now: "2026-01-01T00:00:00Z"}
UNWIND $rows AS r
MATCH (a:Actor {id: r.complainantId})
OPTIONAL MATCH (rep:Actor {id: r.representativeId})
MERGE (c:Complaint {id: r.id})
  ON CREATE SET c.source = r.source, c.firstSeen = datetime($now)
SET c.filedAt = datetime(r.filedAt), c.category = r.category, c.channel = r.channel, c.text = r.text,
    c.amount = r.amount, c.lastSeen = datetime($now)
// A filing has one filer: a re-sent record naming another one replaces it, and the change stays as a correction
// with its source and time (evidence exported earlier still explains itself).
WITH a, rep, c, r
CALL (a, c, r) {
  MATCH (old:Actor)-[was:FILED]->(c)
  WHERE old <> a
  CREATE (c)-[:CORRECTED]->(:Correction {field: 'complainantId', from: old.id, to: a.id, source: r.source,
                                         at: datetime($now), previousSource: was.source})
  DELETE was
}
MERGE (a)-[f:FILED]->(c)
  ON CREATE SET f.source = r.source, f.firstSeen = datetime($now)
MERGE (i:Institution {name: r.institution})
  ON CREATE SET i.source = r.source, i.sources = [r.source], i.firstSeen = datetime($now), i.lastSeen = datetime($now)
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
