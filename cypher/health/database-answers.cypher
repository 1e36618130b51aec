// Whether the database answers a query (not only the server a connection): asked by /readyz, and once before each
// write attempt while the audit trail is failing. Neo4j restarted after a crash accepts Bolt connections several
// seconds before its database has recovered and answers queries.
// :params {}
RETURN 1 AS one
