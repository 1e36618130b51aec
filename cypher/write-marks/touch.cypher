// This process wrote something other processes may be showing from memory: its mark moves. Marks of processes
// silent for a day go.
// :params {writer: "host:1234:ab12cd34"}
MERGE (m:WriteMark {writer: $writer})
SET m.at = datetime()
WITH m
CALL (m) {
  MATCH (old:WriteMark) WHERE old.at < datetime() - duration('P1D') AND old <> m
  DETACH DELETE old
}
