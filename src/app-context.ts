// Wires config → driver → queries → services → app; used by main, the demo, the CLIs and the tests.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { Metrics, metricsRoutes } from './http/metrics.js';
import { AuditLog } from './audit/audit.log.js';
import { auditRoutes } from './audit/audit.routes.js';
import { ApiKeyStore } from './keys/api-key.store.js';
import { keysRoutes } from './keys/keys.routes.js';
import { whoamiRoutes } from './keys/whoami.routes.js';
import { consoleRoutes } from './console/console.routes.js';
import type { connect as connectFn } from './store/neo4j-driver.js';
import { openApiRoutes } from './http/openapi.js';
import { ingestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { CypherQueries } from './store/cypher-queries.js';
import { connect, type Database } from './store/neo4j-driver.js';
import { applySchema } from './store/schema.js';
import { RunService, type RunHooks } from './runs/run.service.js';
import { runsRoutes } from './runs/runs.routes.js';
import { ReportCache } from './rings/report-cache.js';
import { WriteMarks } from './store/write-marks.js';
import { RingReportService } from './rings/ring-report.service.js';
import { ringsRoutes } from './rings/rings.routes.js';
import { exportKeyPublicRoutes, exportRoutes } from './export/export.routes.js';
import { ExportService } from './export/export.service.js';
import { loadExportSigner } from './export/signing-key.js';
import { VERSION } from './version.js';
import { ReviewService } from './reviews/review.service.js';
import { reviewsRoutes } from './reviews/reviews.routes.js';
import { TriageService } from './triage/triage.service.js';
import { triageRoutes } from './triage/triage.routes.js';

export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  queries: CypherQueries;
  logger: Logger;
  ingest: IngestService;
  runs: RunService;
  reports: RingReportService;
  exports: ExportService;
  reviews: ReviewService;
  triage: TriageService;
  audit: AuditLog;
  keys: ApiKeyStore;
  metrics: Metrics;
  app: Express;
  close(): Promise<void>;
}

export async function createContext(
  config: Readonly<Config>,
  logger: Logger,
  opts: {
    runHooks?: RunHooks;
    driverConfig?: Parameters<typeof connectFn>[2];
    /** Where the built console is (default dist/console, what `npm run build` writes). */
    consoleDir?: string;
  } = {},
): Promise<AppContext> {
  const queries = CypherQueries.load();
  const db = await connect(config, (line) => logger.info(line), opts.driverConfig);
  try {
    await applySchema(db.driver, db.database);
    const ingest = new IngestService({
      driver: db.driver,
      database: db.database,
      queries,
      idHmacSecret: config.idHmacSecret,
      batchSize: config.ingest.batchSize,
      queryTimeoutMs: config.queryTimeoutMs,
    });
    const signer = loadExportSigner(config);
    const runs = new RunService({
      driver: db.driver,
      database: db.database,
      queries,
      logger,
      version: VERSION,
      retainRuns: config.retainRuns,
      queryTimeoutMs: config.queryTimeoutMs,
      // NOTE: reviews is created just below; runs only call this when a run starts.
      suppression: () => reviews.suppressedIdentifiers(),
      hooks: opts.runHooks,
      exportKeyFingerprint: signer?.fingerprint,
    });
    // runs left running by a process that died are failed now, not when the next run starts
    await runs.startRecovery();
    const reviews: ReviewService = new ReviewService({
      driver: db.driver,
      database: db.database,
      queries,
      runs,
      queryTimeoutMs: config.queryTimeoutMs,
    });
    const triage = new TriageService({
      driver: db.driver,
      database: db.database,
      queries,
      runs,
      reviews,
      logger,
      queryTimeoutMs: config.queryTimeoutMs,
    });
    runs.onSucceeded(() => triage.invalidate());
    ingest.onWritten((w) => triage.actorsWritten(w.actorIds));
    reviews.onChange(() => triage.invalidate());
    const reports = new RingReportService({
      driver: db.driver,
      database: db.database,
      queries,
      runs,
      queryTimeoutMs: config.queryTimeoutMs,
      cache: new ReportCache(config.reportCache),
    });
    ingest.onWritten((w) => reports.written(w));
    reviews.onChange(() => reports.reviewsChanged());
    runs.onSucceeded(() => reports.runSucceeded());
    // other processes (a second instance, `npm run ingest`) learn of this one's writes, and it of theirs
    const marks = new WriteMarks({
      driver: db.driver,
      database: db.database,
      queries,
      logger,
      queryTimeoutMs: config.queryTimeoutMs,
      intervalMs: config.writeMarksMs,
    });
    ingest.onWritten(() => marks.wrote());
    reviews.onChange(() => marks.wrote());
    marks.watch(() => {
      reports.othersWrote();
      ingest.forgetWritten();
    });
    const metrics = new Metrics();
    metrics.setRingCounts(() => reports.ringCounts());
    metrics.setReportCacheStats(() => reports.cacheStats);
    runs.onSucceeded((runId) => {
      void runs.get(runId).then(
        (r) => r && metrics.stagesDone(r.stages),
        () => {},
      );
    });
    const audit = new AuditLog({
      driver: db.driver,
      database: db.database,
      queries,
      logger,
      queryTimeoutMs: config.queryTimeoutMs,
      onWriteFailure: (n) => metrics.auditWriteFailures.inc(n),
    });
    const keys = new ApiKeyStore({
      driver: db.driver,
      database: db.database,
      queries,
      logger,
      bootstrap: config.apiKeys,
      refreshMs: config.keyCacheTtlMs,
      queryTimeoutMs: config.queryTimeoutMs,
    });
    await keys.start();
    const exports = new ExportService({
      driver: db.driver,
      database: db.database,
      queries,
      runs,
      reports,
      logger,
      version: VERSION,
      queryTimeoutMs: config.queryTimeoutMs,
      signer,
      auditChainHead: () => audit.head(),
    });
    const app = createApp({
      driver: db.driver,
      database: db.database,
      logger,
      keys: keys.keyRing,
      audit,
      metrics,
      rateLimit: config.rateLimit,
      v1: [
        ingestRoutes({ ingest, maxBytes: config.ingest.maxBytes, metrics }),
        runsRoutes({ runs }),
        ringsRoutes({ reports }),
        exportRoutes({ exports }),
        reviewsRoutes({ reviews }),
        triageRoutes({ triage }),
        auditRoutes({ audit }),
        keysRoutes({ keys }),
        whoamiRoutes(),
      ],
      publicRoutes: [
        openApiRoutes(VERSION),
        metricsRoutes(metrics, keys.keyRing),
        exportKeyPublicRoutes({ exports }),
        consoleRoutes({ dir: opts.consoleDir }),
      ],
    });
    const close = async () => {
      keys.stop();
      await marks.stop();
      await Promise.allSettled(runs.running().map((id) => runs.waitFor(id)));
      runs.close();
      await audit.close();
      await db.close();
    };
    return {
      config,
      db,
      queries,
      logger,
      ingest,
      runs,
      reports,
      exports,
      reviews,
      triage,
      audit,
      keys,
      metrics,
      app,
      close,
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
