// Secondary indexes for report and run look-ups.
CREATE INDEX ring_run IF NOT EXISTS FOR (n:Ring) ON (n.runId);
CREATE INDEX ring_run_score IF NOT EXISTS FOR (n:Ring) ON (n.runId, n.score);
CREATE INDEX run_status IF NOT EXISTS FOR (n:Run) ON (n.status);
CREATE INDEX complaint_filed IF NOT EXISTS FOR (n:Complaint) ON (n.filedAt);
CREATE INDEX claim_filed IF NOT EXISTS FOR (n:Claim) ON (n.filedAt);
CREATE INDEX ring_id IF NOT EXISTS FOR (n:Ring) ON (n.id);
CREATE INDEX member_run IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.runId);
CREATE INDEX ring_event_run IF NOT EXISTS FOR (n:RingEvent) ON (n.runId);
CREATE INDEX ring_event_ring IF NOT EXISTS FOR (n:RingEvent) ON (n.ringId);
CREATE INDEX review_ring IF NOT EXISTS FOR (n:Review) ON (n.ringId);
