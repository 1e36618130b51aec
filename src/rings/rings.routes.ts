// Analyst reports: GET /v1/rings, GET /v1/rings/:id, GET /v1/actors/:id.
import { Router } from 'express';
import { requireRole } from '../http/auth.middleware.js';
import { parseOr400 } from '../http/validate.js';
import type { RingReportService } from './ring-report.service.js';
import { ActorIdParam, ListRingsQuery, RingIdParam } from './rings.schema.js';

export function ringsRoutes(deps: { reports: RingReportService }): Router {
  const router = Router();
  router.get('/rings', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const q = parseOr400(ListRingsQuery, req.query, 'query');
    res.json(await deps.reports.list(q));
  });
  router.get('/rings/:id', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const { id } = parseOr400(RingIdParam, req.params, 'path');
    res.json(await deps.reports.get(id));
  });
  router.get('/rings/:id/history', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const { id } = parseOr400(RingIdParam, req.params, 'path');
    res.json(await deps.reports.history(id));
  });
  router.get('/actors/:id', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const { id } = parseOr400(ActorIdParam, req.params, 'path');
    res.json(await deps.reports.actor(id));
  });
  return router;
}
