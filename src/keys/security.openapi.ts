// The security routes' part of the OpenAPI document: key administration, the audit trail, metrics.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AuditPage, AuditQuerySchema } from '../audit/audit.schema.js';
import type { Role } from '../config.js';
import type { OpenApiHelpers } from '../http/openapi-kit.js';
import { ApiKeyInfo, CreateKeyBody, KeyList, KeyNameParam, NewApiKey, WhoAmI } from './keys.schema.js';

const ADMIN: readonly Role[] = [];

export function registerSecurityRoutes(registry: OpenAPIRegistry, h: OpenApiHelpers): void {
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    tags: ['security'],
    summary: 'Prometheus metrics',
    description:
      'Request latency by route pattern and status, ingest records accepted and rejected, run stage durations, ' +
      'rings of the latest run, audit write failures, process metrics. Requires an `admin` key.',
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'Prometheus text format.', content: { 'text/plain': { schema: z.string() } } },
      401: h.problem('No valid API key.'),
      403: h.problem('Not an admin key.'),
      429: h.problem('Too many failed authentications from this address; retry after Retry-After seconds.'),
    },
  });
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/audit',
        tags: ['security'],
        summary: 'The audit trail',
        description:
          'Who read personal data or changed state: every /v1 request, newest first (append-only; nothing deletes it).',
        request: { query: AuditQuerySchema },
        responses: {
          200: h.json('Entries, newest first.', AuditPage),
          400: h.problem('Invalid query parameters.', h.badRequest),
        },
      },
      ADMIN,
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/me',
        tags: ['security'],
        summary: 'Who the presented key is',
        description: "The key's name and role (what the console shows after sign-in); never the key itself.",
        responses: {
          200: h.json('The key holder.', WhoAmI),
        },
      },
      ['ingest', 'analyst', 'prosecutor'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/keys',
        tags: ['security'],
        summary: 'List API keys',
        description: 'Names, roles, origin and dates of every key, revoked ones included.',
        responses: { 200: h.json('The keys.', KeyList) },
      },
      ADMIN,
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'post',
        path: '/keys',
        tags: ['security'],
        summary: 'Create an API key',
        description: 'A new named key, in force at once; the key is in the answer only.',
        request: { body: { required: true, content: { 'application/json': { schema: CreateKeyBody } } } },
        responses: {
          201: h.json('The new key.', NewApiKey),
          400: h.problem('Invalid body.', h.badRequest),
          409: h.problem('The name is taken (revoked names stay taken).'),
          413: h.problem('The body exceeds 4 kB.'),
        },
      },
      ADMIN,
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'post',
        path: '/keys/{name}/rotate',
        tags: ['security'],
        summary: 'Rotate an API key',
        description: 'A new secret for the key; the old one is refused at once.',
        request: { params: KeyNameParam },
        responses: {
          200: h.json('The key with its new secret.', NewApiKey),
          404: h.problem('No such key.'),
          409: h.problem('The key is revoked.'),
        },
      },
      ADMIN,
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'delete',
        path: '/keys/{name}',
        tags: ['security'],
        summary: 'Revoke an API key',
        description:
          'Refused at once by this instance and within RINGMAP_KEY_CACHE_TTL_MS by the others; a revoked key from ' +
          'RINGMAP_API_KEYS stays refused after a restart.',
        request: { params: KeyNameParam },
        responses: {
          200: h.json('The revoked key.', ApiKeyInfo),
          404: h.problem('No such key.'),
          409: h.problem('The last admin key in force cannot be revoked.'),
        },
      },
      ADMIN,
    ),
  );
}
