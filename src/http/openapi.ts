// The OpenAPI 3.1 description of the HTTP API, generated from the request zod schemas and served at GET /openapi.json.
import { Errors } from '../shared/errors.js';
import { RING_FEATURES } from '../analytics/ring-features.js';
import { LEGITIMATE_PATTERNS } from '../analytics/legitimate-patterns.js';
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import {
  EVIDENCE_KINDS,
  EVIDENCE_SUBJECT_KINDS,
  EVIDENCE_VIAS,
  IDENTIFIER_KINDS,
} from '../analytics/evidence.types.js';
import { SCORE_COMPONENTS } from '../analytics/ring.types.js';
import type { Role } from '../config.js';
import type { IngestResult } from '../ingest/ingest.service.js';
import {
  ActorRecord as ActorRecordBase,
  ClaimRecord as ClaimRecordBase,
  ComplaintRecord as ComplaintRecordBase,
  IngestDocument as IngestDocumentBase,
  InstitutionRecord as InstitutionRecordBase,
  RECORD_TYPES,
  TransferRecord as TransferRecordBase,
} from '../ingest/ingest.schema.js';
import { ActorIdParam, ListRingsQuery, RingIdParam } from '../rings/rings.schema.js';
import { REVIEW_STATUSES } from '../reviews/review.service.js';
import { registerExportRoutes } from '../export/export.openapi.js';
import { registerWorkflowRoutes } from '../reviews/workflow.openapi.js';
import { registerSecurityRoutes } from './security.openapi.js';
import type { RunStatus } from '../runs/run.service.js';
import { ListRunsQuery, RunIdParam, StartRunBody } from '../runs/runs.schema.js';
import { ACTOR_KINDS, TYPOLOGIES } from '../shared/domain.js';

extendZodWithOpenApi(z);

// ---- errors (RFC 9457 problem+json, see problem.middleware.ts) ----

const problemShape = {
  type: z.string().openapi({ example: 'urn:ringmap:problem:not_found' }),
  title: z.string().openapi({ description: 'The error code.', example: 'not_found' }),
  status: z.number().int().openapi({ example: 404 }),
  detail: z.string().openapi({ example: 'ring "R-0123456789" does not exist' }),
  instance: z.string().openapi({ description: 'The request path.', example: '/v1/rings/R-0123456789' }),
  requestId: z.string().openapi({ description: 'Also sent as the X-Request-Id response header.' }),
};

export const Problem = z.object(problemShape).openapi('Problem', { description: 'An RFC 9457 problem.' });

export const ParameterError = z
  .object({ in: z.enum(['query', 'body', 'path']), field: z.string(), message: z.string() })
  .openapi('ParameterError');

export const BadRequestProblem = z
  .object({ ...problemShape, errors: z.array(ParameterError).optional() })
  .openapi('BadRequestProblem', { description: 'A problem; `errors` names each invalid parameter, if any.' });

export const FieldError = z
  .object({
    type: z
      .string()
      .openapi({ description: `Record type (${RECORD_TYPES.join(', ')}), or document/unknown.` }),
    index: z.number().int().openapi({ description: 'Position of the record among those of its type.' }),
    line: z.number().int().optional().openapi({ description: '1-based line of an NDJSON body.' }),
    id: z.string().optional().openapi({ description: 'The record id, when it has one.' }),
    field: z.string().openapi({ example: 'phones[0]' }),
    message: z.string(),
  })
  .openapi('FieldError');

export const InvalidRecordsProblem = z
  .object({ ...problemShape, errors: z.array(FieldError) })
  .openapi('InvalidRecordsProblem', {
    description: 'Every invalid field of every record; nothing was written.',
  });

export const RunConflictProblem = z
  .object({ ...problemShape, runId: z.string().openapi({ description: 'The run in progress.' }) })
  .openapi('RunConflictProblem');

// ---- health ----

export const Health = z.object({ status: z.literal('ok') }).openapi('Health');
export const Readiness = z
  .object({
    status: z.literal('ready'),
    neo4j: z.object({
      agent: z.string(),
      protocolVersion: z.object({ major: z.number(), minor: z.number() }),
    }),
  })
  .openapi('Readiness');
export const NotReady = z
  .object({ status: z.literal('unavailable'), reason: z.string() })
  .openapi('NotReady');

// ---- ingest ----

// NOTE: zod v4 copies `.openapi` onto a schema only when it is built, and the imported schemas are built before
// extendZodWithOpenApi runs; their names go through zod's own `.meta({ id })`, which zod-to-openapi reads too.
const InstitutionRecord = InstitutionRecordBase.meta({ id: 'InstitutionRecord' });
const ActorRecord = ActorRecordBase.meta({
  id: 'ActorRecord',
  description:
    'An actor; `idNumber` is stored only as a keyed hash. `identifiers` are generic `{kind, value}` pairs (ip, wifi, ' +
    'mac, email, address, wechat, qq, friend…; `phone`, `account` and `device` go to their own lists, `agent` is ' +
    'refused); each list holds at most 10,000 items. The same actor several times in one request is merged: lists ' +
    'united, a later non-null value wins.',
});
const NAMED_PARTIES =
  '`namedParties`: the parties the filing complains about (被投诉方), at most 50; phone and bank card numbers found ' +
  'in a complaint text are added (except its own contact phone and payout account).';
const ComplaintRecord = ComplaintRecordBase.meta({ id: 'ComplaintRecord', description: NAMED_PARTIES });
const ClaimRecord = ClaimRecordBase.meta({ id: 'ClaimRecord', description: NAMED_PARTIES });
const TransferRecord = TransferRecordBase.meta({ id: 'TransferRecord' });

// NOTE: the route reads the document as arrays of unknown so that one bad record cannot hide the others; the
// records are validated one by one against the schemas above, which is what a caller needs to see.
const IngestDocument = IngestDocumentBase.extend({
  institutions: z.array(InstitutionRecord).optional(),
  actors: z.array(ActorRecord).optional(),
  complaints: z.array(ComplaintRecord).optional(),
  claims: z.array(ClaimRecord).optional(),
  transfers: z.array(TransferRecord).optional(),
}).meta({
  id: 'IngestDocument',
  example: {
    actors: [{ id: 'A-1', name: '张伟', phones: ['+8613812345678'], accounts: ['6222020000000001'] }],
    complaints: [
      {
        id: 'C-1',
        filedAt: '2026-01-05T09:30:00+08:00',
        complainantId: 'A-1',
        institution: '中国工商银行',
        category: 'fee_refund',
      },
    ],
  },
});

const NDJSON_EXAMPLE = [
  '{"type":"actor","id":"A-1","phones":["+8613812345678"]}',
  '{"type":"complaint","id":"C-1","filedAt":"2026-01-05T09:30:00+08:00","complainantId":"A-1","institution":"中国工商银行","category":"fee_refund"}',
].join('\n');

const IngestNdjson = z.string().openapi({
  description:
    `One record a line: a JSON object with \`type\` (${RECORD_TYPES.join(', ')}) and the fields of that ` +
    'record type (InstitutionRecord, ActorRecord, ComplaintRecord, ClaimRecord, TransferRecord). Blank lines are skipped.',
  example: NDJSON_EXAMPLE,
});

const IngestQuery = z.object({
  partial: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .openapi({
      param: {
        description:
          'false (default): any invalid record fails the request with 422 and nothing is written. ' +
          'true: the valid records are written and the invalid ones are returned in `rejected`.',
      },
    }),
});

const count = () => z.number().int().min(0);
export const IngestResultSchema = z
  .object({
    received: count(),
    accepted: z.object({
      institutions: count(),
      actors: count(),
      complaints: count(),
      claims: count(),
      transfers: count(),
    }),
    rejected: z
      .array(FieldError)
      .openapi({ description: 'Records left out with ?partial=true; empty otherwise.' }),
    written: z.object({ nodesCreated: count(), relationshipsCreated: count(), propertiesSet: count() }),
  })
  .openapi('IngestResult');

// ---- runs ----

const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const satisfies readonly RunStatus[];

const detectionParamsShape = {
  ...StartRunBody.unwrap().required().shape,
  weights: z.record(z.enum(EVIDENCE_KINDS), z.number().min(0).max(100)),
};
export const DetectionParams = z.object(detectionParamsShape).openapi('DetectionParams', {
  description: 'The parameters a run used: the request, with defaults filled in.',
});

const StartRunRequest = StartRunBody.meta({
  id: 'StartRunRequest',
  description: 'Detection parameters; any left out take their defaults. The body may be omitted.',
});

export const RunAccepted = z
  .object({ runId: z.string(), status: z.literal('queued'), params: DetectionParams })
  .openapi('RunAccepted');

const runSummaryShape = {
  id: z.string().openapi({ example: 'run-20260105093000-a1b2c3' }),
  status: z.enum(RUN_STATUSES),
  stage: z.string().openapi({ description: 'projection, detection or write-back while running.' }),
  progress: z.number().min(0).max(1),
  error: z.string().nullable(),
  startedAt: z.string().openapi({ format: 'date-time' }),
  finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
};
export const RunSummary = z.object(runSummaryShape).openapi('RunSummary');
export const RunList = z.object({ runs: z.array(RunSummary) }).openapi('RunList');

export const Hub = z
  .object({
    identifier: z.string(),
    identifierKind: z.enum(IDENTIFIER_KINDS),
    actorCount: z.number().int(),
    recordCount: z.number().int(),
    reason: z.string(),
  })
  .openapi('Hub', {
    description: 'An identifier tied to too many actors to link them (e.g. a bank hotline).',
  });

export const RunRecord = z
  .object({
    ...runSummaryShape,
    params: z.object({ ...detectionParamsShape, version: z.string(), projection: z.array(z.string()) }),
    stats: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'Counts of a succeeded run.' }),
    stages: z
      .record(z.string(), z.object({ ms: z.number() }))
      .openapi({ description: 'Duration of each stage.' }),
    hubs: z
      .object({
        count: z.number().int(),
        threshold: z.number().int(),
        items: z.array(Hub),
        genericTemplates: z
          .array(
            z.object({
              templateId: z.string(),
              text: z.string(),
              actorCount: z.number().int(),
              filingCount: z.number().int(),
              reason: z.string(),
            }),
          )
          .optional()
          .openapi({
            description: 'Templates too common to link anyone (a bank form), quarantined like hubs.',
          }),
        crowds: z
          .array(
            z.object({
              institution: z.string(),
              from: z.string(),
              to: z.string(),
              actorCount: z.number().int(),
              filingCount: z.number().int(),
              reason: z.string(),
            }),
          )
          .optional()
          .openapi({ description: 'Mass filing about one incident, left out of lockstep.' }),
      })
      .nullable()
      .openapi({
        description: 'Hubs, generic templates and crowds of a succeeded run (at most 1000 of each listed).',
      }),
    exportKeyFingerprint: z
      .string()
      .nullable()
      .openapi({
        description:
          'Fingerprint of the key that signed evidence bundles when the run started (as published at ' +
          'GET /.well-known/ringmap-export-key); null when none was configured.',
      }),
  })
  .openapi('RunRecord');

// ---- rings and actors ----

const MEMBER_ROLES = ['organizer', 'agent', 'member'] as const;

export const MemberEvidence = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    identifierKind: z.enum(EVIDENCE_SUBJECT_KINDS),
    identifier: z.string(),
    via: z.array(z.enum(EVIDENCE_VIAS)),
    withActorIds: z.array(z.string()),
    withCount: z.number().int(),
    ownRecordIds: z.array(z.string()),
    recordIds: z.array(z.string()),
    sources: z.array(z.string()),
    firstAt: z.string().optional(),
    lastAt: z.string().optional(),
    weight: z.number(),
    amount: z.number().optional(),
    similarity: z.number().optional(),
    count: z.number().int().optional(),
    institutions: z.array(z.string()).optional(),
  })
  .openapi('MemberEvidence', { description: 'One reason a member is in its ring.' });

const ringSummaryShape = {
  id: z.string().openapi({ example: 'R-0123456789' }),
  rank: z.number().int(),
  score: z.number().min(0).max(100).openapi({ description: '100 × probability, rounded to 0.1.' }),
  probability: z.number().min(0).max(1).nullable().openapi({
    description:
      'Calibrated probability that the ring is organised (docs/calibration.md); null for rings written before detection v2.',
  }),
  reported: z.boolean().openapi({ description: "Whether the score reaches the run's reportMinScore." }),
  typology: z.enum(TYPOLOGIES),
  typologyReason: z.string(),
  size: z.number().int(),
};
export const RingSummary = z
  .object({
    ...ringSummaryShape,
    status: z.enum(REVIEW_STATUSES).openapi({ description: "The ring's current review status." }),
    organizerId: z.string().nullable(),
  })
  .openapi('RingSummary');
export const RingPage = z
  .object({
    runId: z.string().nullable().openapi({ description: 'The run read; null before any run has succeeded.' }),
    rings: z.array(RingSummary),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page.' }),
  })
  .openapi('RingPage');

const Filing = z
  .object({
    id: z.string(),
    filedBy: z.string(),
    filedAt: z.string(),
    institution: z.string(),
    category: z.string().optional(),
    kind: z.string().optional(),
    channel: z.string().optional(),
    amount: z.number().optional(),
    text: z.string().optional(),
    policyNumber: z.string().optional(),
    source: z.string().optional(),
    contactPhone: z.string().optional(),
    payoutAccount: z.string().optional(),
    representativeId: z.string().optional(),
    namedParties: z
      .array(
        z.object({
          kind: z.string().openapi({ description: '`phone`, `account` or a generic identifier kind.' }),
          identifier: z.string(),
          name: z.string().optional(),
          extracted: z
            .boolean()
            .openapi({ description: 'Found in the text only, not given in `namedParties`.' }),
        }),
      )
      .optional()
      .openapi({ description: 'The parties the filing complains about (被投诉方).' }),
  })
  .openapi('Filing', { description: 'A complaint or claim; empty fields are left out.' });

const TimelineDay = z
  .object({
    date: z.string(),
    filings: z.array(
      z.object({
        id: z.string(),
        type: z.enum(['complaint', 'claim']),
        actorId: z.string(),
        category: z.string(),
        institution: z.string(),
        at: z.string(),
        amount: z.number().optional(),
      }),
    ),
    transfers: z.array(
      z.object({
        id: z.string(),
        fromActor: z.string(),
        toActor: z.string(),
        fromAccount: z.string(),
        toAccount: z.string(),
        amount: z.number(),
        at: z.string(),
      }),
    ),
  })
  .openapi('TimelineDay');

const MoneyFlow = z
  .object({
    kind: z.enum(['transfer', 'payout']),
    from: z.string(),
    to: z.string(),
    fromActorIds: z.array(z.string()),
    toActorIds: z.array(z.string()),
    count: z.number().int(),
    amount: z.number(),
    firstAt: z.string().optional(),
    lastAt: z.string().optional(),
  })
  .openapi('MoneyFlow');

export const RingReport = z
  .object({
    runId: z.string(),
    ...ringSummaryShape,
    scoreBreakdown: z
      .array(
        z.object({
          component: z.enum(SCORE_COMPONENTS),
          value: z.number(),
          normalized: z.number(),
          weight: z.number(),
          points: z.number(),
          explanation: z.string(),
        }),
      )
      .openapi({
        description: 'The evidence components, each explained; the probability model reads them as features.',
      }),
    probabilityTerms: z
      .array(
        z.object({
          feature: z.enum([...RING_FEATURES, 'counter_evidence']),
          part: z.enum(['structure', 'domain', 'counter']),
          value: z.number(),
          logOdds: z.number(),
        }),
      )
      .openapi({
        description:
          'What raised and lowered the probability, in log-odds against a typical candidate, strongest first.',
      }),
    counterEvidence: z.array(z.object({ pattern: z.enum(LEGITIMATE_PATTERNS), reason: z.string() })).openapi({
      description: 'Why this is probably not a ring: recognised legitimate structures that explain the ties.',
    }),
    victims: z
      .array(
        z.object({
          actorId: z.string(),
          namedMemberIds: z.array(z.string()),
          identifiers: z.array(z.string()),
          recordIds: z.array(z.string()),
          sources: z.array(z.string()),
          firstAt: z.string().optional(),
          lastAt: z.string().optional(),
          reason: z.string(),
        }),
      )
      .openapi({
        description:
          "Filers who named members' identifiers as the party they complain about (被投诉方): victims, never members.",
      }),
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        kind: z.enum(ACTOR_KINDS),
        role: z.enum(MEMBER_ROLES),
        strength: z.number(),
        summary: z.string(),
        sources: z.array(z.string()),
        evidence: z.array(MemberEvidence),
      }),
    ),
    sharedIdentifiers: z.array(
      z.object({
        identifier: z.string(),
        kind: z.enum(IDENTIFIER_KINDS),
        memberIds: z.array(z.string()),
        actorCount: z.number().int(),
      }),
    ),
    complaints: z.array(Filing),
    claims: z.array(Filing),
    timeline: z.array(TimelineDay),
    moneyFlows: z.array(MoneyFlow),
    templates: z
      .array(
        z.object({
          templateId: z.string(),
          text: z.string().openapi({ description: 'Representative text, names and numbers masked.' }),
          memberIds: z.array(z.string()),
          memberCount: z.number().int(),
          filingIds: z.array(z.string()),
          actorCount: z.number().int(),
          meanSimilarity: z.number(),
        }),
      )
      .openapi({ description: 'Complaint templates (near-identical texts) the members used.' }),
    bursts: z
      .array(
        z.object({
          institution: z.string(),
          from: z.string(),
          to: z.string(),
          memberIds: z.array(z.string()),
          filingIds: z.array(z.string()),
        }),
      )
      .openapi({
        description: 'Sessions of three or more members filing against one institution in lockstep.',
      }),
    collections: z
      .array(
        z.object({
          account: z.string(),
          holderIds: z.array(z.string()),
          payerIds: z.array(z.string()),
          count: z.number().int(),
          amount: z.number(),
          firstAt: z.string().optional(),
          lastAt: z.string().optional(),
        }),
      )
      .openapi({ description: 'Accounts two or more members paid into, amounts summed.' }),
    neo4jBrowser: z
      .object({
        query: z.string(),
        params: z.object({ runId: z.string(), ringId: z.string() }),
        paramsCommand: z.string().openapi({ example: ':params {"runId":"run-1","ringId":"R-0123456789"}' }),
      })
      .openapi({
        description:
          "The ring's subgraph for Neo4j Browser or Bloom: run `paramsCommand`, then `query` (parameterised).",
      }),
  })
  .openapi('RingReport');

export const ActorReport = z
  .object({
    id: z.string(),
    kind: z.enum(ACTOR_KINDS),
    name: z.string().nullable(),
    source: z.string().nullable(),
    sources: z.array(z.string()).nullable(),
    firstLoadedAt: z.string().nullable().openapi({
      description: 'When ringmap first loaded a record about this actor (not when anything happened).',
    }),
    lastLoadedAt: z.string().nullable().openapi({ description: 'When ringmap last loaded one.' }),
    hasIdNumber: z.boolean(),
    phones: z.array(
      z.object({ number: z.string(), source: z.string().nullable(), firstLoadedAt: z.string().nullable() }),
    ),
    accounts: z.array(
      z.object({
        id: z.string(),
        kind: z.string().nullable(),
        institution: z.string().nullable(),
        source: z.string().nullable(),
      }),
    ),
    devices: z.array(z.object({ id: z.string(), source: z.string().nullable() })),
    identifiers: z
      .array(
        z.object({
          kind: z.string(),
          value: z.string(),
          source: z.string().nullable(),
          sources: z.array(z.string()).nullable(),
          firstSeen: z.string().nullable(),
          observedAt: z.string().nullable(),
        }),
      )
      .openapi({ description: 'Generic identifiers, by kind and value: the first 1,000.' }),
    identifierCount: z.number().int(),
    filingIds: z.array(z.string()),
    ring: z
      .object({
        runId: z.string(),
        ...ringSummaryShape,
        role: z.enum(MEMBER_ROLES),
        strength: z.number(),
        summary: z.string(),
        evidence: z.array(MemberEvidence),
      })
      .nullable()
      .openapi({
        description: 'Its ring in the latest succeeded run, with the evidence that puts it there.',
      }),
  })
  .openapi('ActorReport');

// NOTE: compile-time guard that the documented ingest result still accepts what the service returns.
const _ingestResultDocumented = {} as IngestResult satisfies z.infer<typeof IngestResultSchema>;

// ---- the document ----

const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string, schema: z.ZodType = Problem): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema } },
});

const BEARER = 'bearerAuth';

/** A /v1 operation: bearer security, the roles it needs named in its description, and the errors every one shares. */
function v1(route: RouteConfig, roles: readonly Role[]): RouteConfig {
  const needs = [...roles, 'admin'].map((r) => `\`${r}\``).join(' or ');
  return {
    ...route,
    path: `/v1${route.path}`,
    description: `${route.description ?? ''}\n\nRequires role ${needs}.`.trim(),
    security: [{ [BEARER]: [] }],
    responses: {
      ...route.responses,
      401: problem('No valid API key (Authorization: Bearer <key>).'),
      403: problem(`The key's role may not do this; needs ${needs}.`),
      429: problem(
        'Too many requests for this key (RINGMAP_RATE_LIMIT_PER_MIN); retry after Retry-After seconds.',
      ),
      503: problem('Neo4j is unavailable or the query timed out; retry after Retry-After seconds.'),
    },
  };
}

function registerRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['health'],
    summary: 'Liveness',
    description: 'The process answers.',
    responses: { 200: json('Alive.', Health) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    summary: 'Readiness',
    description: 'Neo4j answers.',
    responses: {
      200: json('Ready.', Readiness),
      503: json('Neo4j is not reachable; retry after Retry-After seconds.', NotReady),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags: ['meta'],
    summary: 'This OpenAPI document',
    responses: { 200: json('The OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
  });

  registry.registerPath(
    v1(
      {
        method: 'post',
        path: '/ingest',
        tags: ['ingest'],
        summary: 'Ingest records',
        description:
          'One JSON document with any of the five arrays, or NDJSON with one typed record a line. All-or-nothing ' +
          'unless `partial=true`. Re-sending the same records changes nothing.',
        request: {
          query: IngestQuery,
          body: {
            required: true,
            content: {
              'application/json': { schema: IngestDocument },
              'application/x-ndjson': { schema: IngestNdjson },
              'application/ndjson': { schema: IngestNdjson },
            },
          },
        },
        responses: {
          200: json('The records were written (with `partial=true`, the valid ones).', IngestResultSchema),
          400: problem('The body is not valid JSON, holds no records, or `partial` is not a boolean.'),
          413: problem('The body exceeds RINGMAP_INGEST_MAX_BYTES.'),
          415: problem('The content type is neither application/json nor application/x-ndjson.'),
          422: problem(
            'Some records are invalid; every error is listed and nothing was written.',
            InvalidRecordsProblem,
          ),
        },
      },
      ['ingest'],
    ),
  );

  registry.registerPath(
    v1(
      {
        method: 'post',
        path: '/runs',
        tags: ['runs'],
        summary: 'Start a detection run',
        description: 'Starts ring detection in the background; one run at a time.',
        request: { body: { required: false, content: { 'application/json': { schema: StartRunRequest } } } },
        responses: {
          202: {
            ...json('The run is queued; poll GET /v1/runs/{id}.', RunAccepted),
            headers: { Location: { description: 'The run: /v1/runs/{id}.', schema: { type: 'string' } } },
          },
          400: problem('Invalid parameters.', BadRequestProblem),
          409: problem('Another run is in progress.', RunConflictProblem),
          413: problem('The body exceeds 16 kB.'),
        },
      },
      ['analyst'],
    ),
  );
  registry.registerPath(
    v1(
      {
        method: 'get',
        path: '/runs',
        tags: ['runs'],
        summary: 'List runs',
        description: 'Runs, newest first.',
        request: { query: ListRunsQuery },
        responses: {
          200: json('The runs.', RunList),
          400: problem('Invalid query parameters.', BadRequestProblem),
        },
      },
      ['analyst'],
    ),
  );
  registry.registerPath(
    v1(
      {
        method: 'get',
        path: '/runs/{id}',
        tags: ['runs'],
        summary: 'Get a run',
        description: 'A run with its status, progress, parameters, stats and stage timings.',
        request: { params: RunIdParam },
        responses: {
          200: json('The run.', RunRecord),
          400: problem('Not a run id.', BadRequestProblem),
          404: problem('No such run.'),
        },
      },
      ['analyst'],
    ),
  );

  // NOTE: zod-to-openapi decides nullability with safeParse(null), which z.coerce.number() passes (as 0), so the
  // schema of minScore is given here; a schema given this way is taken as is, hence the bounds.
  const minScore = ListRingsQuery.shape.minScore.unwrap();
  const ringsQuery = ListRingsQuery.extend({
    minScore: ListRingsQuery.shape.minScore.meta({
      type: 'number',
      minimum: minScore.minValue ?? undefined,
      maximum: minScore.maxValue ?? undefined,
      param: { description: "Lowest score listed; defaults to the run's reportMinScore." },
    }),
    cursor: ListRingsQuery.shape.cursor.meta({
      param: { description: 'The `nextCursor` of the previous page.' },
    }),
  });
  registry.registerPath(
    v1(
      {
        method: 'get',
        path: '/rings',
        tags: ['rings'],
        summary: 'List rings',
        description:
          'Ranked ring summaries from the latest succeeded run (a cursor keeps paging the run it began on).',
        request: { query: ringsQuery },
        responses: {
          200: json('One page of rings, best first.', RingPage),
          400: problem('Invalid query parameters or cursor.', BadRequestProblem),
        },
      },
      ['analyst', 'prosecutor'],
    ),
  );
  registry.registerPath(
    v1(
      {
        method: 'get',
        path: '/rings/{id}',
        tags: ['rings'],
        summary: 'Get a ring report',
        description:
          'The full report of a ring in the latest succeeded run: members with roles and evidence, shared ' +
          'identifiers, complaints and claims, score breakdown, timeline and money flows.',
        request: { params: RingIdParam },
        responses: {
          200: json('The ring report.', RingReport),
          400: problem('Not a ring id.', BadRequestProblem),
          404: problem('No such ring in the latest succeeded run.'),
        },
      },
      ['analyst', 'prosecutor'],
    ),
  );
  registry.registerPath(
    v1(
      {
        method: 'get',
        path: '/actors/{id}',
        tags: ['rings'],
        summary: 'Get an actor',
        description: 'The actor, its identifiers and filings, and its ring in the latest succeeded run.',
        request: { params: ActorIdParam },
        responses: {
          200: json('The actor.', ActorReport),
          400: problem('Not an actor id.', BadRequestProblem),
          404: problem('No such actor.'),
        },
      },
      ['analyst', 'prosecutor'],
    ),
  );
  registerExportRoutes(registry, { v1, json, problem, badRequest: BadRequestProblem });
  registerWorkflowRoutes(registry, { v1, json, problem, badRequest: BadRequestProblem });
  registerSecurityRoutes(registry, { v1, json, problem, badRequest: BadRequestProblem });
}

/** The OpenAPI 3.1 document of every route the app serves. */
export function buildOpenApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key from RINGMAP_API_KEYS. Each key has one role: ingest, analyst, prosecutor or admin (admin may do everything).',
  });
  registerRoutes(registry);
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ringmap',
      version,
      description:
        'Maps the organised fraud rings of the financial black and gray industry from complaint, claim and account ' +
        'data. Errors are RFC 9457 problem+json.',
    },
    tags: [
      { name: 'health', description: 'Liveness and readiness.' },
      { name: 'ingest', description: 'Records from reporting parties.' },
      { name: 'runs', description: 'Ring detection runs.' },
      { name: 'rings', description: 'Ring and actor reports.' },
      { name: 'exports', description: 'Signed evidence bundles for prosecutors.' },
      { name: 'triage', description: 'Real-time triage of incoming complaints and claims.' },
      { name: 'review', description: 'Clue review: ring statuses, notes and the allow-list.' },
      { name: 'security', description: 'API keys, the audit trail, metrics (admin).' },
      { name: 'meta', description: 'This document.' },
    ],
  });
  portablePatterns(doc);
  return doc;
}

/**
 * Unicode property escapes the document spells out as ranges (JSON Schema and OpenAPI patterns are ECMA-262 without
 * the `u` flag, where `\p{…}` is not a property, and validators and code generators refuse it). Cc is exactly
 * U+0000–U+001F and U+007F–U+009F, so the server (which keeps `\p{Cc}` with the `u` flag) and the document agree.
 */
const PROPERTY_RANGES: Readonly<Record<string, string>> = {
  '\\p{Cc}': '\\u0000-\\u001F\\u007F-\\u009F',
};

/**
 * NOTE: zod-to-openapi 9.1 writes a regex with flags as `^…$/u`, which no string matches: the flags are dropped, and
 * property escapes inside a character class are written out as ranges. A property escape this cannot translate
 * stops the build, so the document never carries a pattern other tools cannot read.
 */
export function portablePattern(pattern: string): string {
  let out = pattern.replace(/\$\/[dgimsuvy]+$/, '$');
  for (const [escape, ranges] of Object.entries(PROPERTY_RANGES)) out = out.split(escape).join(ranges);
  if (/\\[pP]\{/.test(out))
    throw Errors.internal(`openapi: pattern ${pattern} has a Unicode property escape with no ECMA-262 form`);
  return out;
}

function portablePatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) portablePatterns(item);
  } else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'pattern' && typeof value === 'string') obj[key] = portablePattern(value);
      else portablePatterns(value);
    }
  }
}

/** GET /openapi.json, public: the document is built once. */
export function openApiRoutes(version: string): Router {
  const doc = buildOpenApiDocument(version);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  return router;
}
