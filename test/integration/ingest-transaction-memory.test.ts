// A request bigger than Neo4j's transaction memory (its own Neo4j with a small transaction pool) is refused with
// 413 and a size that fits, never 503 "retry"; nothing of it is written, and requests of that size go through.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../../src/bundled/bundled-neo4j.js';
import { bearer, countAll, testContext } from '../support/test-context.js';

const ACTORS = 6000;
const actor = (i: number) => ({
  id: `M-${i}`,
  name: '张伟'.repeat(20),
  phones: [`139${10_000_000 + i}`],
  accounts: [`ACC-M-${i}`],
});

describe('ingest over the transaction memory of Neo4j (own bundled Neo4j)', function () {
  this.timeout(300_000);
  let dataDir: string;
  let ctx: AppContext;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-txmem-neo4j-'));
    const db = await startBundledNeo4j({
      dataDir,
      port: await freePort(),
      heapMb: 512,
      pageCacheMb: 64,
      txMemoryTotalMb: 10,
    });
    ctx = await testContext({ NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password });
  });
  after(async () => {
    await ctx?.close();
    await stopBundledNeo4j(dataDir, { removeData: true });
  });

  it('refuses it with 413 naming a size that fits, writes nothing, and that size goes through', async () => {
    const actors = Array.from({ length: ACTORS }, (_, i) => actor(i));
    const res = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors });
    expect(res.status, JSON.stringify(res.body)).to.equal(413);
    expect(res.headers).to.not.have.property('retry-after');
    expect(res.body).to.include({ title: 'too_large_for_database', records: ACTORS });
    expect(res.body.detail).to.match(/do not retry/);
    const maxRecords = res.body.maxRecords as number;
    expect(maxRecords).to.be.within(1, ACTORS - 1);
    expect((await countAll(ctx.db.driver)).nodes.Actor ?? 0, 'nothing was written').to.equal(0);

    for (let i = 0; i < ACTORS; i += maxRecords) {
      const part = await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('ingest'))
        .send({ actors: actors.slice(i, i + maxRecords) });
      expect(part.status, `records ${i}.. of ${maxRecords}: ${JSON.stringify(part.body)}`).to.equal(200);
    }
    expect((await countAll(ctx.db.driver)).nodes.Actor).to.equal(ACTORS);
  });
});
