// Builds the real app against the test Neo4j with known keys, and clears the database between suites.
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Driver } from 'neo4j-driver';
import { loadConfig, type Config } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/app-context.js';
import { createLogger } from '../../src/logger.js';

export const KEYS = {
  ingest: 'ingest-key-0123456789abcdef',
  analyst: 'analyst-key-0123456789abcdef',
  prosecutor: 'prosecutor-key-0123456789abcd',
  admin: 'admin-key-0123456789abcdef01',
};

export const bearer = (role: keyof typeof KEYS) => `Bearer ${KEYS[role]}`;

/** A throwaway Ed25519 key signing the evidence bundles of this test run (a configured server must have one). */
export const EXPORT_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  return loadConfig(
    {
      NEO4J_URI: process.env.NEO4J_URI,
      NEO4J_USER: process.env.NEO4J_USER,
      NEO4J_PASSWORD: process.env.NEO4J_PASSWORD,
      RINGMAP_API_KEYS: `ingest:feeder:${KEYS.ingest},analyst:ana:${KEYS.analyst},prosecutor:pros:${KEYS.prosecutor},admin:root:${KEYS.admin}`,
      RINGMAP_ID_HMAC_SECRET: 'test-secret-0123456789',
      RINGMAP_EXPORT_SIGNING_KEY: EXPORT_SIGNING_KEY,
      LOG_LEVEL: 'info',
      ...overrides,
    },
    { require: { apiKeys: true, secret: true } },
  );
}

/** Captured log lines of the app, for tests that look at what was logged. */
export const logLines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    logLines.push(chunk.toString('utf8'));
    if (logLines.length > 50_000) logLines.splice(0, 10_000);
    cb();
  },
});

export async function testContext(
  overrides: Record<string, string> = {},
  opts: Parameters<typeof createContext>[2] = {},
): Promise<AppContext> {
  return createContext(testConfig(overrides), createLogger('info', sink), opts);
}

export async function clearDatabase(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * Empties the database and puts the context's bootstrap keys back.
 * NOTE: clearDatabase takes the API keys too. The key store puts the bootstrap keys back at its next periodic
 * refresh, but a refresh that read the store around the clear leaves the cache without them until the one after
 * (10 s): refresh.test.ts got 401 for the analyst key in one CI run that way.
 */
export async function resetDatabase(ctx: AppContext): Promise<void> {
  await clearDatabase(ctx.db.driver);
  await ctx.keys.refresh();
}

/** Audit entries (and their chain head), API keys and write marks are written by every request, not by what a test does to the data. */
const NOT_BOOKKEEPING =
  'NOT n:AuditEntry AND NOT n:AuditChain AND NOT n:ApiKey AND NOT n:KeyLock AND NOT n:WriteMark';

export async function countAll(
  driver: Driver,
): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const session = driver.session();
  try {
    const n = await session.run(
      `MATCH (n) WHERE ${NOT_BOOKKEEPING} UNWIND labels(n) AS l RETURN l, count(*) AS c`,
    );
    const r = await session.run('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c');
    return {
      nodes: Object.fromEntries(n.records.map((x) => [x.get('l') as string, Number(x.get('c'))])),
      relationships: Object.fromEntries(r.records.map((x) => [x.get('t') as string, Number(x.get('c'))])),
    };
  } finally {
    await session.close();
  }
}

/** A stable dump of the graph for before/after comparisons (lastSeen excluded: it records when a fact was re-reported). */
export async function snapshot(driver: Driver): Promise<string> {
  const session = driver.session();
  const clean = (props: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(props)
        .filter((k) => k !== 'lastSeen')
        .sort()
        .map((k) => [k, String(props[k])]),
    );
  try {
    const n = await session.run(
      `MATCH (n) WHERE ${NOT_BOOKKEEPING} RETURN labels(n) AS l, properties(n) AS p`,
    );
    const r = await session.run(
      'MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.id, a.number, a.name, a.key) AS a, coalesce(b.id, b.number, b.name, b.key) AS b, properties(r) AS p',
    );
    const nodes = n.records.map((x) => `${(x.get('l') as string[]).join(':')} ${clean(x.get('p'))}`).sort();
    const rels = r.records
      .map((x) => `${x.get('t')} ${x.get('a')}->${x.get('b')} ${clean(x.get('p'))}`)
      .sort();
    return JSON.stringify({ nodes, rels });
  } finally {
    await session.close();
  }
}
