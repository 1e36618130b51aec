// One ring of one run, found by its unique key, with its review status and its members (strongest first) and their
// evidence; with `snapshot`, also the ring's complaints and claims as its run found them (`filings`, JSON written at
// write-back; null for rings written before that, then filings-by-id.cypher reads them).
// :params {runId: "run-1", key: "run-1:R-0123456789", snapshot: true}
MATCH (g:Ring {key: $key})
OPTIONAL MATCH (s:RingStatus {ringId: g.id})
MATCH (a:Actor)-[m:MEMBER_OF {runId: $runId}]->(g)
WITH g, s, a, m ORDER BY CASE m.role WHEN 'organizer' THEN 0 WHEN 'agent' THEN 1 ELSE 2 END, m.strength DESC, a.id
RETURN g {.id, .rank, .score, .probability, .reported, .typology, .typologyReason, .size, .breakdown, .details,
          .filingIds, filings: CASE WHEN $snapshot THEN g.filings END} AS ring,
       {status: coalesce(s.status, 'new'), updatedAt: toString(s.updatedAt), by: s.by, caseReference: s.caseReference} AS review,
       collect({id: a.id, name: a.name, kind: a.kind, sources: a.sources, role: m.role, strength: m.strength,
                summary: m.summary, evidence: m.evidence}) AS members
