// The ring and actor report routes' part of the OpenAPI document: the routes serving the report shapes of
// rings.responses.ts.
import { BadRequestProblem, type ApiPart } from '../http/openapi-kit.js';
import { ActorReport, RingPage, RingReport } from './rings.responses.js';
import { ActorIdParam, ListRingsQuery, RingIdParam } from './rings.schema.js';

export { ActorReport, MemberEvidence, RingPage, RingReport, RingSummary } from './rings.responses.js';

export const ringsApi: ApiPart = (registry, { v1, json, problem }) => {
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
    minProbability: ListRingsQuery.shape.minProbability.meta({
      type: 'number',
      minimum: 0,
      maximum: 1,
      param: {
        description:
          'Lowest calibrated probability that the ring is organised (0–1); rings without one are left out.',
      },
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
};
