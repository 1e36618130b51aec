// Projection: every complaint and claim with who filed it, against whom, when, its category (claims: their kind)
// and its text (complaints only; compared for template similarity).
// :params {}
MATCH (a:Actor)-[:FILED]->(c)-[:AGAINST]->(i:Institution)
RETURN c.id AS id, CASE WHEN c:Claim THEN 'claim' ELSE 'complaint' END AS type, a.id AS actorId,
       toString(c.filedAt) AS filedAt, i.name AS institution, coalesce(c.category, c.kind) AS category,
       c.amount AS amount, c.text AS text, c.source AS source
