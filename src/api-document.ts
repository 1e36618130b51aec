// The OpenAPI document of the whole service: every feature's part, in the order a reader meets them.
import { generateDocument, healthApi, type ApiPart } from './http/openapi-kit.js';
import { ingestApi } from './ingest/ingest.openapi.js';
import { runsApi } from './runs/runs.openapi.js';
import { ringsApi } from './rings/rings.openapi.js';
import { registerExportRoutes } from './export/export.openapi.js';
import { registerWorkflowRoutes } from './reviews/workflow.openapi.js';
import { registerSecurityRoutes } from './keys/security.openapi.js';

const PARTS: readonly ApiPart[] = [
  healthApi,
  ingestApi,
  runsApi,
  ringsApi,
  registerExportRoutes,
  registerWorkflowRoutes,
  registerSecurityRoutes,
];

const TAGS = [
  { name: 'health', description: 'Liveness and readiness.' },
  { name: 'ingest', description: 'Records from reporting parties.' },
  { name: 'runs', description: 'Ring detection runs.' },
  { name: 'rings', description: 'Ring and actor reports.' },
  { name: 'exports', description: 'Signed evidence bundles for prosecutors.' },
  { name: 'triage', description: 'Real-time triage of incoming complaints and claims.' },
  { name: 'review', description: 'Clue review: ring statuses, notes and the allow-list.' },
  { name: 'security', description: 'API keys, the audit trail, metrics (admin).' },
  { name: 'meta', description: 'This document.' },
];

/** The OpenAPI 3.1 document of every route the app serves. */
export function buildOpenApiDocument(version: string) {
  const description =
    'Maps the organised fraud rings of the financial black and gray industry from complaint, claim and account ' +
    'data. Errors are RFC 9457 problem+json.';
  return generateDocument({ title: 'ringmap', version, description }, TAGS, PARTS);
}
