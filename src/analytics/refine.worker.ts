// A refinement worker thread (refine-pool.ts): takes batches of communities, answers with their parts.
import { parentPort } from 'node:worker_threads';
import { runRefineTask, type RefineOutcome, type RefineTask } from './refine-task.js';

export interface RefineBatch {
  tasks: RefineTask[];
  seed: number;
  resolution: number;
}

const port = parentPort;
if (!port) throw new Error('refine.worker must run as a worker thread');
port.on('message', ({ tasks, seed, resolution }: RefineBatch) => {
  const outcomes: RefineOutcome[] = tasks.map((task) => runRefineTask(task, seed, resolution));
  port.postMessage(outcomes);
});
