// Audit entries outside the hash chain (no sequence number): those older than the chain's first entry were written
// before the chain existed; a later one was written into the database directly. How many of each, the first late one.
// :params {since: "2026-01-01T00:00:00.000Z"}
MATCH (e:AuditEntry)
WHERE e.seq IS NULL
WITH e ORDER BY e.at
WITH collect(e) AS outside
WITH [e IN outside WHERE $since IS NULL OR e.at < datetime($since)] AS before,
     [e IN outside WHERE $since IS NOT NULL AND e.at >= datetime($since)] AS late
WITH before, late, head(late) AS f
RETURN size(before) AS preChain, size(late) AS late,
       CASE WHEN f IS NULL THEN null ELSE {id: f.id, at: toString(f.at)} END AS firstLate
