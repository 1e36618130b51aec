// Records every /v1 request in the audit trail when it ends (whatever its status), and refuses /v1 requests
// while the trail cannot be written.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../http/auth.middleware.js';
import type { AuditHooks } from '../http/app.js';
import { Errors } from '../shared/errors.js';
import { routeParamsOf } from '../http/route-pattern.js';
import type { AuditLog } from './audit.log.js';

const MAX_IDS = 1000;
const cut = (s: string) => (s.length > 128 ? s.slice(0, 128) : s);

interface Touched {
  ringIds: Set<string>;
  actorIds: Set<string>;
}

function touchedOf(res: Response): Touched {
  let t = res.locals.auditTouched as Touched | undefined;
  if (!t) {
    t = { ringIds: new Set(), actorIds: new Set() };
    res.locals.auditTouched = t;
  }
  return t;
}

/** Routes name the rings and actors whose data they answered with (path parameters are recorded anyway). */
export function auditTouched(
  res: Response,
  ids: { ringIds?: Iterable<unknown>; actorIds?: Iterable<unknown> },
): void {
  const t = touchedOf(res);
  for (const id of ids.ringIds ?? [])
    if (typeof id === 'string' && t.ringIds.size < MAX_IDS) t.ringIds.add(cut(id));
  for (const id of ids.actorIds ?? [])
    if (typeof id === 'string' && t.actorIds.size < MAX_IDS) t.actorIds.add(cut(id));
}

/** Every /v1 request: recorded on `finish` (answer sent) or `close` (client gone), once, 4xx and 5xx included. */
export function auditTrail(
  audit: AuditLog,
  routeOf: (req: Request, res: Response) => string,
): RequestHandler {
  return (req, res, next) => {
    if (!/^\/v1(\/|$|\?)/.test(req.originalUrl)) return next();
    const started = process.hrtime.bigint();
    let done = false;
    const record = (outcome: 'completed' | 'aborted') => {
      if (done) return;
      done = true;
      const route = routeOf(req, res);
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(routeParamsOf(req, res, route))) {
        if (typeof v === 'string') params[k] = cut(v);
      }
      // NOTE: path parameters of ring and actor routes count as touched even when the request failed (a probe
      // for an actor id is worth knowing about).
      if (typeof params.id === 'string') {
        if (/^\/v1\/rings\/:id/.test(route)) auditTouched(res, { ringIds: [params.id] });
        if (/^\/v1\/actors\/:id/.test(route)) auditTouched(res, { actorIds: [params.id] });
      }
      const t = touchedOf(res);
      const p = res.locals.principal as Principal | undefined;
      audit.record({
        id: randomUUID(),
        at: new Date().toISOString(),
        key: p?.name ?? null,
        role: p?.role ?? null,
        method: req.method,
        route,
        params: JSON.stringify(params),
        ringIds: [...t.ringIds],
        actorIds: [...t.actorIds],
        status: res.statusCode,
        requestId: String(res.locals.requestId ?? ''),
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        outcome,
      });
    };
    res.on('finish', () => record('completed'));
    res.on('close', () => record(res.writableFinished ? 'completed' : 'aborted'));
    next();
  };
}

/** Fail closed: nothing under /v1 is served while the trail cannot be written (see AuditLog). */
export function auditGate(audit: AuditLog): RequestHandler {
  return (_req, _res, next) => {
    if (!audit.healthy) return next(Errors.auditUnavailable());
    next();
  };
}

/** The audit trail as the app's middleware (see AuditHooks in src/http/app.ts). */
export function auditHooks(audit: AuditLog): AuditHooks {
  return {
    trail: (routeOf) => auditTrail(audit, routeOf),
    gate: auditGate(audit),
    health: () =>
      audit.healthy
        ? { ok: true }
        : { ok: false, reason: `the audit trail cannot be written (since ${audit.failingSinceIso})` },
  };
}
