// Detection runs: one at a time (a lock in Neo4j), staged (projection → detection → write-back), recorded with
// their parameters, stats and timings; rings become visible only when the whole run has succeeded.
import { createHash, randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import {
  resolveDetectionParams,
  type DetectionParams,
  type DetectionParamsInput,
  type DetectionResult,
  type DetectedRing,
} from '../analytics/index.js';
import { matchRings, type LineageResult } from '../analytics/ring-lineage.js';
import type { Events } from '../shared/events.js';
import { Errors } from '../shared/errors.js';
import type { CypherQueries } from '../store/cypher-queries.js';
import { readQuery } from '../store/read-query.js';
import { DetectionThread } from './detection-thread.js';
import { PROJECTION_QUERIES, readProjection } from './projection.reader.js';

export const RUN_QUERIES = [
  ...PROJECTION_QUERIES,
  'runs/lock',
  'runs/busy',
  'runs/create',
  'runs/mark-stale',
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
] as const;

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export const STAGES = ['projection', 'detection', 'lineage', 'write-back'] as const;
export type Stage = (typeof STAGES)[number];

export interface RunRecord {
  id: string;
  status: RunStatus;
  stage: string;
  progress: number;
  params: unknown;
  stats: unknown;
  stages: Record<string, { ms: number }>;
  hubs: unknown;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** The key that signs this service's evidence bundles when the run started (null: none configured). */
  exportKeyFingerprint: string | null;
}

export interface RunHooks {
  /** Test hook: called after each write-back batch; throwing fails the run there. */
  afterWriteBatch?: (batchIndex: number) => void | Promise<void>;
  /** Test hook: called when the detection thread has begun its work. */
  detectionStarted?: (runId: string) => void;
  /**
   * Test hook: the detection thread blocks at this gate (see detection.worker.ts holdAtGate) before detecting.
   */
  detectionGate?: SharedArrayBuffer;
}

export interface RunServiceDeps {
  driver: Driver;
  database?: string;
  queries: CypherQueries;
  logger: Logger;
  version: string;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Succeeded runs whose ring snapshots are kept; older ones are pruned after each run. */
  retainRuns?: number;
  /** Transaction timeout of reads (RINGMAP_QUERY_TIMEOUT_MS); the run's own work gets at least 30 minutes. */
  queryTimeoutMs?: number;
  /** The allow-list of clue review, read at the start of every run. */
  suppression?: () => Promise<{ keys: Set<string>; entries: string[]; actorSets: string[][] }>;
  hooks?: RunHooks;
  /** The fingerprint of the key that signs this service's evidence bundles, kept in every run record. */
  exportKeyFingerprint?: string;
  /** Told when a run has succeeded and its rings are visible ('run.succeeded'). */
  events?: Events;
}

const WRITE_BATCH_RINGS = 100;
const RUN_WORK_TIMEOUT_MS = 1_800_000;
const LATEST_CACHE_MS = 250;

/** Thrown at the next checkpoint of a run that interrupt() stopped. */
class RunInterrupted extends Error {}

export class RunService {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Runs asked to stop (shutdown), with the reason recorded as their error. */
  private readonly interrupted = new Map<string, string>();
  /** The detection threads of the runs started here. */
  private readonly threads = new Map<string, DetectionThread>();
  /** Failure records waiting for the database to come back (see recordFailure). */
  private readonly failureRetries = new Set<NodeJS.Timeout>();
  private recovery: NodeJS.Timeout | undefined;
  private closed = false;
  private latestCache: { id: string | undefined; at: number } | undefined;
  private latestGeneration = 0;
  private readonly staleAfterMs: number;

  constructor(private readonly deps: RunServiceDeps) {
    deps.queries.require(RUN_QUERIES);
    this.staleAfterMs = deps.staleAfterMs ?? 120_000;
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
    const now = new Date();
    const staleBefore = new Date(now.getTime() - this.staleAfterMs).toISOString();
    const recorded = { ...params, version: this.deps.version, projection: [...PROJECTION_QUERIES] };
    const session = this.deps.driver.session({ database: this.deps.database });
    let abandoned: string[] = [];
    let busy: string | undefined;
    try {
      busy = await session.executeWrite(async (tx) => {
        await tx.run(this.deps.queries.get('runs/lock'), { now: now.toISOString() });
        const stale = await tx.run(this.deps.queries.get('runs/mark-stale'), {
          staleBefore,
          now: now.toISOString(),
        });
        abandoned = stale.records.map((r) => r.get('id') as string);
        const b = await tx.run(this.deps.queries.get('runs/busy'), { staleBefore });
        const busyId = b.records[0]?.get('id') as string | undefined;
        if (busyId) return busyId;
        await tx.run(this.deps.queries.get('runs/create'), {
          id: runId,
          params: JSON.stringify(recorded),
          now: now.toISOString(),
          exportKeyFingerprint: this.deps.exportKeyFingerprint ?? null,
        });
        return undefined;
      }, this.txConfig());
    } finally {
      await session.close();
    }
    // also when this start is refused because another run holds the lock
    await this.removeAbandoned(abandoned);
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
   * Stops the runs started here (shutdown): each fails at its next checkpoint (between stages and write-back
   * batches) with `reason` as its error, and its rings are removed. A run still going after `waitMs` (inside a long
   * stage) is marked failed directly; the heartbeat lease covers a process that dies before that.
   */
  async interrupt(reason: string, waitMs = 10_000): Promise<string[]> {
    const ids = this.running();
    if (ids.length === 0) return [];
    for (const id of ids) {
      this.interrupted.set(id, reason);
      // NOTE: detection is the long stage; its thread is stopped at once instead of waited for.
      void this.threads.get(id)?.stop(reason);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled(ids.map((id) => this.inFlight.get(id))).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), waitMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const id of this.running()) {
        await this.write('runs/finish', {
          id,
          status: 'failed',
          stats: null,
          stages: '{}',
          hubs: null,
          error: reason,
          now: new Date().toISOString(),
        }).catch((e: unknown) =>
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

  /** Reads answer callers: the configured timeout. The run's own work (projection, write-back) may take longer. */
  private txConfig(long = false): { timeout: number } {
    const base = this.deps.queryTimeoutMs ?? 60_000;
    return { timeout: long ? Math.max(base, RUN_WORK_TIMEOUT_MS) : base };
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const res = await this.read('runs/get', { id });
    const raw = res[0]?.run as Record<string, unknown> | undefined;
    if (!raw) return undefined;
    return {
      id: raw.id as string,
      status: raw.status as RunStatus,
      stage: raw.stage as string,
      progress: Number(raw.progress ?? 0),
      params: parseJson(raw.params, {}),
      stats: parseJson(raw.stats, null),
      stages: parseJson(raw.stages, {}) as Record<string, { ms: number }>,
      hubs: parseJson(raw.hubs, null),
      error: (raw.error as string | null) ?? null,
      startedAt: raw.startedAt as string,
      finishedAt: (raw.finishedAt as string | null) ?? null,
      exportKeyFingerprint: (raw.exportKeyFingerprint as string | null) ?? null,
    };
  }

  async list(limit = 50): Promise<unknown[]> {
    const res = await this.read('runs/list', { limit: neo4j.int(limit) });
    return res.map((r) => r.run);
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
    const res = await this.read('runs/latest-succeeded', {});
    const id = res[0]?.id as string | undefined;
    if (generation === this.latestGeneration) this.latestCache = { id, at };
    return id;
  }

  private read(name: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const timeoutMs = this.txConfig().timeout;
    return readQuery(
      { driver: this.deps.driver, database: this.deps.database, timeoutMs },
      this.deps.queries.get(name),
      params,
    );
  }

  /** Returns how many rows the statement returned (runs/finish: 0 when the run was no longer its to finish). */
  private async write(name: string, params: Record<string, unknown>): Promise<number> {
    const session = this.deps.driver.session({ database: this.deps.database });
    try {
      const res = await session.executeWrite(
        (tx) => tx.run(this.deps.queries.get(name), params),
        this.txConfig(true),
      );
      return res.records.length;
    } finally {
      await session.close();
    }
  }

  /** CALL { ... } IN TRANSACTIONS only runs in an auto-commit transaction. */
  private async autoCommit(name: string, params: Record<string, unknown>): Promise<void> {
    const session = this.deps.driver.session({ database: this.deps.database });
    try {
      await session.run(this.deps.queries.get(name), params, this.txConfig(true));
    } finally {
      await session.close();
    }
  }

  private async execute(runId: string, params: DetectionParams): Promise<void> {
    const stages: Record<string, { ms: number }> = {};
    const log = this.deps.logger.child({ runId });
    let stage: string = 'projection';
    let progress = 0;
    const beat = () =>
      this.write('runs/progress', {
        id: runId,
        status: 'running',
        stage,
        progress,
        stages: JSON.stringify(stages),
        now: new Date().toISOString(),
      });
    const timer = setInterval(() => void beat().catch(() => {}), this.deps.heartbeatMs ?? 10_000);
    timer.unref();
    const timed = async <T>(name: Stage | 'build', fn: () => Promise<T> | T): Promise<T> => {
      this.checkpoint(runId);
      stage = name;
      await beat();
      const t0 = performance.now();
      const out = await fn();
      stages[name] = { ms: Math.round(performance.now() - t0) };
      return out;
    };
    const thread = new DetectionThread();
    this.threads.set(runId, thread);
    try {
      const suppression = await this.deps.suppression?.();
      const projected = await timed('projection', () =>
        readProjection(
          this.deps.driver,
          this.deps.database,
          this.deps.queries,
          thread.sink,
          () => {},
          suppression,
          this.txConfig(true).timeout,
        ),
      );
      progress = 0.4;
      const result = await timed('detection', () =>
        thread
          .detect(params, {
            onStarted: () => this.deps.hooks?.detectionStarted?.(runId),
            gate: this.deps.hooks?.detectionGate,
          })
          .catch((e: unknown) => {
            this.checkpoint(runId);
            throw e;
          }),
      );
      // NOTE: the detection stage's parts (evidence graph, template text, lockstep, money, communities,
      // assembly), so the cost of the text stage shows next to the rest.
      for (const [part, ms] of Object.entries(result.timings)) stages[`detection.${part}`] = { ms };
      progress = 0.65;
      const { lineage, previousRunId } = await timed('lineage', () => this.lineage(result));
      progress = 0.7;
      await timed('write-back', () =>
        this.writeBack(runId, result, lineage, params.reportMinScore, (p) => (progress = 0.7 + 0.3 * p)),
      );
      const events: Record<string, number> = {};
      for (const c of lineage.changes) events[c.event] = (events[c.event] ?? 0) + 1;
      const stats = {
        projection: projected,
        ...result.stats,
        lineage: { previousRunId: previousRunId ?? null, keptIds: lineage.kept, events },
        allowList: {
          entries: suppression?.entries ?? [],
          suppressedIdentifiers: suppression?.keys.size ?? 0,
          suppressedRows: projected.suppressed,
        },
      };
      clearInterval(timer);
      this.checkpoint(runId);
      const finished = await this.write('runs/finish', {
        id: runId,
        status: 'succeeded',
        stats: JSON.stringify(stats),
        stages: JSON.stringify(stages),
        hubs: JSON.stringify({
          count: result.hubs.length,
          threshold: params.hubThreshold,
          items: result.hubs.slice(0, 1000),
          // Quarantined like hubs: templates too common to link anyone, and crowds filing about one incident.
          genericTemplates: result.genericTemplates.slice(0, 1000),
          crowds: result.crowds.slice(0, 1000),
        }),
        error: null,
        now: new Date().toISOString(),
      });
      // NOTE: another instance marks a run failed when its heartbeats stop (lease); it must not come back to life.
      if (finished === 0)
        throw Errors.internal('the run was marked failed meanwhile (its heartbeat lease had expired)');
      this.latestCache = undefined;
      this.latestGeneration++;
      log.info({ stages, rings: result.rings.length }, 'run succeeded');
      this.deps.events?.emit('run.succeeded', { runId });
      await this.prune().catch((e: unknown) => log.error({ err: e }, 'pruning old runs failed'));
    } catch (e) {
      clearInterval(timer);
      void thread.stop();
      const message = (e as Error).message?.split('\n')[0] ?? 'unknown error';
      log.error({ err: e, stage }, 'run failed');
      await this.recordFailure(runId, `${stage}: ${message}`, stages);
    } finally {
      this.threads.delete(runId);
    }
  }

  /**
   * Records a run's failure and removes its rings. When the database is what failed, the record is retried in the
   * background until it answers again (the driver reconnects by itself), so the run ends failed with its real cause
   * soon after the database returns instead of holding the lock until its heartbeat lease expires.
   */
  private async recordFailure(
    runId: string,
    error: string,
    stages: Record<string, { ms: number }>,
  ): Promise<void> {
    const log = this.deps.logger.child({ runId });
    const attempt = async () => {
      await this.write('runs/finish', {
        id: runId,
        status: 'failed',
        stats: null,
        stages: JSON.stringify(stages),
        hubs: null,
        error,
        now: new Date().toISOString(),
      });
      // NOTE: readers only ever see the latest *succeeded* run, so leftover rings are invisible; removing them
      // keeps the store clean.
      await this.autoCommit('runs/delete-rings', { runId });
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
            delayMs = Math.min(delayMs * 2, 2000);
            retry();
          },
        );
      }, delayMs);
      this.failureRetries.add(timer);
    };
    retry();
  }

  /**
   * Marks failed the runs whose process stopped sending heartbeats (it died: kill -9, a lost machine) and removes
   * their rings; at boot and then every `staleAfterMs / 4`, so a dead run blocks no one for longer than its lease.
   */
  async recoverStale(): Promise<string[]> {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - this.staleAfterMs).toISOString();
    const ids = (await this.writeRows('runs/mark-stale', { staleBefore, now: now.toISOString() })).map(
      (r) => r.id as string,
    );
    await this.removeAbandoned(ids);
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

  private async removeAbandoned(ids: string[]): Promise<void> {
    // NOTE: an abandoned run may have written some of its rings; readers never see them, and they go now.
    for (const id of ids) {
      this.deps.logger.warn({ runId: id }, 'run abandoned by its process (no heartbeat); marked failed');
      await this.autoCommit('runs/delete-rings', { runId: id }).catch((e: unknown) =>
        this.deps.logger.error({ err: e, runId: id }, 'could not remove the rings of an abandoned run'),
      );
    }
  }

  private async writeRows(name: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const session = this.deps.driver.session({ database: this.deps.database });
    try {
      const res = await session.executeWrite(
        (tx) => tx.run(this.deps.queries.get(name), params),
        this.txConfig(),
      );
      return res.records.map((r) => r.toObject() as Record<string, unknown>);
    } finally {
      await session.close();
    }
  }

  private async lineage(
    result: DetectionResult,
  ): Promise<{ lineage: LineageResult; previousRunId?: string }> {
    const previousRunId = await this.latestSucceeded();
    const previous = previousRunId ? await this.read('runs/previous-rings', { runId: previousRunId }) : [];
    const lineage = matchRings(
      previous.map((p) => ({ id: p.id as string, actorIds: p.actorIds as string[], score: Number(p.score) })),
      result.rings.map((r) => {
        const actorIds = r.members.map((m) => m.actorId);
        return { proposedId: ringIdFor(actorIds), actorIds, score: r.score };
      }),
    );
    return { lineage, previousRunId };
  }

  private async writeBack(
    runId: string,
    result: DetectionResult,
    lineage: LineageResult,
    reportMinScore: number,
    onProgress: (p: number) => void,
  ): Promise<void> {
    const rows = result.rings.map((ring, i) => ringRow(runId, lineage.ids[i]!, ring, i + 1, reportMinScore));
    for (let i = 0, batch = 0; i < rows.length; i += WRITE_BATCH_RINGS, batch++) {
      await this.write('runs/write-rings', { runId, rows: rows.slice(i, i + WRITE_BATCH_RINGS) });
      await this.deps.hooks?.afterWriteBatch?.(batch);
      this.checkpoint(runId);
      onProgress(Math.min(1, (i + WRITE_BATCH_RINGS) / Math.max(1, rows.length)));
    }
    for (let i = 0; i < lineage.changes.length; i += 1000) {
      await this.write('runs/write-events', { runId, rows: lineage.changes.slice(i, i + 1000) });
    }
  }

  /** Lineage events of a run, most important first. */
  async changes(
    runId: string,
    opts: { includeUnchanged: boolean; limit: number },
  ): Promise<{ counts: Record<string, number>; changes: unknown[] }> {
    const counts = Object.fromEntries(
      (await this.read('runs/event-counts', { runId })).map((r) => [r.event as string, Number(r.n)]),
    );
    const rows = await this.read('runs/changes', {
      runId,
      includeUnchanged: opts.includeUnchanged,
      limit: neo4j.int(opts.limit),
    });
    return { counts, changes: rows.map((r) => r.change) };
  }

  /** Keeps the ring snapshots of the newest `retainRuns` succeeded runs; run records stay. */
  async prune(): Promise<string[]> {
    const keep = this.deps.retainRuns ?? 10;
    const old = (await this.read('runs/prune', { keep: neo4j.int(keep) })).map((r) => r.id as string);
    for (const runId of old) {
      await this.autoCommit('runs/delete-rings', { runId });
      await this.write('runs/mark-pruned', { runId });
    }
    return old;
  }
}

/** A ring's id is a digest of its sorted member ids: the same members give the same id in every run. */
export function ringIdFor(actorIds: readonly string[]): string {
  const h = createHash('sha256')
    .update([...actorIds].sort().join('\u0000'), 'utf8')
    .digest('hex');
  return `R-${h.slice(0, 10)}`;
}

function ringRow(runId: string, id: string, ring: DetectedRing, rank: number, reportMinScore: number) {
  return {
    key: `${runId}:${id}`,
    id,
    rank,
    score: ring.score,
    probability: ring.probability,
    reported: ring.score >= reportMinScore,
    typology: ring.typology,
    typologyReason: ring.typologyReason,
    size: ring.members.length,
    breakdown: JSON.stringify(ring.breakdown),
    details: JSON.stringify({
      probabilityTerms: ring.probabilityTerms,
      counterEvidence: ring.counterEvidence,
      victims: ring.victims,
      features: ring.features,
      sharedIdentifiers: ring.sharedIdentifiers,
      timeline: ring.timeline,
      moneyFlows: ring.moneyFlows,
      templates: ring.templates,
      bursts: ring.bursts,
      collections: ring.collections,
    }),
    filingIds: ring.filingIds,
    members: ring.members.map((m) => ({
      actorId: m.actorId,
      role: m.role,
      strength: m.strength,
      summary: m.summary,
      evidence: JSON.stringify(m.evidence),
    })),
  };
}

function newRunId(): string {
  const t = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `run-${t}-${randomBytes(3).toString('hex')}`;
}

function parseJson(v: unknown, fallback: unknown): unknown {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v);
  } catch {
    return fallback;
  }
}
