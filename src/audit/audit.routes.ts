// GET /v1/audit: the audit trail for admins, newest first. There is no route that changes or deletes it.
import { Router } from 'express';
import { requireRole } from '../http/auth.middleware.js';
import { parseOr400 } from '../http/validate.js';
import type { AuditLog } from './audit.log.js';
import { AuditQuerySchema, type AuditPage } from './audit.schema.js';

export function auditRoutes(deps: { audit: AuditLog }): Router {
  const router = Router();
  router.get('/audit', requireRole('admin'), async (req, res) => {
    const q = parseOr400(AuditQuerySchema, req.query, 'query');
    res.json({ entries: await deps.audit.list(q), limit: q.limit } satisfies AuditPage);
  });
  return router;
}
