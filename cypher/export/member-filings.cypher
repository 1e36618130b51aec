// Export: the complaints and claims the given actors filed, with the institution, contact phone, payout account
// and representing agent of each (an allow-list of properties: an agent's ID-number hash is never read out).
// :params {actorIds: ["A-1", "A-2"]}
UNWIND $actorIds AS actorId
MATCH (a:Actor {id: actorId})-[fr:FILED]->(f)
WHERE f:Complaint OR f:Claim
CALL (f) {
  OPTIONAL MATCH (f)-[r:AGAINST|CONTACT|PAYOUT_TO|REPRESENTED_BY]->(x)
  WITH r, x ORDER BY type(r), coalesce(x.number, x.id, x.name)
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
           rel: type(r), source: r.source, firstSeen: toString(r.firstSeen),
           target: x {key: coalesce(x.number, x.id, x.name), .kind, .name, .type, .institution, .source, .sources,
                      firstSeen: toString(x.firstSeen), lastSeen: toString(x.lastSeen),
                      hasIdNumber: x.idNumberHash IS NOT NULL, totalLinks: COUNT { (x)--() }}
         } END) AS links
}
RETURN a.id AS actorId, fr.source AS filedSource, toString(fr.firstSeen) AS filedFirstSeen,
       CASE WHEN f:Claim THEN 'claim' ELSE 'complaint' END AS type,
       f {.id, .category, .channel, .text, .amount, .kind, .policyNumber, .source, filedAt: toString(f.filedAt),
          firstSeen: toString(f.firstSeen), lastSeen: toString(f.lastSeen)} AS filing,
       links
ORDER BY actorId, filing.filedAt, filing.id
