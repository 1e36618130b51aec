// Lineage: what happened to each ring in this run (born, grew, shrank, changed, merged, split, dissolved, unchanged).
// :params {runId: "run-1", rows: [{ringId: "R-1", event: "born", from: [], into: [], sizeBefore: 0, sizeAfter: 5, scoreBefore: null, scoreAfter: 70.0, jaccard: null, importance: 105.0}]}
UNWIND $rows AS r
CREATE (:RingEvent {runId: $runId, ringId: r.ringId, event: r.event, from: r.from, into: r.into,
                    sizeBefore: r.sizeBefore, sizeAfter: r.sizeAfter, scoreBefore: r.scoreBefore,
                    scoreAfter: r.scoreAfter, jaccard: r.jaccard, importance: r.importance})
