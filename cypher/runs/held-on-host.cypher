// Queued or running runs held by a process on this host: the lease asks the operating system whether it still lives.
// :params {host: "ringmap-1"}
MATCH (r:Run)
WHERE r.status IN ['queued', 'running'] AND r.holderHost = $host
RETURN r.id AS id, r.holderPid AS pid, r.holderBoot AS boot
