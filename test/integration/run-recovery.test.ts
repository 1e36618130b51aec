// Runs left `running` by a process that died (kill -9: no heartbeat any more) are failed at boot, their rings
// removed, so they block no new run; a run whose holder still sends heartbeats is left alone. A run whose holder on
// this host is gone is failed at boot even while its last heartbeat is fresh (a service restarted at once after
// kill -9), and a heartbeat retried after a run was closed does not revive it.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { expect } from 'chai';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { DEFAULT_DETECTION_PARAMS } from '../../src/analytics/detection-params.js';
import { PROJECTION_QUERIES } from '../../src/runs/projection.reader.js';
import { RunRepo } from '../../src/runs/run.repo.js';
import { VERSION } from '../../src/version.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';

/** The parameters a run records (what GET /v1/runs/:id shows of these made-up runs). */
const PARAMS = JSON.stringify({
  ...DEFAULT_DETECTION_PARAMS,
  version: VERSION,
  projection: [...PROJECTION_QUERIES],
});

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
      `CREATE (:Run {id: 'run-dead', status: 'running', stage: 'detection', params: $params, stages: '{}',
                     startedAt: datetime($long), heartbeatAt: datetime($long), progress: 0.4})
       CREATE (:Ring {id: 'R-dead', runId: 'run-dead', key: 'run-dead:R-dead'})
       CREATE (:Run {id: 'run-alive', status: 'running', stage: 'projection', params: $params, stages: '{}',
                     startedAt: datetime($now), heartbeatAt: datetime($now), progress: 0.1})`,
      { long: ago(30), now: new Date().toISOString(), params: PARAMS },
    );
    // a process that has exited: its pid names no one now
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    await run(
      setup.db.driver,
      `CREATE (:Run {id: 'run-orphan', status: 'running', stage: 'detection', params: $params, stages: '{}',
                     startedAt: datetime($now), heartbeatAt: datetime($now), progress: 0.5,
                     holderHost: $host, holderPid: $deadPid, holderBoot: 'earlier'})
       CREATE (:Ring {id: 'R-orphan', runId: 'run-orphan', key: 'run-orphan:R-orphan'})
       CREATE (:Run {id: 'run-held-live', status: 'running', stage: 'detection', params: $params, stages: '{}',
                     startedAt: datetime($now), heartbeatAt: datetime($now), progress: 0.5,
                     holderHost: $host, holderPid: $livePid, holderBoot: 'other'})
       CREATE (:Run {id: 'run-elsewhere', status: 'running', stage: 'detection', params: $params, stages: '{}',
                     startedAt: datetime($now), heartbeatAt: datetime($now), progress: 0.5,
                     holderHost: 'another-host', holderPid: $deadPid, holderBoot: 'other'})`,
      { now: new Date().toISOString(), host: hostname(), deadPid, livePid: process.ppid, params: PARAMS },
    );
    await setup.close();
  });
  after(async () => {
    await run(
      (ctx ?? setup).db.driver,
      "MATCH (r:Run) WHERE r.id STARTS WITH 'run-' AND NOT r.id STARTS WITH 'run-2' DETACH DELETE r",
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

  it("fails at boot a fresh run whose holder on this host is gone; leaves live and other hosts' holders", async () => {
    const rows = await run(
      ctx!.db.driver,
      "MATCH (r:Run) WHERE r.id IN ['run-orphan', 'run-held-live', 'run-elsewhere'] RETURN r.id AS id, r.status AS status, r.error AS error ORDER BY id",
    );
    expect(rows.map((r) => [r.id, r.status])).to.deep.equal([
      ['run-elsewhere', 'running'],
      ['run-held-live', 'running'],
      ['run-orphan', 'failed'],
    ]);
    expect(rows[2]!.error).to.match(/^abandoned: the process running it \(pid \d+ on .+\) is gone$/);
    expect(await run(ctx!.db.driver, "MATCH (g:Ring {runId: 'run-orphan'}) RETURN g")).to.have.length(0);
  });

  it('does not revive a closed run with a heartbeat retried after it was closed', async () => {
    const repo = new RunRepo(ctx!.handle);
    await run(
      ctx!.db.driver,
      "MATCH (r:Run) WHERE r.id IN ['run-alive', 'run-held-live', 'run-elsewhere'] DETACH DELETE r",
    );
    await run(
      ctx!.db.driver,
      `CREATE (:Run {id: 'run-closed', status: 'running', stage: 'write-back', params: $params, stages: '{}',
                     startedAt: datetime(), heartbeatAt: datetime(), progress: 0.8})`,
      { params: PARAMS },
    );
    await repo.finishFailed('run-closed', 'write-back: the database went away');
    await repo.progress('run-closed', { stage: 'write-back', progress: 0.9, stages: {} });
    const [row] = await run(
      ctx!.db.driver,
      "MATCH (r:Run {id: 'run-closed'}) RETURN r.status AS status, r.error AS error",
    );
    expect(row).to.deep.equal({ status: 'failed', error: 'write-back: the database went away' });
  });

  it('does not revive a run whose failure record held its lock while a heartbeat waited for it (lost update)', async () => {
    const driver = ctx!.db.driver;
    await run(
      driver,
      `CREATE (:Run {id: 'run-raced', status: 'running', stage: 'write-back', params: $params, stages: '{}',
                     startedAt: datetime(), heartbeatAt: datetime(), progress: 0.8})`,
      { params: PARAMS },
    );
    // the failure record takes the run's lock and keeps it (uncommitted) while a heartbeat arrives
    const holder = driver.session();
    const failing = holder.beginTransaction();
    await failing.run(
      "MATCH (r:Run {id: 'run-raced'}) SET r.status = 'failed', r.error = 'write-back: the database went away'",
    );
    const beat = new RunRepo(ctx!.handle).progress('run-raced', {
      stage: 'write-back',
      progress: 0.9,
      stages: {},
    });
    // the heartbeat is waiting for that lock
    for (;;) {
      const waiting = await run(
        driver,
        "SHOW TRANSACTIONS YIELD currentQuery, status WHERE status STARTS WITH 'Blocked' RETURN currentQuery",
      );
      if (waiting.some((w) => String(w.currentQuery).includes('heartbeatAt'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await failing.commit();
    await holder.close();
    await beat;
    const [row] = await run(driver, "MATCH (r:Run {id: 'run-raced'}) RETURN r.status AS status");
    expect(row).to.deep.equal({ status: 'failed' });
  });
});
