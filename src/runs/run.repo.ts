// The queries of detection runs (cypher/runs/) as typed rows: run records, the run lock, and the rings of a run.
import neo4j from 'neo4j-driver';
import type { z } from 'zod';
import type { Db } from '../store/db.js';
import type { RunRecord as RunRecordSchema, RunSummary as RunSummarySchema } from './runs.openapi.js';
import type { RingChange, RunStatus } from './runs.schema.js';

export const RUN_QUERIES = [
  'runs/lock',
  'runs/busy',
  'runs/create',
  'runs/mark-stale',
  'runs/held-on-host',
  'runs/mark-orphaned',
  'runs/progress',
  'runs/finish',
  'runs/get',
  'runs/list',
  'runs/latest-succeeded',
  'runs/write-rings',
  'runs/delete-rings',
  'runs/previous-rings',
  'runs/write-events',
  'runs/changes',
  'runs/event-counts',
  'runs/prune',
  'runs/mark-pruned',
  'rings/filings-by-id',
] as const;

export type StageTimes = Record<string, { ms: number }>;

/** What GET /v1/runs/:id answers: the documented schema is the type the repository returns. */
export type RunRecord = z.infer<typeof RunRecordSchema>;
/** One run of GET /v1/runs. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** A ring of an earlier run, as lineage matching needs it. */
export interface PreviousRing {
  id: string;
  actorIds: string[];
  score: number;
}

/** The process that holds a run's lease: its host, its pid, and an id of its boot (pids are reused). */
export interface RunHolder {
  host: string;
  pid: number;
  boot: string;
}

/** The run's own work (projection, write-back) gets at least this long; reads that answer callers do not. */
const RUN_WORK_TIMEOUT_MS = 1_800_000;

export class RunRepo {
  /** Transaction timeout of the run's own work: the configured one, but never under 30 minutes. */
  readonly workTimeoutMs: number;
  private readonly work: Db;

  constructor(private readonly db: Db) {
    db.require(RUN_QUERIES);
    this.workTimeoutMs = Math.max(db.timeoutMs, RUN_WORK_TIMEOUT_MS);
    this.work = db.withTimeout(this.workTimeoutMs);
  }

  /**
   * In one transaction under the run lock: marks failed the runs whose lease expired (`abandoned`), and creates
   * the run unless a live one holds the lock (`busy`, then nothing is created).
   */
  async claim(run: {
    id: string;
    params: string;
    now: string;
    staleBefore: string;
    exportKeyFingerprint: string | null;
    holder: RunHolder;
  }): Promise<{ busy?: string; abandoned: string[] }> {
    const { now, staleBefore } = run;
    return this.db.inWrite(async (tx) => {
      await tx.run('runs/lock', { now });
      const abandoned = (await tx.run('runs/mark-stale', { staleBefore, now })).map((r) => r.id as string);
      const busy = (await tx.run('runs/busy', { staleBefore }))[0]?.id as string | undefined;
      if (busy) return { busy, abandoned };
      await tx.run('runs/create', {
        id: run.id,
        params: run.params,
        now,
        exportKeyFingerprint: run.exportKeyFingerprint,
        holderHost: run.holder.host,
        holderPid: run.holder.pid,
        holderBoot: run.holder.boot,
      });
      return { abandoned };
    });
  }

  /** Marks failed the runs whose last heartbeat is older than `staleBefore`; returns their ids. */
  async markStale(staleBefore: string, now: string): Promise<string[]> {
    return (await this.db.write('runs/mark-stale', { staleBefore, now })).map((r) => r.id as string);
  }

  /** The queued or running runs held by processes on this host, with their holders. */
  async heldOnHost(host: string): Promise<{ id: string; holder: RunHolder }[]> {
    return (await this.db.read('runs/held-on-host', { host })).map((r) => ({
      id: r.id as string,
      holder: { host, pid: Number(r.pid), boot: String(r.boot) },
    }));
  }

  /** Marks failed the given queued or running runs, each with its error; returns the ids it marked. */
  async markOrphaned(runs: { id: string; error: string }[], now: string): Promise<string[]> {
    return (await this.db.write('runs/mark-orphaned', { runs, now })).map((r) => r.id as string);
  }

  /** The heartbeat: the run's stage, progress and stage times, and the time that renews its lease. */
  async progress(runId: string, p: { stage: string; progress: number; stages: StageTimes }): Promise<void> {
    await this.work.write('runs/progress', {
      id: runId,
      status: 'running',
      stage: p.stage,
      progress: p.progress,
      stages: JSON.stringify(p.stages),
      now: new Date().toISOString(),
    });
  }

  /** Closes a run as succeeded; false when it was no longer the caller's to close (marked failed meanwhile). */
  async finishSucceeded(
    runId: string,
    outcome: { stats: unknown; stages: StageTimes; hubs: unknown },
  ): Promise<boolean> {
    const rows = await this.work.write('runs/finish', {
      id: runId,
      status: 'succeeded',
      stats: JSON.stringify(outcome.stats),
      stages: JSON.stringify(outcome.stages),
      hubs: JSON.stringify(outcome.hubs),
      error: null,
      now: new Date().toISOString(),
    });
    return rows.length > 0;
  }

  /**
   * NOTE: one attempt (auto-commit), no driver retries: the lease retries it every second while the database is
   * away, whereas the driver's retries back off up to 8 s and recorded the failure that much later after its return.
   */
  async finishFailed(runId: string, error: string, stages: StageTimes = {}): Promise<void> {
    await this.work.autoCommit('runs/finish', {
      id: runId,
      status: 'failed',
      stats: null,
      stages: JSON.stringify(stages),
      hubs: null,
      error,
      now: new Date().toISOString(),
    });
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const raw = (await this.db.read('runs/get', { id }))[0]?.run as Record<string, unknown> | undefined;
    if (!raw) return undefined;
    return {
      id: raw.id as string,
      status: raw.status as RunStatus,
      stage: raw.stage as string,
      progress: Number(raw.progress ?? 0),
      // NOTE: JSON as this repository wrote it (claim: the run's parameters; finish: stats, stages and hubs)
      params: parseJson<RunRecord['params']>(raw.params, {} as RunRecord['params']),
      stats: parseJson<RunRecord['stats']>(raw.stats, null),
      stages: parseJson<StageTimes>(raw.stages, {}),
      hubs: parseJson<RunRecord['hubs']>(raw.hubs, null),
      error: (raw.error as string | null) ?? null,
      startedAt: raw.startedAt as string,
      finishedAt: (raw.finishedAt as string | null) ?? null,
      exportKeyFingerprint: (raw.exportKeyFingerprint as string | null) ?? null,
    };
  }

  async list(limit: number): Promise<RunSummary[]> {
    return (await this.db.read('runs/list', { limit: neo4j.int(limit) })).map((r) => r.run as RunSummary);
  }

  async latestSucceeded(): Promise<string | undefined> {
    return (await this.db.read('runs/latest-succeeded'))[0]?.id as string | undefined;
  }

  async previousRings(runId: string): Promise<PreviousRing[]> {
    return (await this.db.read('runs/previous-rings', { runId })).map((p) => ({
      id: p.id as string,
      actorIds: p.actorIds as string[],
      score: Number(p.score),
    }));
  }

  /** Complaints and claims by id as a ring report shows them (read at write-back: Ring.filings). */
  async filingsById(ids: string[]): Promise<Record<string, unknown>[]> {
    return ids.length > 0 ? this.work.read('rings/filings-by-id', { ids }) : [];
  }

  async writeRings(runId: string, rows: unknown[]): Promise<void> {
    await this.work.write('runs/write-rings', { runId, rows });
  }

  async writeEvents(runId: string, rows: unknown[]): Promise<void> {
    await this.work.write('runs/write-events', { runId, rows });
  }

  /** Removes every ring of a run (in batches: an auto-commit transaction). */
  async deleteRings(runId: string): Promise<void> {
    await this.work.autoCommit('runs/delete-rings', { runId });
  }

  /** How many lineage events of each kind a run recorded. */
  async eventCounts(runId: string): Promise<Record<string, number>> {
    const rows = await this.db.read('runs/event-counts', { runId });
    return Object.fromEntries(rows.map((r) => [r.event as string, Number(r.n)]));
  }

  async changes(runId: string, opts: { includeUnchanged: boolean; limit: number }): Promise<RingChange[]> {
    const rows = await this.db.read('runs/changes', {
      runId,
      includeUnchanged: opts.includeUnchanged,
      limit: neo4j.int(opts.limit),
    });
    return rows.map((r) => r.change as RingChange);
  }

  /** Succeeded runs older than the newest `keep`, whose ring snapshots are still there. */
  async prunable(keep: number): Promise<string[]> {
    return (await this.db.read('runs/prune', { keep: neo4j.int(keep) })).map((r) => r.id as string);
  }

  async markPruned(runId: string): Promise<void> {
    await this.work.write('runs/mark-pruned', { runId });
  }
}

function parseJson<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}
