// The audit chain's head: the sequence number and hash of the last entry appended (read after chain-lock in an
// append, so it is the committed head no other writer can move until this transaction ends).
// :params {}
MATCH (c:AuditChain {id: 'main'})
RETURN c.seq AS seq, c.head AS hash, toString(c.updatedAt) AS at
