// POST /v1/ingest: a JSON document or NDJSON, all-or-nothing unless ?partial=true.
import express, { Router } from 'express';
import { requireRole, principalOf } from '../http/auth.middleware.js';
import { Errors, isDomainError, type FieldError } from '../shared/errors.js';
import type { Metrics } from '../http/metrics.js';
import { utf8Only } from '../http/utf8-body.js';
import { checkIdText } from './id-text.js';
import type { IngestService } from './ingest.service.js';
import { IngestQuery } from './ingest.schema.js';
import { recordsFromDocument, recordsFromNdjson } from './ingest.validator.js';
import { parseOr400 } from '../http/validate.js';

export function ingestRoutes(deps: { ingest: IngestService; maxBytes: number; metrics?: Metrics }): Router {
  const router = Router();
  router.post(
    '/ingest',
    requireRole('ingest'),
    express.json({ limit: deps.maxBytes, type: ['application/json'], verify: utf8Only }),
    express.text({
      limit: deps.maxBytes,
      type: ['application/x-ndjson', 'application/ndjson'],
      verify: utf8Only,
    }),
    async (req, res) => {
      const { partial } = parseOr400(IngestQuery, req.query, 'query');
      const type = req.get('content-type');
      let parsed;
      if (req.is('application/json')) parsed = recordsFromDocument(req.body);
      else if (req.is(['application/x-ndjson', 'application/ndjson']))
        parsed = recordsFromNdjson(String(req.body ?? ''));
      else throw Errors.unsupportedMediaType(type);
      const checked = checkIdText(parsed.records);
      parsed = { records: checked.records, errors: [...parsed.errors, ...checked.errors] };
      const principal = principalOf(res.locals);
      let result;
      try {
        result = await deps.ingest.ingest(
          parsed.records,
          { partial, defaultSource: principal.name },
          parsed.errors,
        );
      } catch (e) {
        if (isDomainError(e, 'invalid_records'))
          deps.metrics?.rejected((e.details.errors as FieldError[] | undefined) ?? []);
        throw e;
      }
      deps.metrics?.ingested(result);
      res.status(200).json(result);
    },
  );
  return router;
}
