// POST /v1/runs, GET /v1/runs, GET /v1/runs/:id.
import express, { Router } from 'express';
import { requireRole } from '../http/auth.middleware.js';
import { Errors } from '../shared/errors.js';
import { parseOr400 } from '../http/validate.js';
import type { RunService } from './run.service.js';
import { ChangesQuery, ListRunsQuery, RunIdParam, StartRunBody } from './runs.schema.js';
import { utf8Only } from '../http/utf8-body.js';

export function runsRoutes(deps: { runs: RunService }): Router {
  const router = Router();
  router.post(
    '/runs',
    requireRole('analyst'),
    express.json({ limit: '16kb', verify: utf8Only }),
    async (req, res) => {
      const body = parseOr400(StartRunBody, req.body ?? {}, 'body');
      const { runId, params } = await deps.runs.start(body);
      res.status(202).location(`/v1/runs/${runId}`).json({ runId, status: 'queued', params });
    },
  );
  router.get('/runs', requireRole('analyst'), async (req, res) => {
    const q = parseOr400(ListRunsQuery, req.query, 'query');
    res.json({ runs: await deps.runs.list(q.limit) });
  });
  router.get('/runs/:id', requireRole('analyst'), async (req, res) => {
    const { id } = parseOr400(RunIdParam, req.params, 'path');
    const run = await deps.runs.get(id);
    if (!run) throw Errors.notFound('run', id);
    res.json(run);
  });
  router.get('/runs/:id/changes', requireRole('analyst'), async (req, res) => {
    const { id } = parseOr400(RunIdParam, req.params, 'path');
    const q = parseOr400(ChangesQuery, req.query, 'query');
    const run = await deps.runs.get(id);
    if (!run) throw Errors.notFound('run', id);
    const { counts, changes } = await deps.runs.changes(id, q);
    const lineage = (run.stats as { lineage?: unknown } | null)?.lineage ?? null;
    res.json({ runId: id, status: run.status, lineage, counts, changes });
  });
  return router;
}
