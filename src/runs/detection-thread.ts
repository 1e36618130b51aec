// Runs the CPU-heavy part of a run (evidence graph, detectRings, explanation) in a worker thread fed with the
// projection rows, so that the API keeps answering while a run goes on (see detection.worker.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DetectionParams, DetectionResult } from '../analytics/index.js';
import type { ProjectionSink } from './projection.reader.js';

export type ToDetectionWorker =
  | { kind: 'rows'; calls: [method: string, row: unknown][] }
  | { kind: 'detect'; params: DetectionParams; gate?: SharedArrayBuffer };

export type FromDetectionWorker =
  | { kind: 'started' }
  | { kind: 'done'; result: DetectionResult }
  | { kind: 'error'; message: string; stack?: string };

/** Rows posted to the worker at once: one structured clone per batch, not per row. */
const ROWS_PER_MESSAGE = 5000;

/** Thrown by detect() when the thread was stopped (shutdown) or died. */
export class DetectionThreadStopped extends Error {}

/**
 * Compiled under dist/ the worker is a plain .js file. Under tsx (tests, CLIs) it is a .ts file, and Node 20 does
 * not apply the parent's `--import tsx` to a worker's entry module: a one-line bootstrap registers tsx first.
 */
function workerEntry(): URL {
  const ext = extname(fileURLToPath(import.meta.url));
  const worker = new URL(`./detection.worker${ext}`, import.meta.url);
  if (ext !== '.ts') return worker;
  // NOTE: resolved with require, since mocha loads this module as CommonJS (no import.meta.resolve there)
  const api = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsx = pathToFileURL(
    existsSync(api.replace(/\.cjs$/, '.mjs')) ? api.replace(/\.cjs$/, '.mjs') : api,
  ).href;
  const bootstrap =
    `import { register } from ${JSON.stringify(tsx)}; register(); ` +
    `await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

export class DetectionThread {
  private readonly worker: Worker;
  private calls: [string, unknown][] = [];
  private failure: Error | undefined;
  private settle: { resolve: (r: DetectionResult) => void; reject: (e: Error) => void } | undefined;
  private onStarted: (() => void) | undefined;
  /** Forwards every `add…(row)` of the projection to the worker's evidence graph builder. */
  readonly sink: ProjectionSink;

  constructor() {
    this.worker = new Worker(workerEntry());
    this.worker.on('message', (m: FromDetectionWorker) => {
      if (m.kind === 'started') this.onStarted?.();
      else if (m.kind === 'done') this.settle?.resolve(m.result);
      else this.fail(Object.assign(new Error(m.message), { stack: m.stack ?? m.message }));
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) =>
      this.fail(new DetectionThreadStopped(`the detection thread exited (code ${code})`)),
    );
    const forward = (method: string) => (row: unknown) => {
      this.calls.push([method, row]);
      if (this.calls.length >= ROWS_PER_MESSAGE) this.flush();
    };
    this.sink = new Proxy({} as ProjectionSink, {
      get: (_t, prop) => (typeof prop === 'string' && prop.startsWith('add') ? forward(prop) : undefined),
    });
  }

  private flush(): void {
    if (this.calls.length === 0 || this.failure) return;
    this.worker.postMessage({ kind: 'rows', calls: this.calls } satisfies ToDetectionWorker);
    this.calls = [];
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.settle?.reject(this.failure);
  }

  /** Detection over every row forwarded so far; `onStarted` is called once the worker has begun. */
  detect(
    params: DetectionParams,
    opts: { onStarted?: () => void; gate?: SharedArrayBuffer } = {},
  ): Promise<DetectionResult> {
    this.flush();
    this.onStarted = opts.onStarted;
    return new Promise<DetectionResult>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.settle = { resolve, reject };
      this.worker.postMessage({ kind: 'detect', params, gate: opts.gate } satisfies ToDetectionWorker);
    }).finally(() => void this.stop());
  }

  /** Ends the thread; a detect() still waiting rejects with `reason`. */
  async stop(reason = 'the detection thread was stopped'): Promise<void> {
    this.fail(new DetectionThreadStopped(reason));
    await this.worker.terminate();
  }
}
