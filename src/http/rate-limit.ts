// Abuse limits: requests a minute per key (by the key's name, so a rotated key keeps its budget), and failed
// authentications a minute per client address (key guessing). Answers 429 problem+json with Retry-After.
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import { Errors } from '../shared/errors.js';
import type { Principal } from './auth.middleware.js';

const WINDOW_MS = 60_000;

function tooMany(req: Request, _res: Response, next: (err?: unknown) => void): void {
  const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
  const seconds = info?.resetTime
    ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
    : 60;
  next(Errors.tooManyRequests(seconds));
}

const common: Partial<Options> = {
  windowMs: WINDOW_MS,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  handler: tooMany,
};

/**
 * NOTE: the counters live in this process (the library's memory store): with N instances behind a balancer a key
 * gets up to N times its budget. A shared store (Redis) is the fix when that matters.
 */
export function perKeyRateLimit(defaultPerMin: number): RequestHandler {
  return rateLimit({
    ...common,
    limit: (_req, res) => (res.locals.principal as Principal | undefined)?.rateLimitPerMin ?? defaultPerMin,
    keyGenerator: (_req, res) => `key:${(res.locals.principal as Principal | undefined)?.name ?? '-'}`,
    // the key is a principal name, not an address: the IPv6 fallback check does not apply
    validate: { keyGeneratorIpFallback: false },
  });
}

/**
 * Failed authentications (401 answers) a minute per client address; an address over the limit gets 429 until its
 * window ends. NOTE: not express-rate-limit with skipSuccessfulRequests, which counts every request while it is in
 * flight and so refuses a busy legitimate client with many concurrent requests.
 */
export function authFailureLimit(perMin: number): RequestHandler {
  const failures = new Map<string, { count: number; resetAt: number }>();
  return (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? '-';
    const now = Date.now();
    const entry = failures.get(address);
    if (entry && entry.resetAt > now && entry.count >= perMin) {
      return next(
        Errors.tooManyRequests(Math.max(1, Math.ceil((entry.resetAt - now) / 1000)), 'from this address'),
      );
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const at = Date.now();
      const current = failures.get(address);
      if (current && current.resetAt > at) current.count++;
      else {
        if (failures.size >= 100_000) for (const [k, v] of failures) if (v.resetAt <= at) failures.delete(k);
        failures.set(address, { count: 1, resetAt: at + WINDOW_MS });
      }
    });
    next();
  };
}
