// Liveness (the process answers) and readiness (Neo4j answers).
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';

export function healthRoutes(deps: { driver: Driver; database?: string }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const info = await deps.driver.getServerInfo({ database: deps.database });
      res.json({ status: 'ready', neo4j: { agent: info.agent, protocolVersion: info.protocolVersion } });
    } catch (e) {
      res
        .status(503)
        .set('Retry-After', '5')
        .json({
          status: 'unavailable',
          reason: `Neo4j is not reachable: ${(e as Error).message.split('\n')[0]}`,
        });
    }
  });
  return router;
}
