// Runs a detection run's pipeline in a worker thread (run.worker.ts) that opens its own driver, so that the API
// keeps answering while a run goes on: the projection stream, detection and the write-back rows are that thread's
// work. This thread keeps the lease (its heartbeats), answers the worker's few questions (a heartbeat at each
// stage, the previous run, the test hooks) and receives only the run's outcome, never its rings.
import { Worker } from 'node:worker_threads';
import type { DetectionParams } from '../analytics/index.js';
import type { DriverSettings } from '../store/neo4j-driver.js';
import type { PipelineOutcome, RunHooks, RunSuppression } from './run-pipeline.js';
import type { RunProgress } from './run-lease.js';
import { workerEntry } from '../shared/worker-entry.js';
import type { ThreadPriority } from './thread-priority.js';

/** What a run's thread starts with (plain data; the buffers are shared, not copied). */
export interface RunWorkerData {
  runId: string;
  params: DetectionParams;
  /** Worker threads that refine the communities (1: the run's thread itself). */
  detectThreads: number;
  driver: DriverSettings;
  db: { database?: string; timeoutMs: number };
  /** The service's bookmarks: the run reads what this process wrote before it (see Db). */
  bookmarks: string[];
  /** Added to the thread's nice value before it starts (thread-priority.ts); 0 leaves it. */
  nice: number;
  progress: RunProgress;
  suppression?: RunSuppression;
  detectionGate?: SharedArrayBuffer;
  /** Slot 0 is set when the run is asked to stop; its checkpoints read it. */
  interrupt: SharedArrayBuffer;
}

/** What a run's thread asks of the service's thread. */
export type RunCall =
  { name: 'beat' } | { name: 'latestSucceeded' } | { name: 'afterWriteBatch'; batch: number };

/** The answer to a RunCall. */
export interface ToRunWorker {
  id: number;
  value?: unknown;
  error?: string;
}

export type FromRunWorker =
  | { kind: 'call'; id: number; call: RunCall; progress: RunProgress }
  | { kind: 'progress'; progress: RunProgress }
  | { kind: 'priority'; priority: ThreadPriority }
  | { kind: 'started' }
  | { kind: 'done'; outcome: PipelineOutcome; progress: RunProgress; bookmarks: string[] }
  | { kind: 'error'; message: string; stack?: string; interrupted: boolean };

/** A run's outcome, and the bookmarks of what its thread wrote (so this thread's reads see it). */
export interface RunThreadResult {
  outcome: PipelineOutcome;
  bookmarks: string[];
}

/** Thrown by run() when the run was stopped (shutdown) or its thread died. */
export class RunThreadStopped extends Error {}

export interface RunThreadOptions extends Omit<RunWorkerData, 'interrupt' | 'detectionGate' | 'progress'> {
  /** The run's progress as the heartbeat reports it: kept up to date from the thread's reports. */
  progress: RunProgress;
  hooks?: RunHooks;
  /** Renews the lease (at the start of every stage). */
  beat: () => Promise<void>;
  latestSucceeded: () => Promise<string | undefined>;
  /** Told what CPU priority the thread runs at, once it has set it. */
  priority?: (p: ThreadPriority) => void;
}

/** Stages that only read: a run stopped in them can end at once (the others stop at their next checkpoint). */
const READ_ONLY_STAGES = new Set(['projection', 'detection']);

export class RunThread {
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  private reason: string | undefined;
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private settle: { resolve: (r: RunThreadResult) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly opts: RunThreadOptions) {}

  /** Runs the pipeline in a new thread; resolves with the outcome, rejects with the cause of its failure. */
  run(): Promise<RunThreadResult> {
    const o = this.opts;
    const workerData: RunWorkerData = {
      runId: o.runId,
      params: o.params,
      detectThreads: o.detectThreads,
      driver: o.driver,
      db: o.db,
      bookmarks: o.bookmarks,
      nice: o.nice,
      progress: o.progress,
      suppression: o.suppression,
      detectionGate: o.hooks?.detectionGate,
      interrupt: this.interruptFlag.buffer as SharedArrayBuffer,
    };
    return new Promise<RunThreadResult>((resolve, reject) => {
      this.settle = { resolve, reject };
      if (this.failure) return reject(this.failure);
      const worker = new Worker(workerEntry('run.worker', import.meta.url), { workerData });
      this.worker = worker;
      worker.on('message', (m: FromRunWorker) => this.receive(m));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) =>
        this.fail(new RunThreadStopped(this.reason ?? `the run's thread exited (code ${code})`)),
      );
    }).finally(() => void this.worker?.terminate());
  }

  /**
   * Asks the run to stop with `reason` as its error: at once while it only reads (the thread ends), else at its next
   * checkpoint (between stages and write-back batches).
   */
  interrupt(reason: string): void {
    this.reason ??= reason;
    Atomics.store(this.interruptFlag, 0, 1);
    if (READ_ONLY_STAGES.has(this.opts.progress.stage)) void this.stop(reason);
  }

  /** Ends the thread; a run() still going rejects with `reason`. */
  async stop(reason = "the run's thread was stopped"): Promise<void> {
    this.fail(new RunThreadStopped(this.reason ?? reason));
    await this.worker?.terminate();
  }

  private receive(m: FromRunWorker): void {
    this.opts.hooks?.threadMessage?.(m);
    const { progress } = this.opts;
    if (m.kind === 'call' || m.kind === 'progress' || m.kind === 'done') Object.assign(progress, m.progress);
    if (m.kind === 'call') void this.answer(m.id, m.call);
    else if (m.kind === 'priority') this.opts.priority?.(m.priority);
    else if (m.kind === 'started') this.opts.hooks?.detectionStarted?.(this.opts.runId);
    else if (m.kind === 'done') this.settle?.resolve({ outcome: m.outcome, bookmarks: m.bookmarks });
    else if (m.kind === 'error')
      this.fail(
        m.interrupted && this.reason !== undefined
          ? new RunThreadStopped(this.reason)
          : Object.assign(new Error(m.message), { stack: m.stack ?? m.message }),
      );
  }

  private async answer(id: number, call: RunCall): Promise<void> {
    const { hooks } = this.opts;
    let reply: ToRunWorker;
    try {
      if (call.name === 'beat') reply = { id, value: await this.opts.beat() };
      else if (call.name === 'latestSucceeded') reply = { id, value: await this.opts.latestSucceeded() };
      else reply = { id, value: await hooks?.afterWriteBatch?.(call.batch) };
    } catch (e) {
      reply = { id, error: (e as Error).message ?? String(e) };
    }
    if (!this.failure) this.worker?.postMessage(reply);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.settle?.reject(this.failure);
  }
}
