// Write-back: the rings of a run and their members (MEMBER_OF tagged with the run id), each ring with its complaints
// and claims as the run found them (`filings`, JSON: see src/rings/ring-filings.ts). Invisible to readers until the
// run is marked succeeded.
// :params {runId: "run-1", rows: [{key: "run-1:R-ab12", id: "R-ab12", rank: 1, score: 87.5, probability: 0.875, typology: "complaint_mill", typologyReason: "...", size: 12, breakdown: "[]", details: "{}", filingIds: [], filings: "{}", members: [{actorId: "A-1", role: "organizer", strength: 3.2, summary: "...", evidence: "[]"}]}]}
UNWIND $rows AS r
CREATE (g:Ring {key: r.key, id: r.id, runId: $runId, rank: r.rank, score: r.score, probability: r.probability,
                typology: r.typology,
                typologyReason: r.typologyReason, size: r.size, breakdown: r.breakdown, details: r.details,
                filingIds: r.filingIds, filings: r.filings, reported: r.reported})
WITH g, r
UNWIND r.members AS m
MATCH (a:Actor {id: m.actorId})
CREATE (a)-[:MEMBER_OF {runId: $runId, role: m.role, strength: m.strength, summary: m.summary, evidence: m.evidence}]->(g)
