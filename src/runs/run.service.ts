// Detection runs: one at a time (a lease in Neo4j, run-lease.ts), staged (run-pipeline.ts) in a thread of their own
// (run-thread.ts), recorded with their parameters, stats and timings (run.repo.ts); rings become visible only when
// the whole run has succeeded.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  resolveDetectionParams,
  type DetectionParams,
  type DetectionParamsInput,
} from '../analytics/index.js';
import type { Events } from '../shared/events.js';
import { Errors } from '../shared/errors.js';
import type { Db } from '../store/db.js';
import type { DriverSettings } from '../store/neo4j-driver.js';
import { PROJECTION_QUERIES } from './projection.reader.js';
import { RunLease, type RunProgress } from './run-lease.js';
import type { PipelineOutcome, RunHooks, RunSuppression } from './run-pipeline.js';
import { RunThread } from './run-thread.js';
import { RunRepo, type RunRecord, type RunSummary } from './run.repo.js';
import type { RingChange } from './runs.schema.js';

export interface RunServiceDeps {
  db: Db;
  /** How `db`'s driver was opened: a run's thread opens its own driver with it (run-thread.ts). */
  driver: DriverSettings;
  logger: Logger;
  version: string;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Succeeded runs whose ring snapshots are kept; older ones are pruned after each run. */
  retainRuns?: number;
  /** Worker threads that refine a run's communities (refine-pool.ts; 1 or unset: the run's own thread). */
  detectThreads?: number;
  /** Added to the nice value of a run's thread (config `runNice`); 0 or unset: the service's priority. */
  runNice?: number;
  /** The allow-list of clue review, read at the start of every run. */
  suppression?: () => Promise<RunSuppression>;
  hooks?: RunHooks;
  /** The fingerprint of the key that signs this service's evidence bundles, kept in every run record. */
  exportKeyFingerprint?: string;
  /** Told when a run has succeeded and its rings are visible ('run.succeeded'). */
  events?: Events;
}

const LATEST_CACHE_MS = 250;

/** Thrown at the next checkpoint of a run that interrupt() stopped. */
class RunInterrupted extends Error {}

export class RunService {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Runs asked to stop (shutdown), with the reason recorded as their error. */
  private readonly interrupted = new Map<string, string>();
  /** The threads of the runs started here. */
  private readonly threads = new Map<string, RunThread>();
  private readonly repo: RunRepo;
  private readonly lease: RunLease;
  private latestCache: { id: string | undefined; at: number } | undefined;
  private latestGeneration = 0;

  constructor(private readonly deps: RunServiceDeps) {
    deps.db.require(PROJECTION_QUERIES);
    this.repo = new RunRepo(deps.db);
    this.lease = new RunLease({
      repo: this.repo,
      logger: deps.logger,
      heartbeatMs: deps.heartbeatMs,
      staleAfterMs: deps.staleAfterMs,
    });
  }

  /** Creates a queued run and starts it in the background; 409 (with the running id) if one is in progress. */
  async start(input: DetectionParamsInput = {}): Promise<{ runId: string; params: DetectionParams }> {
    let params: DetectionParams;
    try {
      params = resolveDetectionParams(input);
    } catch (e) {
      throw Errors.badRequest((e as Error).message);
    }
    const runId = newRunId();
    const recorded = { ...params, version: this.deps.version, projection: [...PROJECTION_QUERIES] };
    const busy = await this.lease.acquire({
      id: runId,
      params: JSON.stringify(recorded),
      exportKeyFingerprint: this.deps.exportKeyFingerprint ?? null,
    });
    if (busy) throw Errors.conflict(`run ${busy} is already in progress`, { runId: busy });
    const p = this.execute(runId, params).finally(() => {
      this.inFlight.delete(runId);
      this.interrupted.delete(runId);
    });
    this.inFlight.set(runId, p);
    return { runId, params };
  }

  /** Resolves when a run started by this process has ended (tests, the demo, the CLI). */
  async waitFor(runId: string): Promise<RunRecord> {
    await this.inFlight.get(runId);
    const run = await this.get(runId);
    if (!run) throw Errors.notFound('run', runId);
    return run;
  }

  /** Runs started here that are still going; SIGTERM handling marks them failed. */
  running(): string[] {
    return [...this.inFlight.keys()];
  }

  /**
   * Stops the runs started here (shutdown): each fails with `reason` as its error, at once while it has only read
   * (projection, detection), else at its next checkpoint (between stages and write-back batches), and its rings are
   * removed. A run still going after `waitMs` (inside a long stage) is marked failed directly; the heartbeat lease
   * covers a process that dies before that.
   */
  async interrupt(reason: string, waitMs = 10_000): Promise<string[]> {
    const ids = this.running();
    if (ids.length === 0) return [];
    for (const id of ids) {
      this.interrupted.set(id, reason);
      // NOTE: a run that only reads so far (projection, detection: the long stage) is stopped at once
      this.threads.get(id)?.interrupt(reason);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled(ids.map((id) => this.inFlight.get(id))).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), waitMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const id of this.running()) {
        await this.repo
          .finishFailed(id, reason)
          .catch((e: unknown) =>
            this.deps.logger.error({ err: e, runId: id }, 'could not mark the run failed'),
          );
      }
    }
    return ids;
  }

  private checkpoint(runId: string): void {
    const reason = this.interrupted.get(runId);
    if (reason !== undefined) throw new RunInterrupted(reason);
  }

  get(id: string): Promise<RunRecord | undefined> {
    return this.repo.get(id);
  }

  list(limit = 50): Promise<RunSummary[]> {
    return this.repo.list(limit);
  }

  /**
   * NOTE: every report asks this first; under load one answer serves the requests of the next 250 ms (a run that
   * succeeds here clears it at once; one that succeeds on another instance shows up here within that time).
   */
  async latestSucceeded(): Promise<string | undefined> {
    const cached = this.latestCache;
    if (cached && performance.now() - cached.at < LATEST_CACHE_MS) return cached.id;
    const at = performance.now();
    const generation = this.latestGeneration;
    const id = await this.repo.latestSucceeded();
    if (generation === this.latestGeneration) this.latestCache = { id, at };
    return id;
  }

  /**
   * Runs the pipeline in the run's own thread under the lease's heartbeat, then records the run succeeded, or
   * failed at its stage.
   */
  private async execute(runId: string, params: DetectionParams): Promise<void> {
    const progress: RunProgress = { stage: 'projection', progress: 0, stages: {} };
    const heartbeat = this.lease.hold(runId, progress);
    const { db } = this.deps;
    let thread: RunThread | undefined;
    try {
      const suppression = await this.deps.suppression?.();
      thread = new RunThread({
        runId,
        params,
        detectThreads: this.deps.detectThreads ?? 1,
        driver: this.deps.driver,
        db: { database: db.database, timeoutMs: db.timeoutMs },
        bookmarks: [...(await db.bookmarks.getBookmarks())],
        nice: this.deps.runNice ?? 0,
        progress,
        suppression,
        hooks: this.deps.hooks,
        beat: () => heartbeat.beat(),
        latestSucceeded: () => this.latestSucceeded(),
        priority: (p) => {
          const log = this.deps.logger.child({ runId });
          if (p.note) log.warn(p, "the run's thread keeps the service's CPU priority");
          else log.debug(p, "the run's thread's CPU priority");
        },
      });
      this.threads.set(runId, thread);
      this.checkpoint(runId);
      const { outcome, bookmarks } = await thread.run();
      await db.bookmarks.updateBookmarks([], bookmarks);
      heartbeat.stop();
      this.checkpoint(runId);
      await this.succeed(runId, progress, outcome);
    } catch (e) {
      heartbeat.stop();
      void thread?.stop();
      const message = (e as Error).message?.split('\n')[0] ?? 'unknown error';
      this.deps.logger.child({ runId }).error({ err: e, stage: progress.stage }, 'run failed');
      await this.lease.recordFailure(runId, `${progress.stage}: ${message}`, progress.stages);
    } finally {
      this.threads.delete(runId);
    }
  }

  /** Closes the run as succeeded, which makes its rings the ones readers see, and prunes old snapshots. */
  private async succeed(runId: string, progress: RunProgress, outcome: PipelineOutcome): Promise<void> {
    const { stages } = progress;
    const finished = await this.repo.finishSucceeded(runId, {
      stats: outcome.stats,
      stages,
      hubs: outcome.hubs,
    });
    // NOTE: another instance marks a run failed when its heartbeats stop (lease); it must not come back to life.
    if (!finished)
      throw Errors.internal('the run was marked failed meanwhile (its heartbeat lease had expired)');
    this.latestCache = undefined;
    this.latestGeneration++;
    const log = this.deps.logger.child({ runId });
    log.info({ stages, rings: outcome.rings }, 'run succeeded');
    this.deps.events?.emit('run.succeeded', { runId });
    await this.prune().catch((e: unknown) => log.error({ err: e }, 'pruning old runs failed'));
  }

  /** Marks failed the runs whose process stopped sending heartbeats, and removes their rings. */
  recoverStale(): Promise<string[]> {
    return this.lease.recoverStale();
  }

  /** Starts the periodic recovery of stale runs (the first one now); close() ends it. */
  startRecovery(): Promise<void> {
    return this.lease.startRecovery();
  }

  /** Stops the background work (recovery sweeps, failure records still being retried). */
  close(): void {
    this.lease.close();
  }

  /** Lineage events of a run, most important first. */
  async changes(
    runId: string,
    opts: { includeUnchanged: boolean; limit: number },
  ): Promise<{ counts: Record<string, number>; changes: RingChange[] }> {
    const counts = await this.repo.eventCounts(runId);
    return { counts, changes: await this.repo.changes(runId, opts) };
  }

  /** Keeps the ring snapshots of the newest `retainRuns` succeeded runs; run records stay. */
  async prune(): Promise<string[]> {
    const old = await this.repo.prunable(this.deps.retainRuns ?? 10);
    for (const runId of old) {
      await this.repo.deleteRings(runId);
      await this.repo.markPruned(runId);
    }
    return old;
  }
}

function newRunId(): string {
  const t = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `run-${t}-${randomBytes(3).toString('hex')}`;
}
