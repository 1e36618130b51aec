// Prometheus metrics (GET /metrics, admin key): request latency by route pattern, ingest counts, run stage
// durations, rings of the latest run. One registry per app, so several apps in one process (tests) do not clash.
import { Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FieldError } from '../shared/errors.js';
import { authenticate, requireRole, type KeyRing } from './auth.middleware.js';

export interface RingCount {
  typology: string;
  reported: boolean;
  n: number;
}

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'ringmap_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly ingestRecords = new Counter({
    name: 'ringmap_ingest_records_total',
    help: 'Ingest records accepted (by record type) and rejected',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly runStage = new Histogram({
    name: 'ringmap_run_stage_duration_seconds',
    help: 'Duration of each stage of the detection runs that succeeded in this process',
    labelNames: ['stage'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly auditWriteFailures = new Counter({
    name: 'ringmap_audit_write_failures_total',
    help: 'Audit entries whose write failed (they are retried)',
    registers: [this.registry],
  });
  private ringCounts: (() => Promise<RingCount[]>) | undefined;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'ringmap_' });
    const ringCounts = () => this.ringCounts?.();
    new Gauge({
      name: 'ringmap_rings',
      help: 'Rings of the latest succeeded run, by typology and whether they reach the report threshold',
      labelNames: ['typology', 'reported'] as const,
      registers: [this.registry],
      async collect() {
        try {
          const counts = await ringCounts();
          if (!counts) return;
          this.reset();
          for (const c of counts) this.set({ typology: c.typology, reported: String(c.reported) }, c.n);
        } catch {
          // NOTE: the database is away: the gauge keeps its last values rather than failing the whole scrape.
        }
      },
    });
  }

  /** Report cache lookups so far, by outcome (read at each scrape). */
  setReportCacheStats(provider: () => { hits: number; misses: number }): void {
    new Gauge({
      name: 'ringmap_report_cache_lookups',
      help: 'Report cache lookups since start: hit (answered from memory) or miss (read from Neo4j)',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      collect() {
        const s = provider();
        this.set({ outcome: 'hit' }, s.hits);
        this.set({ outcome: 'miss' }, s.misses);
      },
    });
  }

  /** Where the ring gauge reads from at each scrape. */
  setRingCounts(provider: () => Promise<RingCount[]>): void {
    this.ringCounts = provider;
  }

  ingested(result: { accepted: Record<string, number>; rejected: readonly FieldError[] }): void {
    for (const [type, n] of Object.entries(result.accepted))
      if (n > 0) this.ingestRecords.inc({ type: type.replace(/s$/, ''), outcome: 'accepted' }, n);
    this.rejected(result.rejected);
  }

  /** Field errors, counted once per record (type and index). */
  rejected(errors: readonly FieldError[]): void {
    const records = new Map<string, Set<string>>();
    for (const e of errors) {
      const set = records.get(e.type) ?? new Set<string>();
      set.add(`${e.index}:${e.line ?? ''}`);
      records.set(e.type, set);
    }
    for (const [type, set] of records) this.ingestRecords.inc({ type, outcome: 'rejected' }, set.size);
  }

  stagesDone(stages: Record<string, { ms: number }>): void {
    for (const [stage, { ms }] of Object.entries(stages)) this.runStage.observe({ stage }, ms / 1000);
  }
}

/** NOTE: admin-only: the figures are not personal data, but ring counts and traffic tell an outsider too much. */
export function metricsRoutes(metrics: Metrics, keys: KeyRing): Router {
  const router = Router();
  router.get('/metrics', authenticate(keys), requireRole('admin'), async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
