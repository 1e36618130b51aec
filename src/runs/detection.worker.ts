// The detection worker thread: receives projection rows as plain data, builds the evidence graph, detects, scores
// and explains the rings, and posts the plain result back; the service's event loop never runs this CPU work.
import { Errors } from '../shared/errors.js';
import { parentPort } from 'node:worker_threads';
import { EvidenceGraphBuilder, detectRings, type DetectionParams } from '../analytics/index.js';
import type { FromDetectionWorker, ToDetectionWorker } from './detection-thread.js';

const port = parentPort;
if (!port) throw Errors.internal('detection.worker must run as a worker thread');

const builder = new EvidenceGraphBuilder();
const sinks = builder as unknown as Record<string, (row: unknown) => void>;
const post = (m: FromDetectionWorker) => port.postMessage(m);

port.on('message', (m: ToDetectionWorker) => {
  try {
    if (m.kind === 'rows') {
      // NOTE: the sink methods are forwarded by name, so a new row type of the projection needs no change here.
      for (const [method, row] of m.calls) {
        const add = sinks[method];
        if (typeof add !== 'function' || !method.startsWith('add'))
          throw Errors.internal(`the evidence graph builder has no ${method}()`);
        add.call(builder, row);
      }
      return;
    }
    if (m.kind === 'detect') {
      post({ kind: 'started' });
      if (m.gate) holdAtGate(new Int32Array(m.gate));
      const result = detectRings(builder, m.params as DetectionParams);
      post({ kind: 'done', result });
    }
  } catch (e) {
    post({ kind: 'error', message: (e as Error).message ?? String(e), stack: (e as Error).stack });
  }
});

/**
 * Test hook: blocks this thread (as CPU-bound detection would) until slot 0 is set, for at most slot 2 ms; slot 1
 * says when it passed. Were detection on the event loop, nothing else would answer meanwhile.
 */
function holdAtGate(gate: Int32Array): void {
  Atomics.wait(gate, 0, 0, gate[2] || 60_000);
  Atomics.store(gate, 1, 1);
}
