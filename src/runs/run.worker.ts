// A run's worker thread: opens its own driver and runs the whole pipeline (projection, detection, lineage,
// write-back; run-pipeline.ts) here, so the service's event loop streams, detects and serialises nothing. The
// service's thread keeps the lease: heartbeats, the previous run, the test hooks are asked of it (run-thread.ts);
// only the run's outcome goes back.
import { parentPort, workerData } from 'node:worker_threads';
import { bookmarkManager } from 'neo4j-driver';
import { Errors } from '../shared/errors.js';
import { CypherQueries } from '../store/cypher-queries.js';
import { Db } from '../store/db.js';
import { openDriver } from '../store/neo4j-driver.js';
import { RunPipeline } from './run-pipeline.js';
import type { RunProgress } from './run-lease.js';
import { RunRepo } from './run.repo.js';
import type { FromRunWorker, RunCall, RunWorkerData, ToRunWorker } from './run-thread.js';
import { lowerThreadPriority } from './thread-priority.js';

const port = parentPort;
if (!port) throw Errors.internal('run.worker must run as a worker thread');
const post = (m: FromRunWorker) => port.postMessage(m);

/** Thrown at a checkpoint once the service asked the run to stop (its reason is known there). */
class RunInterrupted extends Error {}

const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCall = 0;
port.on('message', (m: ToRunWorker) => {
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (m.error !== undefined) w?.reject(new Error(m.error));
  else w?.resolve(m.value);
});

/** Asks the service's thread to do `call` and waits for its answer. */
function ask<T>(call: RunCall, progress: RunProgress): Promise<T> {
  const id = nextCall++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    post({ kind: 'call', id, call, progress });
  });
}

async function run(data: RunWorkerData): Promise<FromRunWorker> {
  // NOTE: first, so that the driver's own work (the projection's decoding) runs at the lowered priority too
  post({ kind: 'priority', priority: lowerThreadPriority(data.nice) });
  const driver = openDriver(data.driver);
  try {
    const bookmarks = bookmarkManager({ initialBookmarks: data.bookmarks });
    const db = new Db(driver, CypherQueries.load(), data.db, bookmarks);
    const progress: RunProgress = data.progress;
    const interrupted = new Int32Array(data.interrupt);
    const outcome = await new RunPipeline(data.runId, data.params, progress, {
      db,
      detectThreads: data.detectThreads,
      repo: new RunRepo(db),
      suppression: data.suppression,
      hooks: {
        detectionGate: data.detectionGate,
        detectionStarted: () => post({ kind: 'started' }),
        afterWriteBatch: (batch) => ask({ name: 'afterWriteBatch', batch }, progress),
      },
      latestSucceeded: () => ask({ name: 'latestSucceeded' }, progress),
      checkpoint: () => {
        if (Atomics.load(interrupted, 0) !== 0) throw new RunInterrupted('interrupted');
      },
      beat: () => ask({ name: 'beat' }, progress),
      report: () => post({ kind: 'progress', progress }),
    }).run();
    return { kind: 'done', outcome, progress, bookmarks: [...(await bookmarks.getBookmarks())] };
  } catch (e) {
    return {
      kind: 'error',
      message: (e as Error).message ?? String(e),
      stack: (e as Error).stack,
      interrupted: e instanceof RunInterrupted,
    };
  } finally {
    // NOTE: before the answer, since the service's thread ends this one when it has it
    await driver.close().catch(() => {});
  }
}

void run(workerData as RunWorkerData).then(post);
