// Wires config → driver → queries → services → app; used by main, the demo, the CLIs and the tests.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { Metrics, metricsRoutes } from './http/metrics.js';
import { AuditLog } from './audit/audit.log.js';
import { auditRoutes } from './audit/audit.routes.js';
import { auditHooks } from './audit/audit.middleware.js';
import { ApiKeyStore } from './keys/api-key.store.js';
import { keysRoutes } from './keys/keys.routes.js';
import { whoamiRoutes } from './keys/whoami.routes.js';
import { consoleRoutes } from './console/console.routes.js';
import type { connect as connectFn } from './store/neo4j-driver.js';
import { openApiRoutes } from './http/openapi-kit.js';
import { buildOpenApiDocument } from './api-document.js';
import { ingestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { CypherQueries } from './store/cypher-queries.js';
import { connect, type Database } from './store/neo4j-driver.js';
import { applySchema } from './store/schema.js';
import { RunService } from './runs/run.service.js';
import type { RunHooks } from './runs/run-pipeline.js';
import { runsRoutes } from './runs/runs.routes.js';
import { ReportCache } from './rings/report-cache.js';
import { WriteMarks } from './store/write-marks.js';
import { RingReportService } from './rings/ring-report.service.js';
import { ringsRoutes } from './rings/rings.routes.js';
import { exportKeyPublicRoutes, exportRoutes } from './export/export.routes.js';
import { ExportService } from './export/export.service.js';
import { loadExportSigner } from './export/signing-key.js';
import { ReportScript } from './export/report-script.js';
import { VERSION } from './version.js';
import { Db } from './store/db.js';
import { Events } from './shared/events.js';
import { wireEvents } from './wire-events.js';
import { AllowListRepo } from './reviews/allow-list.repo.js';
import { ReviewService } from './reviews/review.service.js';
import { reviewsRoutes } from './reviews/reviews.routes.js';
import { TriageService } from './triage/triage.service.js';
import { triageRoutes } from './triage/triage.routes.js';

export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  /** The database handle features run their named queries through. */
  handle: Db;
  events: Events;
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
    /** A built export viewer script to read (default: dist/export/report-page.js compiled, the sources under tsx). */
    reportScriptFile?: string;
  } = {},
): Promise<AppContext> {
  const queries = CypherQueries.load();
  const db = await connect(config, (line) => logger.info(line), opts.driverConfig);
  try {
    await applySchema(db.driver, db.database);
    const handle = new Db(db.driver, queries, { database: db.database, timeoutMs: config.queryTimeoutMs });
    const events = new Events();
    const ingest = new IngestService({
      db: handle,
      idHmacSecret: config.idHmacSecret,
      batchSize: config.ingest.batchSize,
      events,
    });
    const signer = loadExportSigner(config);
    const allowList = new AllowListRepo(handle);
    const runs = new RunService({
      db: handle,
      driver: db.settings,
      logger,
      version: VERSION,
      retainRuns: config.retainRuns,
      detectThreads: config.detectThreads,
      runNice: config.runNice,
      suppression: () => allowList.suppressedIdentifiers(),
      hooks: opts.runHooks,
      exportKeyFingerprint: signer?.fingerprint,
      events,
    });
    // runs left running by a process that died are failed now, not when the next run starts
    await runs.startRecovery();
    const reviews = new ReviewService({ db: handle, allowList, runs, events });
    const triage = new TriageService({ db: handle, runs, reviews, logger });
    const reports = new RingReportService({ db: handle, runs, cache: new ReportCache(config.reportCache) });
    // other processes (a second instance, `npm run ingest`) learn of this one's writes, and it of theirs
    const marks = new WriteMarks({ db: handle, logger, intervalMs: config.writeMarksMs });
    const metrics = new Metrics();
    metrics.setRingCounts(() => reports.ringCounts());
    metrics.setReportCacheStats(() => reports.cacheStats);
    wireEvents(events, { ingest, runs, reports, triage, marks, metrics });
    const audit = new AuditLog({
      db: handle,
      logger,
      onWriteFailure: (n) => metrics.auditWriteFailures.inc(n),
    });
    const keys = new ApiKeyStore({
      db: handle,
      logger,
      bootstrap: config.apiKeys,
      refreshMs: config.keyCacheTtlMs,
    });
    await keys.start();
    const exports = new ExportService({
      db: handle,
      runs,
      reports,
      logger,
      version: VERSION,
      signer,
      auditChainHead: () => audit.head(),
      script: new ReportScript(opts.reportScriptFile),
    });
    const app = createApp({
      db: handle,
      logger,
      keys: keys.keyRing,
      audit: auditHooks(audit),
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
        openApiRoutes(buildOpenApiDocument(VERSION)),
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
      handle,
      events,
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
