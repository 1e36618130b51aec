// The bundled Neo4j requires authentication: its password is generated into its data directory (mode 0600) and
// only a driver that presents it gets in; no other local process can rewrite the audit trail or the keys.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import neo4j from 'neo4j-driver';
import {
  BUNDLED_USER,
  freePort,
  neo4jPassword,
  startBundledNeo4j,
  stopBundledNeo4j,
} from '../../src/bundled/bundled-neo4j.js';

describe('the bundled Neo4j requires its generated password', function () {
  this.timeout(300_000);
  let dataDir: string;
  let uri: string;
  let own = false;

  before(async () => {
    // the suite's bundled database when there is one, else one of this test's own
    if (process.env.RINGMAP_TEST_DB_DIR && process.env.NEO4J_URI) {
      dataDir = process.env.RINGMAP_TEST_DB_DIR;
      uri = process.env.NEO4J_URI;
    } else {
      own = true;
      dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-auth-neo4j-'));
      uri = (await startBundledNeo4j({ dataDir, port: await freePort(), heapMb: 512, pageCacheMb: 64 })).uri;
    }
  });
  after(async () => {
    if (own) await stopBundledNeo4j(dataDir, { removeData: true });
  });

  const tryLogin = async (auth: ReturnType<typeof neo4j.auth.basic> | undefined) => {
    const driver = neo4j.driver(uri, auth, { connectionTimeout: 5000 });
    try {
      await driver.executeQuery('RETURN 1');
      return 'in';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    } finally {
      await driver.close();
    }
  };

  it('keeps the password in the data directory, readable by its owner only', () => {
    const mode = statSync(path.join(dataDir, 'neo4j-password')).mode & 0o777;
    expect(mode.toString(8)).to.equal('600');
    expect(neo4jPassword(dataDir)).to.have.length.of.at.least(24);
  });

  it('refuses a driver without it, or with the default or a wrong one, and lets the right one in', async () => {
    expect(await tryLogin(neo4j.auth.basic(BUNDLED_USER, 'neo4j'))).to.equal(
      'Neo.ClientError.Security.Unauthorized',
    );
    expect(await tryLogin(neo4j.auth.basic(BUNDLED_USER, 'wrong-password-123'))).to.equal(
      'Neo.ClientError.Security.Unauthorized',
    );
    expect(await tryLogin(undefined)).to.match(/Unauthorized|Security/);
    expect(await tryLogin(neo4j.auth.basic(BUNDLED_USER, neo4jPassword(dataDir)))).to.equal('in');
  });
});
