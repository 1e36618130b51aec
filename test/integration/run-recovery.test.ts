// Runs left `running` by a process that died (kill -9: no heartbeat any more) are failed at boot, their rings
// removed, so they block no new run; a run whose holder still sends heartbeats is left alone.
import { expect } from 'chai';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';

async function run(driver: Driver, cypher: string, params: Record<string, unknown> = {}) {
  const session = driver.session();
  try {
    return (await session.run(cypher, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

describe('runs of a dead process are recovered at boot (real Neo4j)', () => {
  let setup: AppContext;
  let ctx: AppContext | undefined;

  before(async () => {
    setup = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
    await clearDatabase(setup.db.driver);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await run(
      setup.db.driver,
      `CREATE (:Run {id: 'run-dead', status: 'running', stage: 'detection', params: '{}', stages: '{}',
                     startedAt: datetime($long), heartbeatAt: datetime($long), progress: 0.4})
       CREATE (:Ring {id: 'R-dead', runId: 'run-dead', key: 'run-dead:R-dead'})
       CREATE (:Run {id: 'run-alive', status: 'running', stage: 'projection', params: '{}', stages: '{}',
                     startedAt: datetime($now), heartbeatAt: datetime($now), progress: 0.1})`,
      { long: ago(30), now: new Date().toISOString() },
    );
    await setup.close();
  });
  after(async () => {
    await run(
      (ctx ?? setup).db.driver,
      "MATCH (r:Run) WHERE r.id IN ['run-dead', 'run-alive'] DETACH DELETE r",
    ).catch(() => {});
    await ctx?.close();
  });

  it('fails the dead run and removes its rings when the service starts; leaves the live one', async () => {
    ctx = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
    const rows = await run(
      ctx.db.driver,
      "MATCH (r:Run) WHERE r.id IN ['run-dead', 'run-alive'] RETURN r.id AS id, r.status AS status, r.error AS error ORDER BY id",
    );
    expect(rows).to.have.length(2);
    expect(rows[0]).to.include({ id: 'run-alive', status: 'running' });
    expect(rows[1]).to.include({ id: 'run-dead', status: 'failed' });
    expect(rows[1]!.error).to.match(/abandoned/);
    expect(await run(ctx.db.driver, "MATCH (g:Ring {runId: 'run-dead'}) RETURN g")).to.have.length(0);
    const res = await request(ctx.app).get('/v1/runs/run-dead').set('authorization', bearer('analyst'));
    expect(res.body.status).to.equal('failed');
  });
});
