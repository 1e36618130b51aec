// One actor with its identifiers (generic ones: the first $maxIdentifiers by kind and value, and their count), its
// filings, and its ring in the given run (if any).
// :params {id: "A-1", runId: "run-1", maxIdentifiers: 1000}
MATCH (a:Actor {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[u:USES_PHONE]->(p:Phone)
  RETURN collect(DISTINCT {number: p.number, source: u.source, observedAt: toString(u.observedAt),
                            lastObservedAt: toString(u.lastObservedAt), firstLoadedAt: toString(u.firstSeen)}) AS phones
}
CALL (a) {
  OPTIONAL MATCH (a)-[h:HOLDS]->(x:Account)
  RETURN collect(DISTINCT {id: x.id, kind: x.kind, institution: x.institution, source: h.source,
                            observedAt: toString(h.observedAt), lastObservedAt: toString(h.lastObservedAt)}) AS accounts
}
CALL (a) {
  OPTIONAL MATCH (a)-[u:USES_DEVICE]->(d:Device)
  RETURN collect(DISTINCT {id: d.id, source: u.source, observedAt: toString(u.observedAt),
                            lastObservedAt: toString(u.lastObservedAt)}) AS devices
}
CALL (a) {
  OPTIONAL MATCH (a)-[h:HAS_IDENTIFIER]->(x:Identifier)
  WITH h, x ORDER BY x.kind, x.value
  RETURN count(x) AS identifierCount,
         collect({kind: x.kind, value: x.value, source: h.source, sources: h.sources,
                  firstLoadedAt: toString(h.firstSeen), observedAt: toString(h.observedAt),
                  lastObservedAt: toString(h.lastObservedAt)})[..$maxIdentifiers] AS identifiers
}
CALL (a) {
  OPTIONAL MATCH (a)-[:FILED]->(f)
  RETURN collect(f.id) AS filingIds
}
CALL (a) {
  OPTIONAL MATCH (a)-[m:MEMBER_OF {runId: $runId}]->(g:Ring)
  RETURN collect({ring: g {.id, .score, .probability, .typology, .typologyReason, .size, .rank, .reported}, role: m.role, strength: m.strength,
                  summary: m.summary, evidence: m.evidence})[0] AS membership
}
// NOTE: firstSeen/lastSeen are stored load times, answered as such (firstLoadedAt/lastLoadedAt), never as events;
// a tie's event times are observedAt (earliest reported) and lastObservedAt (latest), null when none was reported
RETURN a {.id, .kind, .name, .source, .sources, firstLoadedAt: toString(a.firstSeen), lastLoadedAt: toString(a.lastSeen),
          hasIdNumber: a.idNumberHash IS NOT NULL} AS actor,
       [x IN phones WHERE x.number IS NOT NULL] AS phones,
       [x IN accounts WHERE x.id IS NOT NULL] AS accounts,
       [x IN devices WHERE x.id IS NOT NULL] AS devices,
       [x IN identifiers WHERE x.kind IS NOT NULL] AS identifiers, identifierCount,
       filingIds, membership
