// Clue review: POST/GET /v1/rings/:id/reviews, and the allow-list at /v1/allowlist.
import express, { Router } from 'express';
import { normalisePhone } from '../ingest/phone-number.js';
import { principalOf, requireRole } from '../http/auth.middleware.js';
import { Errors } from '../shared/errors.js';
import { parseOr400 } from '../http/validate.js';
import { RingIdParam } from '../rings/rings.schema.js';
import type { NewAllowEntry, ReviewService } from './review.service.js';
import {
  AllowEntryBody,
  ReviewBody,
  type AllowCreated,
  type AllowList,
  type ReviewList,
  type ReviewResult,
} from './reviews.schema.js';
import { utf8Only } from '../http/utf8-body.js';

/**
 * Phones are compared in E.164, whatever form the analyst typed. A phone no numbering plan has is well-formed but
 * unusable: 422 (the body's shape is right, its meaning is not), naming the entry.
 */
function normaliseEntry(e: NewAllowEntry, index = 0, field = 'identifier'): NewAllowEntry {
  if (e.kind !== 'identifier' || e.identifierKind !== 'phone' || !e.identifier) return e;
  const p = normalisePhone(e.identifier);
  if (!p.ok) throw Errors.invalidRecords([{ type: 'allow', index, field, message: p.message }]);
  return { ...e, identifier: p.e164 };
}

export function reviewsRoutes(deps: { reviews: ReviewService }): Router {
  const router = Router();
  router.post(
    '/rings/:id/reviews',
    requireRole('analyst'),
    express.json({ limit: '64kb', verify: utf8Only }),
    async (req, res) => {
      const { id } = parseOr400(RingIdParam, req.params, 'path');
      const body = parseOr400(ReviewBody, req.body, 'body');
      const result = await deps.reviews.review(
        id,
        {
          ...body,
          allow: body.allow?.map((a, i) => normaliseEntry(a as NewAllowEntry, i, `allow[${i}].identifier`)),
        },
        principalOf(res.locals).name,
      );
      res.status(201).json(result satisfies ReviewResult);
    },
  );
  router.get('/rings/:id/reviews', requireRole('analyst', 'prosecutor'), async (req, res) => {
    const { id } = parseOr400(RingIdParam, req.params, 'path');
    res.json({ ringId: id, reviews: await deps.reviews.reviews(id) } satisfies ReviewList);
  });
  router.get('/allowlist', requireRole('analyst'), async (_req, res) => {
    res.json({ entries: await deps.reviews.allowList() } satisfies AllowList);
  });
  router.post(
    '/allowlist',
    requireRole('analyst'),
    express.json({ limit: '16kb', verify: utf8Only }),
    async (req, res) => {
      const body = parseOr400(AllowEntryBody, req.body, 'body');
      const id = await deps.reviews.addAllow(
        normaliseEntry(body as NewAllowEntry),
        principalOf(res.locals).name,
      );
      res.status(201).json({ id } satisfies AllowCreated);
    },
  );
  return router;
}
