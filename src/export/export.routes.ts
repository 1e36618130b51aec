// Prosecutor exports: GET /v1/rings/:id/export, GET /v1/exports (admin audit), GET /v1/export-key, and the key for
// outsiders at GET /.well-known/ringmap-export-key.
import { Router } from 'express';
import { principalOf, requireRole } from '../http/auth.middleware.js';
import { fullPersonalDataFor } from '../http/masking.js';
import { parseOr400 } from '../http/validate.js';
import type { ExportService } from './export.service.js';
import { RingIdParam } from '../rings/rings.schema.js';
import { ExportQuery, ListExportsQuery, type ExportList } from './export.schema.js';

export function exportRoutes(deps: { exports: ExportService }): Router {
  const router = Router();
  router.get('/rings/:id/export', requireRole('prosecutor'), async (req, res) => {
    const { id } = parseOr400(RingIdParam, req.params, 'path');
    const q = parseOr400(ExportQuery, req.query, 'query');
    const out = await deps.exports.export({
      ringId: id,
      format: q.format,
      table: q.table,
      by: principalOf(res.locals).name,
    });
    res.set({
      'Content-Type': out.contentType,
      'Content-Disposition': `attachment; filename="${out.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      // personal data: no shared cache may keep it
      'Cache-Control': 'no-store',
      'X-Export-Id': out.id,
      'X-Content-SHA256': out.sha256,
    });
    res.status(200).send(out.data);
  });
  router.get('/exports', requireRole('admin'), async (req, res) => {
    const q = parseOr400(ListExportsQuery, req.query, 'query');
    res.json({ exports: await deps.exports.list(q.limit) } satisfies ExportList);
  });
  // NOTE: a public key is no secret; any key holder may fetch it to check a bundle they were handed. It holds no
  // personal data either, and the masking of digit runs in answers would corrupt the PEM and the fingerprint.
  router.get('/export-key', fullPersonalDataFor('ingest', 'analyst', 'prosecutor', 'admin'), (_req, res) => {
    res.json(deps.exports.publicKey());
  });
  return router;
}

/** Unauthenticated: whoever holds a bundle must be able to get the key that checks it without a ringmap API key. */
export function exportKeyPublicRoutes(deps: { exports: ExportService }): Router {
  const router = Router();
  router.get('/.well-known/ringmap-export-key', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json(deps.exports.publicKey());
  });
  return router;
}
