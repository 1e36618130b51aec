// Serves the analyst's console at /app: the built index.html and its hashed assets, under a strict CSP.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { Errors } from '../shared/errors.js';
import { CONSOLE_BUILD_DIR } from '../build-output.js';

/**
 * Scripts and styles from the origin only (no inline code, no eval), requests to the origin only, no frames, no
 * plugins, no forms posting anywhere: the page talks to /v1 with fetch and nothing else.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const notBuilt = () => Errors.consoleNotBuilt();

export function consoleRoutes(deps: { dir?: string } = {}): Router {
  const dir = deps.dir ?? CONSOLE_BUILD_DIR;
  // strict: /app and /app/ are different routes (the page's relative asset paths need the slash)
  const router = Router({ strict: true });
  const csp: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
  let indexHtml: string | undefined;
  const page: RequestHandler = (_req, res, next) => {
    const file = path.join(dir, 'index.html');
    // NOTE: read once the build exists; a service started before `npm run build` picks it up without a restart
    indexHtml ??= existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (!indexHtml) return next(notBuilt());
    res.set('Cache-Control', 'no-cache').type('html').send(indexHtml);
  };
  router.get('/', (_req, res) => res.redirect(302, '/app/'));
  router.get('/app', (_req, res) => res.redirect(301, '/app/'));
  router.get('/app/', csp, page);
  // hashed names: a file never changes under its name
  router.use(
    '/app/assets',
    csp,
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: true,
      dotfiles: 'deny',
    }),
  );
  return router;
}
