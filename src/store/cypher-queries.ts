// Loads every Cypher file under cypher/ at start-up, so a missing query fails the boot rather than a request.
import { Errors } from '../shared/errors.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');

/** Query texts keyed by their path under cypher/ without the extension, e.g. `ingest/actors`. */
export class CypherQueries {
  private constructor(private readonly texts: ReadonlyMap<string, string>) {}

  static load(dir: string = CYPHER_DIR): CypherQueries {
    const texts = new Map<string, string>();
    const walk = (d: string): void => {
      for (const entry of readdirSync(d).sort()) {
        const full = path.join(d, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry.endsWith('.cypher')) {
          const name = path
            .relative(dir, full)
            .replace(/\\/g, '/')
            .replace(/\.cypher$/, '');
          texts.set(name, stripParamsBlock(readFileSync(full, 'utf8')));
        }
      }
    };
    walk(dir);
    return new CypherQueries(texts);
  }

  get(name: string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw Errors.internal(`no Cypher query named "${name}" under cypher/`);
    return text;
  }

  /** Throws naming every query that is needed but missing. */
  require(names: readonly string[]): void {
    const missing = names.filter((n) => !this.texts.has(n));
    if (missing.length > 0)
      throw Errors.internal(`missing Cypher files: ${missing.map((m) => `cypher/${m}.cypher`).join(', ')}`);
  }

  names(): string[] {
    return [...this.texts.keys()];
  }
}

/**
 * Query files carry a `// :params {...}` block for pasting into Neo4j Browser; only comment lines are dropped
 * so the file runs as it is.
 */
function stripParamsBlock(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .trim();
}

/** Splits a schema file into statements (one per `;`). */
export function statements(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
