// Scheduled refresh: runs detection on a cron expression. Never two at once: in-process (croner's protect) and
// across instances (the run lock and heartbeat lease in Neo4j: a run whose holder died stops blocking after
// the lease expires). A missed or failed tick is logged; the next tick tries again.
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { isDomainError } from '../shared/errors.js';
import type { RunService } from '../runs/run.service.js';
import type { DetectionParamsInput } from '../analytics/index.js';

export interface RefreshJob {
  nextRun(): Date | null;
  stop(): void;
}

export function scheduleRefresh(deps: {
  cron: string;
  runs: RunService;
  logger: Logger;
  params?: DetectionParamsInput;
}): RefreshJob {
  const log = deps.logger.child({ job: 'refresh' });
  const job = new Cron(
    deps.cron,
    {
      protect: (j) =>
        log.warn(
          { startedAt: j.currentRun()?.toISOString() },
          'previous refresh still running; tick skipped',
        ),
      catch: (e) => log.error({ err: e }, 'refresh tick failed; the next tick retries'),
    },
    async () => {
      try {
        const { runId } = await deps.runs.start(deps.params ?? {});
        log.info({ runId }, 'refresh started');
        const run = await deps.runs.waitFor(runId);
        if (run.status === 'succeeded') log.info({ runId, stages: run.stages }, 'refresh succeeded');
        else log.error({ runId, error: run.error }, 'refresh failed; the next tick retries');
      } catch (e) {
        if (isDomainError(e, 'conflict')) {
          log.info({ runningId: e.details.runId }, 'another instance holds the run lease; tick skipped');
          return;
        }
        throw e;
      }
    },
  );
  log.info({ cron: deps.cron, next: job.nextRun()?.toISOString() }, 'refresh scheduled');
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}
