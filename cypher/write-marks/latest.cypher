// Where the other processes' writes stand (see touch.cypher): the sum moves whenever any of them writes.
// :params {writer: "host:1234:ab12cd34"}
MATCH (m:WriteMark)
WHERE m.writer <> $writer
RETURN sum(m.at.epochMillis) AS version, count(m) AS writers
