// npm run db:backup / db:restore on a bundled Neo4j of its own: load data, back up, wipe, restore, data identical.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { detectRings } from '../support/world-setup.js';
import neo4j, { type Driver } from 'neo4j-driver';
import request from 'supertest';
import {
  freePort,
  neo4jPassword,
  stopBundledNeo4j,
  startBundledNeo4j,
} from '../../src/bundled/bundled-neo4j.js';
import { smallWorld } from '../fixtures/small-world.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const run = promisify(execFile);

/** Every node and relationship with its labels/type and properties, as sorted text: equal iff the data is. */
async function snapshot(driver: Driver): Promise<string[]> {
  const s = driver.session();
  const text = (v: unknown): unknown =>
    v === null || typeof v !== 'object'
      ? v
      : Array.isArray(v)
        ? v.map(text)
        : neo4j.isDateTime(v as never) || neo4j.isDate(v as never)
          ? String(v)
          : Object.fromEntries(
              Object.entries(v as object)
                .sort()
                .map(([k, x]) => [k, text(x)]),
            );
  const node = (labels: string[], props: object) => JSON.stringify([[...labels].sort(), text(props)]);
  try {
    const nodes = await s.run('MATCH (n) RETURN labels(n) AS l, properties(n) AS p');
    const rels = await s.run(
      'MATCH (a)-[r]->(b) RETURN labels(a) AS la, properties(a) AS pa, type(r) AS t, properties(r) AS p, labels(b) AS lb, properties(b) AS pb',
    );
    return [
      ...nodes.records.map((r) => node(r.get('l') as string[], r.get('p') as object)),
      ...rels.records.map((r) =>
        JSON.stringify([
          node(r.get('la') as string[], r.get('pa') as object),
          r.get('t'),
          text(r.get('p')),
          node(r.get('lb') as string[], r.get('pb') as object),
        ]),
      ),
    ].sort();
  } finally {
    await s.close();
  }
}

describe('db:backup and db:restore (a bundled Neo4j of their own)', function () {
  this.timeout(600_000);
  let dataDir: string;
  let backupDir: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const db = (...args: string[]) =>
    run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/db.cli.ts'), ...args], {
      env,
      cwd: ROOT,
    });
  const connectTo = () =>
    neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', neo4jPassword(dataDir)), {
      disableLosslessIntegers: true,
    });

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-backup-db-'));
    backupDir = path.join(mkdtempSync(path.join(tmpdir(), 'ringmap-backup-out-')), 'backup');
    port = await freePort();
    env = {
      ...process.env,
      RINGMAP_DB_DIR: dataDir,
      RINGMAP_DB_PORT: String(port),
      RINGMAP_DB_HEAP_MB: '512',
    };
    delete env.NEO4J_URI;
    delete env.NEO4J_USER;
    delete env.NEO4J_PASSWORD;
    await startBundledNeo4j({ dataDir, port, heapMb: 512, pageCacheMb: 64 });
  });
  after(async () => {
    await stopBundledNeo4j(dataDir, { removeData: true });
    rmSync(path.dirname(backupDir), { recursive: true, force: true });
  });

  it('backs up a loaded database, and restores it byte for byte in content after a wipe', async () => {
    // load data (and an ID-number secret beside it, which the backup must carry) through the service
    writeFileSync(path.join(dataDir, 'id-hmac-secret'), 'the-original-secret-0123456789', { mode: 0o600 });
    const ctx = await testContext({
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: neo4jPassword(dataDir),
    });
    let before: string[];
    try {
      await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('ingest'))
        .send(smallWorld())
        .expect(200);
      await detectRings(ctx, { seed: 7, hubThreshold: 20 });
      await ctx.audit.flushAll();
    } finally {
      await ctx.close();
    }
    let driver = connectTo();
    try {
      before = await snapshot(driver);
    } finally {
      await driver.close();
    }
    expect(before.length).to.be.greaterThan(100);
    expect(before.some((l) => l.includes('"Ring"'))).to.equal(true);

    const backedUp = await db('backup', '--out', backupDir);
    expect(backedUp.stdout).to.match(/backed up to .*database unavailable/);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'backup.json'), 'utf8')) as {
      files: { name: string }[];
    };
    expect(manifest.files.map((f) => f.name)).to.include.members(['neo4j.dump', 'id-hmac-secret']);
    expect(statSync(path.join(backupDir, 'id-hmac-secret')).mode & 0o777).to.equal(0o600);

    // the database came back after the dump; now lose everything: data and secret
    driver = connectTo();
    try {
      expect(await snapshot(driver)).to.deep.equal(before, 'the backup changed nothing');
      await clearDatabase(driver);
      expect(await snapshot(driver)).to.deep.equal([]);
    } finally {
      await driver.close();
    }
    writeFileSync(path.join(dataDir, 'id-hmac-secret'), 'some-other-secret-0123456789');

    const restored = await db('restore', backupDir);
    expect(restored.stdout).to.match(/restored from .*database unavailable/);
    driver = connectTo();
    try {
      const after = await snapshot(driver);
      expect(after.length).to.equal(before.length);
      expect(after).to.deep.equal(before);
    } finally {
      await driver.close();
    }
    expect(readFileSync(path.join(dataDir, 'id-hmac-secret'), 'utf8')).to.equal(
      'the-original-secret-0123456789',
    );
  });

  it('refuses a damaged backup naming the file, and a backup into a directory that holds one', async () => {
    const dump = path.join(backupDir, 'neo4j.dump');
    const bytes = readFileSync(dump);
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(dump, bytes);
    const err = await db('restore', backupDir).then(
      () => expect.fail('restore accepted a damaged dump'),
      (e: { code: number; stderr: string }) => e,
    );
    expect(err.code).to.equal(1);
    expect(err.stderr).to.match(/backup file neo4j\.dump was altered or damaged/);
    const again = await db('backup', '--out', backupDir).then(
      () => expect.fail('backup overwrote a backup'),
      (e: { code: number; stderr: string }) => e,
    );
    expect(again.stderr).to.match(/is not empty: back up into a new directory/);
  });

  it('refuses with NEO4J_URI set, pointing at the server tools', async () => {
    const err = await run(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'src/cli/db.cli.ts'), 'backup', '--out', '/tmp/x'],
      {
        env: { ...env, NEO4J_URI: 'bolt://127.0.0.1:1' },
        cwd: ROOT,
      },
    ).then(
      () => expect.fail('backup ran against an external server'),
      (e: { stderr: string }) => e,
    );
    expect(err.stderr).to.match(/NEO4J_URI points at a server: use its own neo4j-admin database dump/);
  });
});
