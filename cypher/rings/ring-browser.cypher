// Neo4j Browser / Bloom: one ring of one run as a graph: its members, their phones, accounts and devices, their
// filings with the institution, contact phone, payout account and agent each names, and transfers between members.
// :params {runId: "run-1", ringId: "R-0123456789"}
MATCH (g:Ring {runId: $runId, id: $ringId})<-[m:MEMBER_OF {runId: $runId}]-(a:Actor)
CALL (a) {
  OPTIONAL MATCH p = (a)-[:USES_PHONE|HOLDS|USES_DEVICE]->()
  RETURN collect(p) AS identifiers
}
CALL (a) {
  OPTIONAL MATCH p = (a)-[:FILED]->()-[:AGAINST|CONTACT|PAYOUT_TO|REPRESENTED_BY]->()
  RETURN collect(p) AS filings
}
CALL (a, g) {
  OPTIONAL MATCH p = (a)-[:HOLDS]->(:Account)-[:TRANSFERRED]->(:Account)<-[:HOLDS]-(:Actor)-[:MEMBER_OF {runId: $runId}]->(g)
  RETURN collect(p) AS transfers
}
RETURN g AS ring, a AS member, m AS membership, identifiers, filings, transfers
