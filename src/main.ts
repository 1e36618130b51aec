// The service: validated config, Neo4j (configured or bundled), schema, HTTP API.
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './app-context.js';
import { createLogger } from './logger.js';
import { scheduleRefresh } from './jobs/refresh.job.js';
import { gracefulShutdown } from './shutdown.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { require: { apiKeys: true, secret: true } });
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) console.error(`ringmap: configuration error: ${p.variable} ${p.message}`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const ctx = await createContext(config, logger);
  const server = ctx.app.listen(config.port, config.host, () => {
    logger.info({ url: `http://${config.host}:${config.port}`, neo4j: ctx.db.uri }, 'ringmap listening');
  });
  void ctx.reports.warm();
  const refresh = config.refreshCron
    ? scheduleRefresh({ cron: config.refreshCron, runs: ctx.runs, logger })
    : undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
    gracefulShutdown({ ctx, server, refresh, logger, signal }).then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(`ringmap: failed to start: ${(e as Error).message}`);
  process.exit(1);
});
