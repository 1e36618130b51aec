// Bearer-key authentication and role checks; keys are compared as SHA-256 digests in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiKey, Role } from '../config.js';
import { Errors } from '../shared/errors.js';
import { recordRoutePattern } from './route-pattern.js';

export interface Principal {
  name: string;
  role: Role;
  /** Requests a minute this key may make; undefined: RINGMAP_RATE_LIMIT_PER_MIN. */
  rateLimitPerMin?: number;
}

export interface KeyEntry {
  hash: Buffer;
  principal: Principal;
}

/** SHA-256 of a key: what is stored and compared (keys are random and long, so no salt or slow hash is needed). */
export const keyDigest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The keys in force in this process: the bootstrap keys at first, then what the key store loads (ApiKeyStore). */
export class KeyRing {
  private entries: readonly KeyEntry[];

  constructor(keys: readonly ApiKey[]) {
    this.entries = keys.map((k) => ({ hash: keyDigest(k.key), principal: { name: k.name, role: k.role } }));
  }

  /** Swaps the whole set at once: a revoked key is gone for the very next request. */
  replace(entries: readonly KeyEntry[]): void {
    this.entries = entries;
  }

  /** Every entry is compared, so the time taken does not depend on which key matched. */
  find(presented: string): Principal | undefined {
    const h = keyDigest(presented);
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
  return (req, res, next) => {
    recordRoutePattern(req, res);
    const p = res.locals.principal as Principal | undefined;
    if (!p) return next(Errors.unauthorized());
    if (p.role !== 'admin' && !roles.includes(p.role))
      return next(Errors.forbidden(p.role, [...roles, 'admin']));
    next();
  };
}

// generic object: Express's res.locals, shared by every middleware
export function principalOf(locals: Record<string, unknown>): Principal {
  const p = locals.principal as Principal | undefined;
  if (!p) throw Errors.unauthorized();
  return p;
}
