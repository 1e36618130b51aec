// Which of the given actor ids already exist (reference check before a write).
// :params {ids: ["A-1", "A-2"]}
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id
