// Ranked ring summaries of one run, filtered by score, calibrated probability, typology, review status, and the
// institution and dates of the ring's own complaints and claims, paged by rank. Without a status filter, dismissed
// rings are left out.
// :params {runId: "run-1", minScore: 50.0, minProbability: null, typology: null, status: null, institution: null, filedFrom: null, filedTo: null, afterRank: 0, limit: 50}
MATCH (g:Ring {runId: $runId})
WHERE g.score >= $minScore AND ($minProbability IS NULL OR g.probability >= $minProbability)
  AND ($typology IS NULL OR g.typology = $typology) AND g.rank > $afterRank
  AND (($institution IS NULL AND $filedFrom IS NULL AND $filedTo IS NULL) OR any(fid IN coalesce(g.filingIds, []) WHERE
    EXISTS {
      MATCH (f:Complaint {id: fid})-[:AGAINST]->(i:Institution)
      WHERE ($institution IS NULL OR i.name = $institution) AND ($filedFrom IS NULL OR f.filedAt >= datetime($filedFrom))
        AND ($filedTo IS NULL OR f.filedAt < datetime($filedTo) + duration('P1D'))
    } OR EXISTS {
      MATCH (f:Claim {id: fid})-[:AGAINST]->(i:Institution)
      WHERE ($institution IS NULL OR i.name = $institution) AND ($filedFrom IS NULL OR f.filedAt >= datetime($filedFrom))
        AND ($filedTo IS NULL OR f.filedAt < datetime($filedTo) + duration('P1D'))
    }))
OPTIONAL MATCH (s:RingStatus {ringId: g.id})
WITH g, coalesce(s.status, 'new') AS status
WHERE ($status IS NULL AND status <> 'dismissed') OR $status = 'all' OR status = $status
WITH g, status ORDER BY g.rank LIMIT $limit
OPTIONAL MATCH (o:Actor)-[m:MEMBER_OF {runId: $runId}]->(g) WHERE m.role = 'organizer'
WITH g, status, collect(o.id)[0] AS organizerId
RETURN g {.id, .rank, .score, .probability, .reported, .typology, .typologyReason, .size} AS ring, status, organizerId
ORDER BY g.rank
