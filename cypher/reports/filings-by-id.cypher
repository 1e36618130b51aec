// Complaints and claims by id, with who filed them, against whom, contact phone, payout account, representative.
// :params {ids: ["C-1", "CL-1"]}
UNWIND $ids AS fid
OPTIONAL MATCH (c:Complaint {id: fid})
OPTIONAL MATCH (k:Claim {id: fid})
WITH fid, coalesce(c, k) AS f
WHERE f IS NOT NULL
MATCH (a:Actor)-[:FILED]->(f)-[:AGAINST]->(i:Institution)
OPTIONAL MATCH (f)-[:CONTACT]->(p:Phone)
OPTIONAL MATCH (f)-[:PAYOUT_TO]->(x:Account)
OPTIONAL MATCH (f)-[:REPRESENTED_BY]->(g:Actor)
RETURN f.id AS id, CASE WHEN f:Claim THEN 'claim' ELSE 'complaint' END AS type, a.id AS filedBy,
       toString(f.filedAt) AS filedAt, i.name AS institution, f.category AS category, f.kind AS kind,
       f.channel AS channel, f.amount AS amount, f.text AS text, f.policyNumber AS policyNumber, f.source AS source,
       collect(DISTINCT p.number)[0] AS contactPhone, collect(DISTINCT x.id)[0] AS payoutAccount,
       collect(DISTINCT g.id)[0] AS representativeId
ORDER BY filedAt, id
