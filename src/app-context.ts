// Wires config → driver → queries → services → app; used by main, the demo, the CLIs and the tests.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { KeyRing } from './http/auth.middleware.js';
import { createApp } from './http/app.js';
import { ingestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { CypherQueries } from './store/cypher-queries.js';
import { connect, type Database } from './store/neo4j-driver.js';
import { applySchema } from './store/schema.js';

export interface AppContext {
  config: Readonly<Config>;
  db: Database;
  queries: CypherQueries;
  logger: Logger;
  ingest: IngestService;
  app: Express;
  close(): Promise<void>;
}

export async function createContext(config: Readonly<Config>, logger: Logger): Promise<AppContext> {
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
    const app = createApp({
      driver: db.driver,
      database: db.database,
      logger,
      keys: new KeyRing(config.apiKeys),
      v1: [ingestRoutes({ ingest, maxBytes: config.ingest.maxBytes })],
    });
    return { config, db, queries, logger, ingest, app, close: () => db.close() };
  } catch (e) {
    await db.close();
    throw e;
  }
}
