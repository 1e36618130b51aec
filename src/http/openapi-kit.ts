// The OpenAPI floor: the shared problem+json and health schemas, the helpers every feature's `*.openapi.ts` uses to
// register its routes, and the generator that turns those parts into one document (served at GET /openapi.json).
// NOTE: features register their own paths (src/<feature>/<feature>.openapi.ts); src/api-document.ts lists them.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import { ROLES, type Role } from '../config.js';
import { Errors } from '../shared/errors.js';

extendZodWithOpenApi(z);

// ---- errors (RFC 9457 problem+json, see problem.middleware.ts) ----

export const problemShape = {
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

// ---- helpers ----

export const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});
export const problem = (description: string, schema: z.ZodType = Problem): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema } },
});

export const BEARER = 'bearerAuth';

/** A /v1 operation: bearer security, the roles it needs named in its description, and the errors every one shares. */
export function v1(route: RouteConfig, roles: readonly Role[]): RouteConfig {
  const needs = [...roles, 'admin'].map((r) => `\`${r}\``).join(' or ');
  return {
    ...route,
    path: `/v1${route.path}`,
    description: `${route.description ?? ''}\n\nRequires role ${needs}.`.trim(),
    security: [{ [BEARER]: [] }],
    responses: {
      // NOTE: a route that takes path or query parameters refuses ones of the wrong shape (and, with a query
      // schema, query parameters it does not know); a route that takes none reads no parameter and never says 400
      ...(route.request?.params || route.request?.query
        ? { 400: problem('A path or query parameter is not valid, or one is unknown.', BadRequestProblem) }
        : {}),
      ...route.responses,
      401: problem('No valid API key (Authorization: Bearer <key>).'),
      // NOTE: a route every role may use never answers 403: the document does not promise one
      ...(ROLES.every((r) => r === 'admin' || roles.includes(r))
        ? {}
        : { 403: problem(`The key's role may not do this; needs ${needs}.`) }),
      429: problem(
        'Too many requests for this key (RINGMAP_RATE_LIMIT_PER_MIN); retry after Retry-After seconds.',
      ),
      503: problem('Neo4j is unavailable or the query timed out; retry after Retry-After seconds.'),
    },
  };
}

export interface OpenApiHelpers {
  v1(route: RouteConfig, roles: readonly Role[]): RouteConfig;
  json(description: string, schema: z.ZodType): ResponseConfig;
  problem(description: string, schema?: z.ZodType): ResponseConfig;
  badRequest: z.ZodType;
}

export const helpers: OpenApiHelpers = { v1, json, problem, badRequest: BadRequestProblem };

/** One feature's part of the document: it registers its paths (and the schemas they name). */
export type ApiPart = (registry: OpenAPIRegistry, h: OpenApiHelpers) => void;

/** Liveness, readiness and this document. */
export const healthApi: ApiPart = (registry) => {
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
    description: "Neo4j's database answers a query, and the audit trail can be written.",
    responses: {
      200: json('Ready.', Readiness),
      503: json(
        'Neo4j or its database does not answer, or the audit trail cannot be written; retry after Retry-After seconds.',
        NotReady,
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags: ['meta'],
    summary: 'This OpenAPI document',
    responses: { 200: json('The OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
  });
};

/** The OpenAPI 3.1 document of the given parts, with their tags. */
export function generateDocument(
  info: { title: string; version: string; description: string },
  tags: { name: string; description: string }[],
  parts: readonly ApiPart[],
) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key from RINGMAP_API_KEYS. Each key has one role: ingest, analyst, prosecutor or admin (admin may do everything).',
  });
  for (const part of parts) part(registry, helpers);
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
    tags,
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
    // generic object: walks the whole generated document
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'pattern' && typeof value === 'string') obj[key] = portablePattern(value);
      else portablePatterns(value);
    }
  }
}

/** GET /openapi.json, public: the document is built once, by whoever knows the features. */
export function openApiRoutes(doc: object): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  return router;
}
