// The OpenAPI part of triage, clue review, the allow-list, ring history and run changes (listed in
// src/api-document.ts).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { OpenApiHelpers } from '../http/openapi-kit.js';
import { RingIdParam } from '../rings/rings.schema.js';
import { RunIdParam } from '../runs/runs.schema.js';
import { ScoreBody } from '../triage/triage.schema.js';
import { AllowEntryBody, REVIEW_STATUSES, ReviewBody } from './reviews.schema.js';

const Link = z
  .object({
    ringId: z.string(),
    kind: z.enum([
      'complainant_is_member',
      'contact_phone',
      'payout_account',
      'represented_by_member',
      'shared_phone',
      'shared_account',
      'shared_device',
      'burst',
    ]),
    identifier: z.string().nullable(),
    memberIds: z.array(z.string()),
    detail: z.string(),
  })
  .meta({ id: 'TriageLink' });

const TriageResult = z
  .object({
    id: z.string(),
    type: z.enum(['complaint', 'claim']),
    runId: z.string().nullable(),
    risk: z.number().min(0).max(100),
    level: z.enum(['low', 'elevated', 'high']),
    rings: z.array(
      z.object({
        ringId: z.string(),
        ringScore: z.number(),
        typology: z.string(),
        status: z.string(),
        risk: z.number(),
        links: z.array(Link),
      }),
    ),
    ignored: z.array(z.object({ identifier: z.string(), reason: z.string() })),
    explanation: z.string(),
  })
  .meta({ id: 'TriageResult' });

export const Review = z
  .object({
    id: z.string(),
    ringId: z.string(),
    runId: z.string().nullable(),
    status: z.enum(REVIEW_STATUSES),
    note: z.string(),
    caseReference: z.string().nullable(),
    by: z.string().meta({ description: "The reviewing API key's name." }),
    at: z.string(),
  })
  .meta({ id: 'Review' });

const AllowEntry = z
  .object({
    id: z.string(),
    kind: z.enum(['identifier', 'actor_set']),
    identifierKind: z.string().nullable(),
    identifier: z.string().nullable(),
    actorIds: z.array(z.string()),
    reason: z.string(),
    ringId: z.string().nullable(),
    by: z.string(),
    at: z.string(),
  })
  .meta({ id: 'AllowEntry' });

const Change = z
  .object({
    ringId: z.string(),
    event: z.enum(['born', 'unchanged', 'grew', 'shrank', 'changed', 'merged', 'split', 'dissolved']),
    from: z.array(z.string()),
    into: z.array(z.string()),
    sizeBefore: z.number(),
    sizeAfter: z.number(),
    // NOTE: absent (never null) when there is none: Neo4j stores no null properties
    scoreBefore: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'Absent for a ring born in this run.' }),
    scoreAfter: z.number().nullable().optional().meta({ description: 'Absent for a dissolved ring.' }),
    jaccard: z
      .number()
      .nullable()
      .optional()
      .meta({ description: 'Member overlap with the ring it continues; absent when it continues none.' }),
    importance: z.number(),
  })
  .meta({ id: 'RingChange' });

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
          201: h.json(
            'The review and the allow-list entries it created.',
            z.object({ review: Review, allow: z.array(z.string()) }),
          ),
          400: h.problem('Invalid review.', h.badRequest),
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
          200: h.json('Reviews, oldest first.', z.object({ ringId: z.string(), reviews: z.array(Review) })),
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
        responses: { 200: h.json('Entries, oldest first.', z.object({ entries: z.array(AllowEntry) })) },
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
          201: h.json('Created.', z.object({ id: z.string() })),
          400: h.problem('Invalid entry.', h.badRequest),
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
          200: h.json(
            'The history, oldest run first.',
            z.object({
              id: z.string(),
              runs: z.array(
                z.object({
                  runId: z.string(),
                  finishedAt: z.string().nullable(),
                  snapshot: z
                    .object({ score: z.number(), size: z.number(), typology: z.string() })
                    .nullable(),
                  events: z.array(Change),
                }),
              ),
            }),
          ),
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
          200: h.json(
            'The changes.',
            z.object({
              runId: z.string(),
              status: z.string(),
              lineage: z.object({ previousRunId: z.string().nullable(), keptIds: z.number() }).nullable(),
              counts: z.record(z.string(), z.number()),
              changes: z.array(Change),
            }),
          ),
          404: h.problem('No such run.'),
        },
      },
      ['analyst'],
    ),
  );
}
