// The OpenAPI part of triage, clue review, the allow-list, ring history and run changes (listed in
// src/api-document.ts).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { OpenApiHelpers } from '../http/openapi-kit.js';
import { RingHistory } from '../rings/rings.responses.js';
import { RingIdParam } from '../rings/rings.schema.js';
import { RunChanges, RunIdParam } from '../runs/runs.schema.js';
import { ScoreBody, TriageResult } from '../triage/triage.schema.js';
import {
  AllowCreated,
  AllowEntryBody,
  AllowList,
  ReviewBody,
  ReviewList,
  ReviewResult,
} from './reviews.schema.js';

export function registerWorkflowRoutes(registry: OpenAPIRegistry, h: OpenApiHelpers): void {
  registry.registerPath(
    h.v1(
      {
        method: 'post',
        path: '/score',
        tags: ['triage'],
        summary: 'Triage one incoming complaint or claim',
        description:
          'Risk 0–100, a level and every link to a known ring (contact phone, payout account, representative, ' +
          "the complainant's own identifiers, a burst against the same institution). Hubs and allow-listed " +
          'identifiers are ignored and named. The record is not stored.',
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: ScoreBody,
                example: {
                  type: 'complaint',
                  id: 'C-NEW-1',
                  filedAt: '2026-01-05T09:30:00+08:00',
                  complainantId: 'A-NEW-1',
                  institution: '中国工商银行',
                  category: 'fee_refund',
                  contactPhone: '+8613812345678',
                },
              },
            },
          },
        },
        responses: {
          200: h.json('The triage.', TriageResult),
          400: h.problem('Invalid record.', h.badRequest),
          413: h.problem('The body exceeds 64 kB.'),
          422: h.problem('`contactPhone` is no number any numbering plan has; `errors` names it.'),
        },
      },
      ['ingest', 'analyst'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'post',
        path: '/rings/{id}/reviews',
        tags: ['review'],
        summary: "Set a ring's review status",
        description:
          'Appends a review (new, under_review, confirmed, dismissed, referred — referred needs a caseReference). ' +
          'A dismissal may carry allow-list entries that later runs honour. The status stays with the ring id across runs.',
        request: {
          params: RingIdParam,
          body: { required: true, content: { 'application/json': { schema: ReviewBody } } },
        },
        responses: {
          201: h.json('The review and the allow-list entries it created.', ReviewResult),
          400: h.problem('Invalid review.', h.badRequest),
          413: h.problem('The body exceeds 64 kB.'),
          404: h.problem('No such ring in the latest succeeded run.'),
          422: h.problem(
            'A rule across fields is broken (referred without a caseReference, allow-list entries with another ' +
              'status than dismissed) or an allow-list phone is no number any numbering plan has; `errors` names it.',
          ),
        },
      },
      ['analyst'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/rings/{id}/reviews',
        tags: ['review'],
        summary: 'Every review of a ring',
        request: { params: RingIdParam },
        responses: {
          200: h.json('Reviews, oldest first.', ReviewList),
        },
      },
      ['analyst', 'prosecutor'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/allowlist',
        tags: ['review'],
        summary: 'The allow-list',
        responses: { 200: h.json('Entries, oldest first.', AllowList) },
      },
      ['analyst'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'post',
        path: '/allowlist',
        tags: ['review'],
        summary: 'Add an allow-list entry',
        description:
          'An identifier, or a set of actors, that later runs leave out of linking and triage ignores.',
        request: { body: { required: true, content: { 'application/json': { schema: AllowEntryBody } } } },
        responses: {
          201: h.json('Created.', AllowCreated),
          400: h.problem('Invalid entry.', h.badRequest),
          413: h.problem('The body exceeds 16 kB.'),
          422: h.problem('The phone is no number any numbering plan has; `errors` names it.'),
        },
      },
      ['analyst'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/rings/{id}/history',
        tags: ['rings'],
        summary: 'A ring across runs',
        description:
          'Its snapshot in every retained run and the lineage events (born, grew, merged, split, …) that name it.',
        request: { params: RingIdParam },
        responses: {
          200: h.json('The history, oldest run first.', RingHistory),
          404: h.problem('No retained run knows this ring.'),
        },
      },
      ['analyst', 'prosecutor'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/runs/{id}/changes',
        tags: ['runs'],
        summary: 'What a run changed',
        description: 'Lineage events of the run, most important first (new and grown high-score rings lead).',
        request: {
          params: RunIdParam,
          query: z.object({
            includeUnchanged: z.enum(['true', 'false']).optional(),
            limit: z.number().int().min(1).max(1000).optional(),
          }),
        },
        responses: {
          200: h.json('The changes.', RunChanges),
          404: h.problem('No such run.'),
        },
      },
      ['analyst'],
    ),
  );
}
