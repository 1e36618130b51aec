// Projection: every actor with its kind (the nodes of the evidence graph).
// :params {}
MATCH (a:Actor)
RETURN a.id AS id, a.kind AS kind, a.name AS name
