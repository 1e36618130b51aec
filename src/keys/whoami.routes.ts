// GET /v1/me: the name and role of the presented key, so a client (the console) can show who is signed in.
import { Router } from 'express';
import { principalOf } from '../http/auth.middleware.js';
import type { WhoAmI } from './keys.schema.js';

export function whoamiRoutes(): Router {
  const router = Router();
  router.get('/me', (_req, res) => {
    const p = principalOf(res.locals);
    res.json({ name: p.name, role: p.role } satisfies WhoAmI);
  });
  return router;
}
