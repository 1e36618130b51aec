// Key administration for admins: GET/POST /v1/keys, POST /v1/keys/:name/rotate, DELETE /v1/keys/:name (revoke).
import express, { Router } from 'express';
import { requireRole } from '../http/auth.middleware.js';
import { parseOr400 } from '../http/validate.js';
import type { ApiKeyStore } from './api-key.store.js';
import { CreateKeyBody, KeyNameParam, type ApiKeyInfo, type KeyList, type NewApiKey } from './keys.schema.js';
import { utf8Only } from '../http/utf8-body.js';

export function keysRoutes(deps: { keys: ApiKeyStore }): Router {
  const router = Router();
  router.get('/keys', requireRole('admin'), async (_req, res) => {
    res.json({ keys: await deps.keys.list() } satisfies KeyList);
  });
  // NOTE: the new key is in this answer only; it is stored as a hash and cannot be shown again.
  router.post(
    '/keys',
    requireRole('admin'),
    express.json({ limit: '4kb', verify: utf8Only }),
    async (req, res) => {
      const body = parseOr400(CreateKeyBody, req.body ?? {}, 'body');
      const { key, info } = await deps.keys.create(body);
      res
        .status(201)
        .location(`/v1/keys/${info.name}`)
        .json({ ...info, key } satisfies NewApiKey);
    },
  );
  router.post('/keys/:name/rotate', requireRole('admin'), async (req, res) => {
    const { name } = parseOr400(KeyNameParam, req.params, 'path');
    const { key, info } = await deps.keys.rotate(name);
    res.json({ ...info, key } satisfies NewApiKey);
  });
  router.delete('/keys/:name', requireRole('admin'), async (req, res) => {
    const { name } = parseOr400(KeyNameParam, req.params, 'path');
    res.json((await deps.keys.revoke(name)) satisfies ApiKeyInfo);
  });
  return router;
}
