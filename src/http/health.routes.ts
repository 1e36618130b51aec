// Liveness (the process answers) and readiness (Neo4j's database answers a query, and whatever else must work to
// serve /v1).
import { Router } from 'express';
import type { Db } from '../store/db.js';

/** An extra readiness condition, e.g. the audit trail can be written. */
export type ReadinessCheck = () => { ok: true } | { ok: false; reason: string };

const READY_TIMEOUT_MS = 5000;
export const HEALTH_QUERIES = ['health/database-answers'] as const;

/** `work`, or a rejection once it has not settled within READY_TIMEOUT_MS. */
async function inTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)),
          READY_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const firstLine = (e: unknown) => (e as Error).message.split('\n')[0];

export function healthRoutes(deps: { db: Db; checks?: ReadinessCheck[] }): Router {
  deps.db.require(HEALTH_QUERIES);
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const notReady = (reason: string) =>
      res.status(503).set('Retry-After', '5').json({ status: 'unavailable', reason });
    // NOTE: a server that accepts the connection but never answers must not hang the probe.
    let info;
    try {
      info = await inTime(deps.db.driver.getServerInfo({ database: deps.db.database }));
    } catch (e) {
      return notReady(`Neo4j is not reachable: ${firstLine(e)}`);
    }
    // NOTE: the server answering is not enough: after a crash Neo4j takes connections while its database is still
    // recovering, and a database can be missing or offline on a server that answers. Asked as the audit trail asks
    // (an auto-commit write-mode query: on a cluster, where this service's writes go).
    try {
      await inTime(deps.db.autoCommit('health/database-answers'));
    } catch (e) {
      return notReady(`Neo4j's database does not answer queries: ${firstLine(e)}`);
    }
    for (const check of deps.checks ?? []) {
      const r = check();
      if (!r.ok) return notReady(r.reason);
    }
    res.json({ status: 'ready', neo4j: { agent: info.agent, protocolVersion: info.protocolVersion } });
  });
  return router;
}
