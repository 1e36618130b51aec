// The run lock as a lease: one run at a time across every instance, held by a run while its process sends
// heartbeats. A run whose heartbeats stop (its process died: kill -9, a lost machine) is marked failed by whoever
// looks next, and its rings are removed; a run that fails records it at once, retrying while the database is away.
// A run records its holder (host, pid, boot): a process on the same host that finds the holder gone (a restarted
// service after kill -9) fails the run at once instead of waiting out the lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { alive } from '../shared/process-alive.js';
import type { RunHolder, RunRepo, StageTimes } from './run.repo.js';

/** This process as a run holder; the boot id tells it from an earlier process that had the same pid. */
const THIS_PROCESS: RunHolder = { host: hostname(), pid: process.pid, boot: randomBytes(6).toString('hex') };

/** Whether the holder of a run recorded on this host is gone (a holder on another host is never judged here). */
function holderGone(h: RunHolder): boolean {
  if (h.pid === THIS_PROCESS.pid) return h.boot !== THIS_PROCESS.boot;
  return !alive(h.pid);
}

/** What a heartbeat reports: the run's stage, its progress (0–1) and the times of the stages done. */
export interface RunProgress {
  stage: string;
  progress: number;
  stages: StageTimes;
}

export interface Heartbeat {
  /** Sends one heartbeat now (at the start of every stage); a failure here fails the stage. */
  beat(): Promise<void>;
  stop(): void;
}

export interface RunLeaseDeps {
  repo: RunRepo;
  logger: Logger;
  heartbeatMs?: number;
  staleAfterMs?: number;
}

export class RunLease {
  /** Failure records waiting for the database to come back (see recordFailure). */
  private readonly failureRetries = new Set<NodeJS.Timeout>();
  private recovery: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly staleAfterMs: number;

  constructor(private readonly deps: RunLeaseDeps) {
    this.staleAfterMs = deps.staleAfterMs ?? 120_000;
  }

  /**
   * Takes the lease for a new run and records it queued; returns the id of the live run that holds it instead
   * (then nothing is created). Runs found abandoned on the way lose their rings, also when this one is refused.
   */
  async acquire(run: {
    id: string;
    params: string;
    exportKeyFingerprint: string | null;
  }): Promise<string | undefined> {
    const now = new Date();
    // NOTE: a dead holder on this host first, so that its run does not answer `busy` for the length of its lease
    await this.recoverOrphaned();
    const { busy, abandoned } = await this.deps.repo.claim({
      ...run,
      now: now.toISOString(),
      staleBefore: this.staleBefore(now),
      holder: THIS_PROCESS,
    });
    await this.removeAbandoned(abandoned);
    return busy;
  }

  /** Holds the lease of a running run: a heartbeat with its progress every `heartbeatMs` until stop(). */
  hold(runId: string, progress: RunProgress): Heartbeat {
    const beat = () => this.deps.repo.progress(runId, progress);
    const timer = setInterval(() => void beat().catch(() => {}), this.deps.heartbeatMs ?? 10_000);
    timer.unref();
    return { beat, stop: () => clearInterval(timer) };
  }

  /**
   * Records a run's failure and removes its rings. When the database is what failed, the record is retried in the
   * background until it answers again (the driver reconnects by itself), so the run ends failed with its real cause
   * soon after the database returns instead of holding the lock until its heartbeat lease expires.
   */
  async recordFailure(runId: string, error: string, stages: StageTimes): Promise<void> {
    const log = this.deps.logger.child({ runId });
    const attempt = async () => {
      await this.deps.repo.finishFailed(runId, error, stages);
      // NOTE: readers only ever see the latest *succeeded* run, so leftover rings are invisible; removing them
      // keeps the store clean.
      await this.deps.repo.deleteRings(runId);
    };
    try {
      await attempt();
      return;
    } catch (e) {
      log.error({ err: e }, 'could not record the failure of the run; retrying until the database answers');
    }
    let delayMs = 500;
    const retry = () => {
      const timer = setTimeout(() => {
        this.failureRetries.delete(timer);
        if (this.closed) return;
        attempt().then(
          () => log.warn({ error }, 'recorded the failure of the run once the database answered again'),
          () => {
            delayMs = Math.min(delayMs * 2, 1000);
            retry();
          },
        );
      }, delayMs);
      this.failureRetries.add(timer);
    };
    retry();
  }

  /**
   * Marks failed the runs whose process stopped sending heartbeats and removes their rings; at boot and then every
   * `staleAfterMs / 4` (startRecovery), so a dead run blocks no one for longer than its lease.
   */
  async recoverStale(): Promise<string[]> {
    const orphaned = await this.recoverOrphaned();
    const now = new Date();
    const ids = await this.deps.repo.markStale(this.staleBefore(now), now.toISOString());
    await this.removeAbandoned(ids);
    return [...orphaned, ...ids];
  }

  /** Marks failed the runs held by a process of this host that is gone, and removes their rings. */
  private async recoverOrphaned(): Promise<string[]> {
    const gone = (await this.deps.repo.heldOnHost(THIS_PROCESS.host))
      .filter((r) => holderGone(r.holder))
      .map((r) => ({
        id: r.id,
        error: `abandoned: the process running it (pid ${r.holder.pid} on ${r.holder.host}) is gone`,
      }));
    if (gone.length === 0) return [];
    const ids = await this.deps.repo.markOrphaned(gone, new Date().toISOString());
    await this.removeAbandoned(ids, 'run abandoned: its process is gone; marked failed');
    return ids;
  }

  /** Starts the periodic recovery of stale runs (the first one now); close() ends it. */
  async startRecovery(): Promise<void> {
    await this.recoverStale();
    this.recovery = setInterval(
      () =>
        void this.recoverStale().catch((e: unknown) =>
          this.deps.logger.warn({ err: e }, 'could not look for abandoned runs'),
        ),
      Math.max(1000, this.staleAfterMs / 4),
    );
    this.recovery.unref();
  }

  /** Stops the background work (recovery sweeps, failure records still being retried). */
  close(): void {
    this.closed = true;
    clearInterval(this.recovery);
    for (const t of this.failureRetries) clearTimeout(t);
    this.failureRetries.clear();
  }

  private staleBefore(now: Date): string {
    return new Date(now.getTime() - this.staleAfterMs).toISOString();
  }

  private async removeAbandoned(
    ids: string[],
    message = 'run abandoned by its process (no heartbeat); marked failed',
  ): Promise<void> {
    // NOTE: an abandoned run may have written some of its rings; readers never see them, and they go now.
    for (const id of ids) {
      this.deps.logger.warn({ runId: id }, message);
      await this.deps.repo
        .deleteRings(id)
        .catch((e: unknown) =>
          this.deps.logger.error({ err: e, runId: id }, 'could not remove the rings of an abandoned run'),
        );
    }
  }
}
