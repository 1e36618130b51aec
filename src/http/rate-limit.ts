// Abuse limits: requests a minute per key (by the key's name, so a rotated key keeps its budget), and failed
// authentications a minute per client address (key guessing). Answers 429 problem+json with Retry-After.
import type { RequestHandler } from 'express';
import { Errors } from '../shared/errors.js';
import type { Principal } from './auth.middleware.js';

const WINDOW_MS = 60_000;

/**
 * NOTE: the counters live in this process: with N instances behind a balancer a key gets up to N times its budget.
 * A shared store (Redis) is the fix when that matters. A window of its own per key, starting at its first request,
 * and the draft-7 `RateLimit` / `RateLimit-Policy` headers, as express-rate-limit's memory store gave; written out
 * here because that library's per-request work (option checks, an awaited store, header helpers) showed in the
 * profile of POST /v1/score (bench:triage --cpu-prof) and none of it is needed for one in-process counter.
 */
export function perKeyRateLimit(defaultPerMin: number): RequestHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return (_req, res, next) => {
    const principal = res.locals.principal as Principal | undefined;
    const limit = principal?.rateLimitPerMin ?? defaultPerMin;
    const key = principal?.name ?? '-';
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      if (windows.size >= 100_000) for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
      w = { count: 0, resetAt: now + WINDOW_MS };
      windows.set(key, w);
    }
    w.count += 1;
    const reset = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
    res.setHeader('RateLimit-Policy', `${limit};w=${WINDOW_MS / 1000}`);
    res.setHeader('RateLimit', `limit=${limit}, remaining=${Math.max(0, limit - w.count)}, reset=${reset}`);
    if (w.count > limit) return next(Errors.tooManyRequests(reset));
    next();
  };
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
