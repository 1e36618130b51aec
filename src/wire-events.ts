// Who hears what: the one place the features' events are wired to the caches and marks that depend on them.
import type { Events } from './shared/events.js';
import type { IngestService } from './ingest/ingest.service.js';
import type { Metrics } from './http/metrics.js';
import type { RingReportService } from './rings/ring-report.service.js';
import type { RunService } from './runs/run.service.js';
import type { TriageService } from './triage/triage.service.js';
import type { WriteMarks } from './store/write-marks.js';

export interface Listeners {
  ingest: IngestService;
  runs: RunService;
  reports: RingReportService;
  triage: TriageService;
  marks: WriteMarks;
  metrics: Metrics;
}

/**
 * | event             | emitted by                 | triage               | ring reports        | write marks | ingest         | metrics      |
 * | ----------------- | -------------------------- | -------------------- | ------------------- | ----------- | -------------- | ------------ |
 * | `ingest.written`  | IngestService, each write  | re-index the actors  | drop what showed it | move ours   |                |              |
 * | `reviews.changed` | ReviewService, review/allow| rebuild the index    | drop review answers | move ours   |                |              |
 * | `run.succeeded`   | RunService, rings visible  | rebuild the index    | drop the old run's  |             |                | stage times  |
 * | `others.wrote`    | WriteMarks, another process|                      | drop everything     |             | forget digests |              |
 *
 * NOTE: triage's index and the report cache are per process; write marks carry this process's writes to the
 * others (a second instance, `npm run ingest`) and theirs to it.
 */
export function wireEvents(events: Events, l: Listeners): void {
  events.on('ingest.written', (w) => {
    l.triage.actorsWritten(w.actorIds);
    l.reports.written(w);
    l.marks.wrote();
  });
  events.on('reviews.changed', () => {
    l.triage.invalidate();
    l.reports.reviewsChanged();
    l.marks.wrote();
  });
  events.on('run.succeeded', ({ runId }) => {
    l.triage.invalidate();
    l.reports.runSucceeded();
    void l.runs.get(runId).then(
      (r) => r && l.metrics.stagesDone(r.stages),
      () => {},
    );
  });
  events.on('others.wrote', () => {
    l.reports.othersWrote();
    l.ingest.forgetWritten();
  });
  l.marks.watch(() => events.emit('others.wrote'));
}
