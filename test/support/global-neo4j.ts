// Mocha global fixture: starts a throwaway bundled Neo4j for the whole run unless NEO4J_URI points at a server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../../src/bundled/bundled-neo4j.js';

let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-test-neo4j-'));
  const port = await freePort();
  const db = await startBundledNeo4j({ dataDir, port, heapMb: 1536, pageCacheMb: 512 }, (l) =>
    console.log(`  [neo4j] ${l}`),
  );
  process.env.NEO4J_URI = db.uri;
  process.env.NEO4J_USER = db.user;
  process.env.NEO4J_PASSWORD = db.password;
  // the bundled database's directory, for the tests of what it keeps there (its password)
  process.env.RINGMAP_TEST_DB_DIR = dataDir;
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (dataDir) await stopBundledNeo4j(dataDir, { removeData: true });
}
