// The URL to start a worker thread's module with, compiled or under tsx.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `name` (without extension) beside the module at `base` (its `import.meta.url`). Compiled under dist/ the worker is
 * a plain .js file. Under tsx (tests, CLIs) it is a .ts file, and Node 20 does not apply the parent's `--import tsx`
 * to a worker's entry module: a one-line bootstrap registers tsx first.
 */
export function workerEntry(name: string, base: string): URL {
  const ext = extname(fileURLToPath(base));
  const worker = new URL(`./${name}${ext}`, base);
  if (ext !== '.ts') return worker;
  // NOTE: resolved with require, since mocha loads this module as CommonJS (no import.meta.resolve there)
  const api = createRequire(base).resolve('tsx/esm/api');
  const tsx = pathToFileURL(
    existsSync(api.replace(/\.cjs$/, '.mjs')) ? api.replace(/\.cjs$/, '.mjs') : api,
  ).href;
  const bootstrap =
    `import { register } from ${JSON.stringify(tsx)}; register(); ` +
    `await import(${JSON.stringify(worker.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
