// POST /v1/score: real-time triage of one incoming complaint or claim against the known rings.
import express, { Router } from 'express';
import { requireRole } from '../http/auth.middleware.js';
import { Errors } from '../shared/errors.js';
import { parseOr400 } from '../http/validate.js';
import { normalisePhone } from '../ingest/phone-number.js';
import type { Incoming } from './ring-index.js';
import { ScoreBody, type ScoreInput, type TriageResult } from './triage.schema.js';
import type { TriageService } from './triage.service.js';
import { utf8Only } from '../http/utf8-body.js';

/** Maps a validated complaint or claim to what the ring index reads; a bad phone is a 422 naming the field. */
export function incomingOf(body: ScoreInput): Omit<Incoming, 'known'> {
  let contactPhone: string | null = null;
  if (body.contactPhone !== undefined) {
    const p = normalisePhone(body.contactPhone);
    // NOTE: a phone no numbering plan has is well-formed but unusable: 422, as ingest answers the same record.
    if (!p.ok)
      throw Errors.invalidRecords([{ type: body.type, index: 0, field: 'contactPhone', message: p.message }]);
    contactPhone = p.e164;
  }
  return {
    complainantId: body.type === 'complaint' ? body.complainantId : body.claimantId,
    institution: body.type === 'complaint' ? body.institution : body.insurer,
    filedAt: body.filedAt,
    contactPhone,
    payoutAccount: body.payoutAccount ?? null,
    representativeId: body.representativeId ?? null,
  };
}

export function triageRoutes(deps: { triage: TriageService }): Router {
  const router = Router();
  router.post(
    '/score',
    requireRole('ingest', 'analyst'),
    express.json({ limit: '64kb', verify: utf8Only }),
    async (req, res) => {
      const body = parseOr400(ScoreBody, req.body, 'body');
      const result = await deps.triage.score(incomingOf(body));
      res.json({ id: body.id, type: body.type, ...result } satisfies TriageResult);
    },
  );
  return router;
}
