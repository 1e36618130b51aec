// Tells the processes sharing a database that one of them wrote: each writer moves its own (:WriteMark) after its
// writes (at most once a second, and once more after the last write), and each reader polls the marks of the others
// every second. The report cache drops what it holds when they move, so a write by `npm run ingest` or another
// instance shows within ~2 s instead of waiting for the cache's TTL.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Db } from './db.js';

export const MARK_QUERIES = ['write-marks/touch', 'write-marks/latest'] as const;

export interface WriteMarksDeps {
  db: Db;
  logger: Logger;
  /**
   * How often the others' marks are read, and the least time between two moves of this process's mark (default
   * 1000); 0: this process neither moves nor reads marks.
   */
  intervalMs?: number;
}

export class WriteMarks {
  /** This process: host, pid and a random part (a restarted process is a new writer). */
  readonly writer = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly intervalMs: number;
  private lastTouch = 0;
  private touchTimer: NodeJS.Timeout | undefined;
  private touching: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private seen: string | undefined;
  private stopped = false;

  constructor(private readonly deps: WriteMarksDeps) {
    deps.db.require(MARK_QUERIES);
    this.intervalMs = deps.intervalMs ?? 1000;
    this.stopped = this.intervalMs === 0;
  }

  /** This process wrote: the mark moves now, or at the end of the current interval if it just moved. */
  wrote(): void {
    if (this.stopped || this.touchTimer) return;
    const wait = Math.max(0, this.lastTouch + this.intervalMs - Date.now());
    this.touchTimer = setTimeout(() => {
      this.touchTimer = undefined;
      this.lastTouch = Date.now();
      this.touching = this.touch().finally(() => (this.touching = undefined));
    }, wait);
    this.touchTimer.unref();
  }

  /** Calls `onChange` whenever another process's mark has moved since the last poll. */
  watch(onChange: () => void): void {
    if (this.stopped) return;
    const poll = async () => {
      try {
        const row = (await this.deps.db.read('write-marks/latest', { writer: this.writer }))[0];
        const version = `${String(row?.version ?? 0)}/${String(row?.writers ?? 0)}`;
        if (this.seen !== undefined && version !== this.seen) onChange();
        this.seen = version;
      } catch (e) {
        // NOTE: what others wrote meanwhile is unknown: the next poll that succeeds reports a change
        this.seen = 'unknown';
        this.deps.logger.debug({ err: e }, 'write marks could not be read');
      } finally {
        if (!this.stopped) {
          this.pollTimer = setTimeout(() => void poll(), this.intervalMs);
          this.pollTimer.unref();
        }
      }
    };
    void poll();
  }

  /** Stops polling; a pending mark move is made now so other processes learn of the last writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.touchTimer) {
      clearTimeout(this.touchTimer);
      this.touchTimer = undefined;
      await this.touch();
    }
    await this.touching;
  }

  private async touch(): Promise<void> {
    try {
      // NOTE: auto-commit, no retries: a mark that cannot move now moves with the next write
      await this.deps.db.autoCommit('write-marks/touch', { writer: this.writer });
    } catch (e) {
      this.deps.logger.warn({ err: e }, 'could not move the write mark: other processes see this one late');
    }
  }
}
