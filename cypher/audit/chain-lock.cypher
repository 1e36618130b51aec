// Takes the audit chain's write lock (one (:AuditChain) node; made on first use) for the rest of the transaction:
// every instance that appends to the trail passes here first, so appends are serialised and the chain never forks.
// :params {genesis: "0000000000000000000000000000000000000000000000000000000000000000"}
MERGE (c:AuditChain {id: 'main'})
  ON CREATE SET c.seq = 0, c.head = $genesis
SET c.lockedAt = datetime()
