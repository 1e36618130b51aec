// Liveness (the process answers) and readiness (Neo4j answers, and whatever else must work to serve /v1).
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';

/** An extra readiness condition, e.g. the audit trail can be written. */
export type ReadinessCheck = () => { ok: true } | { ok: false; reason: string };

const READY_TIMEOUT_MS = 5000;

export function healthRoutes(deps: { driver: Driver; database?: string; checks?: ReadinessCheck[] }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const notReady = (reason: string) =>
      res.status(503).set('Retry-After', '5').json({ status: 'unavailable', reason });
    let timer: NodeJS.Timeout | undefined;
    try {
      // NOTE: a server that accepts the connection but never answers must not hang the probe.
      const info = await Promise.race([
        deps.driver.getServerInfo({ database: deps.database }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          );
        }),
      ]);
      for (const check of deps.checks ?? []) {
        const r = check();
        if (!r.ok) return notReady(r.reason);
      }
      res.json({ status: 'ready', neo4j: { agent: info.agent, protocolVersion: info.protocolVersion } });
    } catch (e) {
      notReady(`Neo4j is not reachable: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
