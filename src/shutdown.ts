// Graceful shutdown: stop taking requests and let those in flight finish, stop the schedule, fail the runs in
// progress with a clear reason, write the last audit entries, close the driver.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { AppContext } from './app-context.js';
import type { RefreshJob } from './jobs/refresh.job.js';

export async function gracefulShutdown(parts: {
  ctx: AppContext;
  server?: Server;
  refresh?: RefreshJob;
  logger: Logger;
  signal: string;
  /** How long runs get to reach a checkpoint before they are marked failed directly. */
  runWaitMs?: number;
}): Promise<void> {
  const { ctx, server, logger, signal } = parts;
  logger.info({ signal }, 'shutting down: no new connections; requests in flight finish');
  parts.refresh?.stop();
  // NOTE: close() stops accepting and resolves once every in-flight request has been answered; idle keep-alive
  // connections are closed now instead of at their timeout.
  const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
  server?.closeIdleConnections();
  const interrupted = await ctx.runs.interrupt(
    `interrupted: the service was shut down (${signal})`,
    parts.runWaitMs,
  );
  if (interrupted.length > 0) logger.warn({ runs: interrupted }, 'runs in progress were marked failed');
  await closed;
  await ctx.close();
  logger.info('shut down');
}
