// Projection: every tie between an actor and an identifier (phone, account, device, representing agent, generic
// identifier), with the record it comes through, its source and date. Identifiers shared by several actors become
// evidence between them. `named`: a filing names the identifier as the party it complains about (its filer is
// the named party's victim, not its holder).
// `at` is the time of the event a source reported: a filing's filedAt; for an actor's own phone, account, device or
// generic identifier the earliest time a record reported it (observedAt), with the latest as `lastAt`, or none when
// no record gave one. Never firstSeen/lastSeen: those are when ringmap loaded the records, not events.
// :params {}
MATCH (a:Actor)-[u:USES_PHONE]->(p:Phone)
RETURN a.id AS actorId, 'phone' AS identifierKind, p.number AS identifier, 'uses' AS via, null AS recordId,
       u.source AS source, toString(u.observedAt) AS at, toString(u.lastObservedAt) AS lastAt
UNION ALL
MATCH (a:Actor)-[:FILED]->(c)-[k:CONTACT]->(p:Phone)
RETURN a.id AS actorId, 'phone' AS identifierKind, p.number AS identifier, 'contact' AS via, c.id AS recordId,
       k.source AS source, toString(c.filedAt) AS at, null AS lastAt
UNION ALL
MATCH (a:Actor)-[h:HOLDS]->(x:Account)
RETURN a.id AS actorId, 'account' AS identifierKind, x.id AS identifier, 'holds' AS via, null AS recordId,
       h.source AS source, toString(h.observedAt) AS at, toString(h.lastObservedAt) AS lastAt
UNION ALL
MATCH (a:Actor)-[:FILED]->(c)-[po:PAYOUT_TO]->(x:Account)
RETURN a.id AS actorId, 'account' AS identifierKind, x.id AS identifier, 'payout' AS via, c.id AS recordId,
       po.source AS source, toString(c.filedAt) AS at, null AS lastAt
UNION ALL
MATCH (a:Actor)-[u:USES_DEVICE]->(d:Device)
RETURN a.id AS actorId, 'device' AS identifierKind, d.id AS identifier, 'device' AS via, null AS recordId,
       u.source AS source, toString(u.observedAt) AS at, toString(u.lastObservedAt) AS lastAt
UNION ALL
MATCH (a:Actor)-[:FILED]->(c)-[rb:REPRESENTED_BY]->(g:Actor)
RETURN a.id AS actorId, 'agent' AS identifierKind, g.id AS identifier, 'represented_by' AS via, c.id AS recordId,
       rb.source AS source, toString(c.filedAt) AS at, null AS lastAt
UNION ALL
MATCH (c)-[rb:REPRESENTED_BY]->(g:Actor)
RETURN g.id AS actorId, 'agent' AS identifierKind, g.id AS identifier, 'is_agent' AS via, c.id AS recordId,
       rb.source AS source, toString(c.filedAt) AS at, null AS lastAt
UNION ALL
MATCH (a:Actor)-[h:HAS_IDENTIFIER]->(x:Identifier)
RETURN a.id AS actorId, 'identifier' AS identifierKind, x.key AS identifier, 'has' AS via, null AS recordId,
       h.source AS source, toString(h.observedAt) AS at, toString(h.lastObservedAt) AS lastAt
UNION ALL
MATCH (a:Actor)-[:FILED]->(c)-[n:NAMES]->(t)
RETURN a.id AS actorId,
       CASE WHEN t:Phone THEN 'phone' WHEN t:Account THEN 'account' ELSE 'identifier' END AS identifierKind,
       coalesce(t.number, t.id, t.key) AS identifier, 'named' AS via, c.id AS recordId, n.source AS source,
       toString(c.filedAt) AS at, null AS lastAt
