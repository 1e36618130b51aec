// Bearer-key authentication and role checks; keys are compared as SHA-256 digests in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiKey, Role } from '../config.js';
import { Errors } from './app-error.js';

export interface Principal {
  name: string;
  role: Role;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class KeyRing {
  private readonly entries: { hash: Buffer; principal: Principal }[];

  constructor(keys: readonly ApiKey[]) {
    this.entries = keys.map((k) => ({ hash: digest(k.key), principal: { name: k.name, role: k.role } }));
  }

  /** Every entry is compared, so the time taken does not depend on which key matched. */
  find(presented: string): Principal | undefined {
    const h = digest(presented);
    let found: Principal | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(e.hash, h)) found = e.principal;
    }
    return found;
  }
}

export function authenticate(keys: KeyRing): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = m?.[1] ? keys.find(m[1]) : undefined;
    if (!principal) return next(Errors.unauthorized());
    res.locals.principal = principal;
    next();
  };
}

/** admin may do everything. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const p = res.locals.principal as Principal | undefined;
    if (!p) return next(Errors.unauthorized());
    if (p.role !== 'admin' && !roles.includes(p.role))
      return next(Errors.forbidden(p.role, [...roles, 'admin']));
    next();
  };
}

export function principalOf(locals: Record<string, unknown>): Principal {
  const p = locals.principal as Principal | undefined;
  if (!p) throw Errors.unauthorized();
  return p;
}
