// Wires config → driver → queries → services → app; used by main, the demo, the CLIs and the tests.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeyRing } from './http/auth.middleware.js';
import { createApp } from './http/app.js';
import { openApiRoutes } from './http/openapi.js';
import { ingestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { CypherQueries } from './store/cypher-queries.js';
import { connect, type Database } from './store/neo4j-driver.js';
import { applySchema } from './store/schema.js';
import { RunService, type RunHooks } from './runs/run.service.js';
import { runsRoutes } from './runs/runs.routes.js';
import { RingReportService } from './rings/ring-report.service.js';
import { ringsRoutes } from './rings/rings.routes.js';
import { VERSION } from './version.js';

export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  queries: CypherQueries;
  logger: Logger;
  ingest: IngestService;
  runs: RunService;
  reports: RingReportService;
  app: Express;
  close(): Promise<void>;
}

export async function createContext(
  config: Readonly<Config>,
  logger: Logger,
  opts: { runHooks?: RunHooks } = {},
): Promise<AppContext> {
  const queries = CypherQueries.load();
  const db = await connect(config, (line) => logger.info(line));
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
    const runs = new RunService({
      driver: db.driver,
      database: db.database,
      queries,
      logger,
      version: VERSION,
      retainRuns: config.retainRuns,
      hooks: opts.runHooks,
    });
    const reports = new RingReportService({ driver: db.driver, database: db.database, queries, runs });
    const app = createApp({
      driver: db.driver,
      database: db.database,
      logger,
      keys: new KeyRing(config.apiKeys),
      v1: [
        ingestRoutes({ ingest, maxBytes: config.ingest.maxBytes }),
        runsRoutes({ runs }),
        ringsRoutes({ reports }),
      ],
      publicRoutes: [openApiRoutes(VERSION)],
    });
    const close = async () => {
      await Promise.allSettled(runs.running().map((id) => runs.waitFor(id)));
      await db.close();
    };
    return { config, db, queries, logger, ingest, runs, reports, app, close };
  } catch (e) {
    await db.close();
    throw e;
  }
}
