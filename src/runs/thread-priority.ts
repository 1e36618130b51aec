// Lowers the CPU priority of the calling thread, so that a run's thread yields the cores to the threads that answer
// requests. On Linux the nice value belongs to the thread: os.setPriority(0, n) (setpriority(PRIO_PROCESS, 0, n))
// called in a worker thread changes that thread alone. Elsewhere it would change the whole process, so it is not done.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { getPriority, platform, setPriority } from 'node:os';

/** What the run's thread runs at, as it reports it to the service's thread. */
export interface ThreadPriority {
  /** The kernel's id of the thread (as `ps -L` and /proc/PID/task list it), when it can be read. */
  tid?: number;
  nice: number;
  lowered: boolean;
  /** Why it was not lowered although asked. */
  note?: string;
}

/**
 * Adds `increment` to the calling thread's nice value (at most 19); 0 leaves it.
 * NOTE: threads the caller starts afterwards inherit its nice value; the process-wide ones (libuv's pool, V8's
 * helpers, which also collect the run's garbage) were started by the main thread at boot and keep its priority.
 * NOTE: with autogroups or cgroups, a nice value weighs only against the threads of the same group: the run's CPU
 * time still counts against the service's share of the machine (README, "Performance").
 */
export function lowerThreadPriority(increment: number): ThreadPriority {
  const tid = threadId();
  const before = getPriority(0);
  if (increment === 0) return { tid, nice: before, lowered: false };
  if (platform() !== 'linux')
    return {
      tid,
      nice: before,
      lowered: false,
      note: `not lowered: on ${platform()} the nice value is the process's, not the thread's`,
    };
  try {
    setPriority(0, Math.min(19, before + increment));
    return { tid, nice: getPriority(0), lowered: true };
  } catch (e) {
    return { tid, nice: before, lowered: false, note: `not lowered: ${(e as Error).message}` };
  }
}

/** /proc/thread-self is a link to /proc/PID/task/TID of the thread that reads it. */
function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** One thread as the kernel reports it. */
export interface ThreadStat {
  nice: number;
  /** Time on a CPU, and time runnable but waiting for one, since the thread started (ms). */
  cpuMs: number;
  waitMs: number;
}

/**
 * Every thread of a process, by thread id: its nice value (field 19 of /proc/PID/task/TID/stat) and its CPU time
 * and run-queue wait (/proc/PID/task/TID/schedstat): how a test or a bench checks which threads run lowered, and
 * whether a thread waited for a CPU.
 */
export function threadStats(pid: number | 'self' = 'self'): Map<number, ThreadStat> {
  const threads = new Map<number, ThreadStat>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    let sched: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      sched = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // NOTE: field 2 (the name) is in parentheses and may hold spaces; field 3 comes after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [cpuNs, waitNs] = sched.split(' ').map(Number);
    threads.set(Number(tid), {
      nice: Number(fields[19 - 3]),
      cpuMs: (cpuNs ?? NaN) / 1e6,
      waitMs: (waitNs ?? NaN) / 1e6,
    });
  }
  return threads;
}
