// The export routes' part of the OpenAPI document (listed in src/api-document.ts).
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Role } from '../config.js';
import type { OpenApiHelpers } from '../http/openapi-kit.js';
import { RingIdParam } from '../rings/rings.schema.js';
import { ExportKey, ExportList, MAX_EXPORTS_LISTED } from './export.schema.js';
import { EXPORT_FORMATS } from './export.types.js';

const ALL_ROLES: readonly Role[] = ['ingest', 'analyst', 'prosecutor'];

// NOTE: the list's query is documented here rather than reused from export.schema.ts: its limit is a transform
// (capped), which a generator cannot describe.
export function registerExportRoutes(registry: OpenAPIRegistry, h: OpenApiHelpers): void {
  const binary = z.string().meta({ format: 'binary' });
  const filed = (description: string): ResponseConfig => ({
    description,
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="ringmap-<ring>-<time>…"',
        schema: { type: 'string' },
      },
      'X-Export-Id': { description: 'The recorded export (GET /v1/exports).', schema: { type: 'string' } },
      'X-Content-SHA256': {
        description: 'SHA-256 (hex) of the body, as recorded.',
        schema: { type: 'string' },
      },
    },
    content: Object.fromEntries(
      [
        'application/zip',
        'application/graphml+xml',
        'application/gexf+xml',
        'text/csv',
        'application/xml',
        'text/html',
      ]
        .map((t): [string, object] => [t, { schema: binary }])
        // ring.json is the ring report itself, byte for byte as GET /v1/rings/{id}
        .concat([['application/json', { schema: { $ref: '#/components/schemas/RingReport' } }]]),
    ),
  });

  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/rings/{id}/export',
        tags: ['exports'],
        summary: 'Export a ring as evidence',
        description:
          'The ring of the latest succeeded run as evidence. `bundle` (default) is a ZIP of graph.graphml, ' +
          "graph.gexf, nodes.csv, edges.csv (UTF-8 with BOM), chart.anx (i2 Analyst's Notebook), ring.json " +
          '(GET /v1/rings/{id}), report.html (self-contained, opens offline) and manifest.json with the SHA-256 of ' +
          'every file, signed with Ed25519 in manifest.sig (check with `npm run verify` and GET /v1/export-key). ' +
          'Other formats return that one file; `csv` returns `table` (nodes by default). Every export is recorded.',
        request: {
          params: RingIdParam,
          query: z.object({
            format: z.enum(EXPORT_FORMATS).optional().meta({ description: 'Default `bundle`.' }),
            table: z
              .enum(['nodes', 'edges'])
              .optional()
              .meta({ description: 'With `format=csv`; default nodes.' }),
          }),
        },
        responses: {
          200: filed('The bundle or file, as an attachment.'),
          400: h.problem('Not a ring id, or an unknown format or parameter.', h.badRequest),
          404: h.problem('No such ring in the latest succeeded run.'),
        },
      },
      ['prosecutor'],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/exports',
        tags: ['exports'],
        summary: 'List exports',
        description:
          'Every recorded export, newest first: who exported which ring, when, and the hash of what was sent.',
        request: {
          query: z.object({
            limit: z
              .number()
              .int()
              .min(1)
              .optional()
              .meta({ description: `Default 50; larger values are capped at ${MAX_EXPORTS_LISTED}.` }),
          }),
        },
        responses: {
          200: h.json('The exports.', ExportList),
          400: h.problem('Invalid query parameters.', h.badRequest),
        },
      },
      // v1() adds admin to every route; the audit list is for admins only
      [],
    ),
  );
  registry.registerPath(
    h.v1(
      {
        method: 'get',
        path: '/export-key',
        tags: ['exports'],
        summary: 'The bundle signing key',
        description:
          'The Ed25519 public key that verifies manifest.sig in evidence bundles. Any key holder may fetch it: ' +
          'a public key is no secret.',
        responses: {
          200: h.json('The public key.', ExportKey),
          503: h.problem('No signing key is configured (RINGMAP_EXPORT_SIGNING_KEY).'),
        },
      },
      ALL_ROLES,
    ),
  );
  registry.registerPath({
    method: 'get',
    path: '/.well-known/ringmap-export-key',
    tags: ['exports'],
    summary: 'The bundle signing key, for anyone',
    description:
      'The same key as GET /v1/export-key without an API key, so a court, the defence or any outsider can check ' +
      "a bundle against the exporting service's own key (VERIFY.txt in every bundle says how, with openssl alone).",
    responses: {
      200: h.json('The public key.', ExportKey),
      503: h.problem('No signing key is configured (RINGMAP_EXPORT_SIGNING_KEY).'),
    },
  });
}
