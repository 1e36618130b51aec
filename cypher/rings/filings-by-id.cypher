// Complaints and claims by id, with who filed them, against whom, contact phone, payout account, representative and
// the parties they name (被投诉方; `extracted`: found in the text only).
// :params {ids: ["C-1", "CL-1"]}
UNWIND $ids AS fid
OPTIONAL MATCH (c:Complaint {id: fid})
OPTIONAL MATCH (k:Claim {id: fid})
WITH fid, coalesce(c, k) AS f
WHERE f IS NOT NULL
MATCH (a:Actor)-[:FILED]->(f)-[:AGAINST]->(i:Institution)
CALL (f) {
  OPTIONAL MATCH (f)-[n:NAMES]->(t)
  WITH n, t ORDER BY n.extracted, coalesce(t.number, t.id, t.key)
  RETURN collect(CASE WHEN t IS NULL THEN null
                 ELSE {kind: CASE WHEN t:Phone THEN 'phone' WHEN t:Account THEN 'account' ELSE t.kind END,
                       identifier: coalesce(t.number, t.id, t.value), name: n.name, extracted: n.extracted} END)
         AS namedParties
}
OPTIONAL MATCH (f)-[:CONTACT]->(p:Phone)
OPTIONAL MATCH (f)-[:PAYOUT_TO]->(x:Account)
OPTIONAL MATCH (f)-[:REPRESENTED_BY]->(g:Actor)
RETURN f.id AS id, CASE WHEN f:Claim THEN 'claim' ELSE 'complaint' END AS type, a.id AS filedBy,
       toString(f.filedAt) AS filedAt, i.name AS institution, f.category AS category, f.kind AS kind,
       f.channel AS channel, f.amount AS amount, f.text AS text, f.policyNumber AS policyNumber, f.source AS source,
       collect(DISTINCT p.number)[0] AS contactPhone, collect(DISTINCT x.id)[0] AS payoutAccount,
       collect(DISTINCT g.id)[0] AS representativeId, namedParties
ORDER BY filedAt, id
