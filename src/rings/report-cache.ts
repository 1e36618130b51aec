// Answers of the report routes, kept per run: a ring or actor report only changes when a run succeeds (a new run id
// is part of every key), a review changes a ring's status, or an ingest writes the actors or filings it shows.
import { LRUCache } from 'lru-cache';

/**
 * What an answer was built from: `actor:<id>` (an actor as stored), `member:<id>` (the fields of an actor a ring
 * report shows), `filer:<id>` (the filings of an actor),
 * `filing:<id>`, `ring:<id>`, or `reviews` (any review status).
 */
export type Dependency = string;

export interface ReportCacheOptions {
  /** Entries kept (least recently used go first). */
  max: number;
  /**
   * How long an entry is served. Writes through this process invalidate at once; this bounds how long a write by
   * another process (a second instance, `npm run ingest`) can go unseen. 0 turns the cache off.
   */
  ttlMs: number;
}

interface Entry {
  value: object;
  deps: readonly Dependency[];
}

/**
 * NOTE: the two ways an entry could go stale, and what closes them. (1) A write after the entry was stored: the
 * writer calls `invalidate` with what it wrote and every entry depending on it is dropped. (2) A write while the
 * entry was being read from Neo4j (read started before the commit, stored after the invalidation): every
 * invalidation bumps a generation, and a read that saw the generation change is returned but not stored.
 * Stored values are deep-frozen: callers share them (and the masking keeps one masked copy of each).
 */
export class ReportCache {
  private readonly entries: LRUCache<string, Entry> | undefined;
  private readonly byDependency = new Map<Dependency, Set<string>>();
  private readonly inFlight = new Map<string, Promise<object>>();
  private generation = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(opts: ReportCacheOptions) {
    if (opts.ttlMs > 0 && opts.max > 0) {
      this.entries = new LRUCache<string, Entry>({
        max: opts.max,
        ttl: opts.ttlMs,
        // NOTE: an entry past its TTL is not served; dispose keeps the dependency index in step with evictions.
        dispose: (entry, key) => this.unindex(key, entry.deps),
      });
    }
  }

  /**
   * The cached answer for `key`, or `load`'s (concurrent misses of one key share one load).
   * NOTE: no refresh-ahead: re-reading hot entries in the background before they expire was tried and made the
   * bench:load tail worse (p99 155 ms): ring reports are the expensive reads and it doubled them.
   */
  async get<T extends object>(
    key: string,
    load: () => Promise<{ value: T; deps: Dependency[] }>,
  ): Promise<T> {
    const cache = this.entries;
    if (!cache) return (await load()).value;
    const hit = cache.get(key);
    if (hit) {
      this.stats.hits++;
      return hit.value as T;
    }
    this.stats.misses++;
    return (await (this.inFlight.get(key) ?? this.fill(cache, key, load))) as T;
  }

  private fill<T extends object>(
    cache: LRUCache<string, Entry>,
    key: string,
    load: () => Promise<{ value: T; deps: Dependency[] }>,
  ): Promise<T> {
    const generation = this.generation;
    const loading = load()
      .then(({ value, deps }) => {
        deepFreeze(value);
        if (generation === this.generation) {
          cache.set(key, { value, deps });
          for (const d of deps) {
            let keys = this.byDependency.get(d);
            if (!keys) this.byDependency.set(d, (keys = new Set()));
            keys.add(key);
          }
        }
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  /** Drops every entry built from any of `deps`. */
  invalidate(deps: Iterable<Dependency>): void {
    this.generation++;
    const cache = this.entries;
    if (!cache) return;
    for (const d of deps) {
      const keys = this.byDependency.get(d);
      if (!keys) continue;
      for (const k of [...keys]) cache.delete(k);
    }
  }

  clear(): void {
    this.generation++;
    this.entries?.clear();
    this.byDependency.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  private unindex(key: string, deps: readonly Dependency[]): void {
    for (const d of deps) {
      const keys = this.byDependency.get(d);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byDependency.delete(d);
    }
  }
}

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}
