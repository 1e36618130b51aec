// Analyst reports: GET /v1/rings, GET /v1/rings/:id, GET /v1/actors/:id.
import { Router } from 'express';
import { auditTouched } from '../audit/audit.middleware.js';
import { requireRole } from '../http/auth.middleware.js';
import { fullPersonalDataFor } from '../http/masking.js';
import { parseOr400 } from '../http/validate.js';
import type { RingReportService } from './ring-report.service.js';
import { ActorIdParam, ListRingsQuery, RingIdParam } from './rings.schema.js';

export function ringsRoutes(deps: { reports: RingReportService }): Router {
  const router = Router();
  router.get('/rings', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const q = parseOr400(ListRingsQuery, req.query, 'query');
    const page = await deps.reports.list(q);
    auditTouched(res, {
      ringIds: page.rings.map((r) => r.id),
      actorIds: page.rings.map((r) => r.organizerId),
    });
    res.json(page);
  });
  // NOTE: prosecutors (and admins) see phone numbers and accounts in full in the ring and actor reports: that is
  // the evidence they act on. Everyone else, and every other route, gets them masked (src/http/masking.ts).
  router.get(
    '/rings/:id',
    requireRole('analyst', 'prosecutor'),
    fullPersonalDataFor('prosecutor', 'admin'),
    async (req, res) => {
      const { id } = parseOr400(RingIdParam, req.params, 'path');
      const report = await deps.reports.get(id);
      auditTouched(res, { ringIds: [id], actorIds: report.members.map((m) => m.id) });
      res.json(report);
    },
  );
  router.get('/rings/:id/history', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const { id } = parseOr400(RingIdParam, req.params, 'path');
    res.json(await deps.reports.history(id));
  });
  router.get(
    '/actors/:id',
    requireRole('analyst', 'prosecutor'),
    fullPersonalDataFor('prosecutor', 'admin'),
    async (req, res) => {
      const { id } = parseOr400(ActorIdParam, req.params, 'path');
      const actor = await deps.reports.actor(id);
      auditTouched(res, { actorIds: [id], ringIds: actor.ring ? [actor.ring.id] : [] });
      res.json(actor);
    },
  );
  return router;
}
