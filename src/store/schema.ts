// Applies the constraints and indexes in cypher/schema/*.cypher; every statement is IF NOT EXISTS, so it is idempotent.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { CYPHER_DIR, statements } from './cypher-queries.js';

export async function applySchema(driver: Driver, database?: string): Promise<number> {
  const dir = path.join(CYPHER_DIR, 'schema');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  let count = 0;
  const session = driver.session({ database });
  try {
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('//'))
        .join('\n');
      for (const stmt of statements(text)) {
        await session.run(stmt);
        count++;
      }
    }
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
  return count;
}
