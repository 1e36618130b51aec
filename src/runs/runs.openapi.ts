// The runs routes' part of the OpenAPI document: run parameters, records and the routes that start and read them.
import { z } from 'zod';
import { EVIDENCE_KINDS, IDENTIFIER_KINDS } from '../analytics/evidence.types.js';
import { BadRequestProblem, problemShape, type ApiPart } from '../http/openapi-kit.js';
import { ListRunsQuery, RUN_STATUSES, RunIdParam, StartRunBody } from './runs.schema.js';

export const RunConflictProblem = z
  .object({ ...problemShape, runId: z.string().openapi({ description: 'The run in progress.' }) })
  .openapi('RunConflictProblem');

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

export const runsApi: ApiPart = (registry, { v1, json, problem }) => {
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
};
