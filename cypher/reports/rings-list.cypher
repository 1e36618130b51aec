// Ranked ring summaries of one run, filtered by score and typology, paged by rank.
// :params {runId: "run-1", minScore: 50.0, typology: null, afterRank: 0, limit: 50}
MATCH (g:Ring {runId: $runId})
WHERE g.score >= $minScore AND ($typology IS NULL OR g.typology = $typology) AND g.rank > $afterRank
WITH g ORDER BY g.rank LIMIT $limit
OPTIONAL MATCH (o:Actor)-[m:MEMBER_OF {runId: $runId}]->(g) WHERE m.role = 'organizer'
WITH g, collect(o.id)[0] AS organizerId
RETURN g {.id, .rank, .score, .reported, .typology, .typologyReason, .size} AS ring, organizerId
ORDER BY g.rank
