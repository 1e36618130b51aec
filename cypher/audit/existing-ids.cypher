// Which of these audit entry ids are stored already (a retried batch that had in fact been committed).
// :params {ids: ["a1", "a2"]}
UNWIND $ids AS id
MATCH (e:AuditEntry {id: id})
RETURN e.id AS id
