// The project directory (the one holding package.json, cypher/ and neo4j/), found the same way whether the code
// runs from its TypeScript sources (tsx) or compiled under dist/ (`npm start`).
import { Errors } from './shared/errors.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'cypher'))) return dir;
    if (path.dirname(dir) === dir) throw Errors.internal(`ringmap: no project directory above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
