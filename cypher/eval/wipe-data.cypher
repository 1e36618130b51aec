// Deletes everything but the API keys, in batches: `npm run eval:real` loads each data set into an empty graph.
// :params {}
MATCH (n) WHERE NOT n:ApiKey
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
