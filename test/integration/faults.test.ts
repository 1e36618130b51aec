// Faults (its own bundled Neo4j, killed with SIGKILL while a file ingest and a detection run are both writing):
// 503 with Retry-After while the database is away, recovery without a restart of the service, whole chunks only
// and an exact load after re-sending, the interrupted run failed and the previous rings still served.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { problemFor } from '../../src/http/problem.middleware.js';
import { ingestFile, type FileIngestOptions } from '../../src/ingest/file-ingest.js';
import { alive, freePort, startBundledNeo4j, stopBundledNeo4j } from '../../src/bundled/bundled-neo4j.js';
import { bearer, testContext } from '../support/test-context.js';
import { smallWorld } from '../fixtures/small-world.js';

const CHUNKS = 12;
const ACTORS_PER_CHUNK = 400;
const LINES_PER_CHUNK = ACTORS_PER_CHUNK * 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Chunk k holds ACTORS_PER_CHUNK actors (a phone and an account each), then one complaint per actor. */
async function writeChunkedFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: unknown) => {
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
  };
  for (let k = 0; k < CHUNKS; k++) {
    for (let i = 0; i < ACTORS_PER_CHUNK; i++) {
      const n = k * ACTORS_PER_CHUNK + i;
      await write({
        type: 'actor',
        id: `K${k}-A${i}`,
        phones: [`138${20_000_000 + n}`],
        accounts: [`K${k}-ACC${i}`],
      });
    }
    for (let i = 0; i < ACTORS_PER_CHUNK; i++) {
      await write({
        type: 'complaint',
        id: `K${k}-C${i}`,
        filedAt: '2026-03-04T09:12:00+08:00',
        complainantId: `K${k}-A${i}`,
        institution: '某某消费金融',
        category: 'fee_refund',
        payoutAccount: `K${k}-ACC${i}`,
      });
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Per chunk: its actors, its complaints with their filer and payout account, its actors' phones. */
async function perChunk(
  driver: Driver,
): Promise<{ actors: number[]; complaints: number[]; phones: number[] }> {
  const session = driver.session();
  try {
    const count = async (cypher: string) => {
      const out = Array.from({ length: CHUNKS }, () => 0);
      for (const r of (await session.run(cypher)).records)
        out[Number(String(r.get('chunk')).slice(1))] = Number(r.get('c'));
      return out;
    };
    return {
      actors: await count(
        "MATCH (a:Actor) WHERE a.id STARTS WITH 'K' RETURN split(a.id, '-')[0] AS chunk, count(*) AS c",
      ),
      complaints: await count(
        "MATCH (:Actor)-[:FILED]->(c:Complaint)-[:PAYOUT_TO]->(:Account) WHERE c.id STARTS WITH 'K' RETURN split(c.id, '-')[0] AS chunk, count(*) AS c",
      ),
      phones: await count(
        "MATCH (a:Actor)-[:USES_PHONE]->(:Phone) WHERE a.id STARTS WITH 'K' RETURN split(a.id, '-')[0] AS chunk, count(*) AS c",
      ),
    };
  } finally {
    await session.close();
  }
}

describe('faults: Neo4j killed mid-ingest and mid-run (own bundled Neo4j)', function () {
  this.timeout(600_000);
  let dataDir: string;
  let fileDir: string;
  let file: string;
  let port: number;
  let pid = 0;
  let password = '';
  let ctx: AppContext;
  let fileOpts: FileIngestOptions;
  // what the crash left
  let ringsBefore: unknown;
  let interruptedRunId: string;
  let recordedAfterReturnMs = Infinity;
  let readyAfterReturnMs = Infinity;
  let ingestError: unknown;
  let whileDown: { readyz: request.Response; rings: request.Response };

  let hookReached: () => void = () => {};
  let releaseHook: () => void = () => {};
  let holdNextWriteBatch = false;

  const startDb = async () => {
    const db = await startBundledNeo4j({ dataDir, port, heapMb: 512, pageCacheMb: 128 });
    pid = db.pid;
    password = db.password;
    return db.uri;
  };
  const killDb = async () => {
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  };
  const analyst = (p: string) => request(ctx.app).get(p).set('authorization', bearer('analyst'));

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-faults-neo4j-'));
    fileDir = mkdtempSync(path.join(tmpdir(), 'ringmap-faults-file-'));
    file = path.join(fileDir, 'chunks.ndjson');
    port = await freePort();
    const uri = await startDb();
    ctx = await testContext(
      { NEO4J_URI: uri, NEO4J_PASSWORD: password },
      {
        // NOTE: the driver gives up after 1 s instead of 15, so the crash shows quickly
        driverConfig: {
          maxTransactionRetryTime: 1000,
          connectionTimeout: 1000,
          connectionAcquisitionTimeout: 3000,
        },
        runHooks: {
          afterWriteBatch: async () => {
            if (!holdNextWriteBatch) return;
            holdNextWriteBatch = false;
            const released = new Promise<void>((r) => (releaseHook = r));
            hookReached();
            await released;
          },
        },
      },
    );
    fileOpts = {
      partial: false,
      source: 'crash-test',
      linesPerChunk: LINES_PER_CHUNK,
      idHmacSecret: ctx.config.idHmacSecret,
      knownActors: (ids) => ctx.ingest.knownActors(ids),
    };
    await writeChunkedFile(file);

    // a first run succeeds: its rings are what readers must keep seeing
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(smallWorld())
      .expect(200);
    const first = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 7, hubThreshold: 20 });
    expect((await ctx.runs.waitFor(first.body.runId as string)).status).to.equal('succeeded');
    ringsBefore = (await analyst('/v1/rings').expect(200)).body;

    // a second run holds after its first write-back batch, the file ingest starts, and Neo4j is killed a little
    // after the ingest's third chunk committed (while the fourth one's transaction runs)
    holdNextWriteBatch = true;
    const reached = new Promise<void>((r) => (hookReached = r));
    const second = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 8, hubThreshold: 20 })
      .expect(202);
    interruptedRunId = second.body.runId as string;
    await reached;
    let written = 0;
    let killed: Promise<void> | undefined;
    ingestError = await ingestFile(ctx.ingest, file, {
      ...fileOpts,
      onProgress: (_done, _total, phase) => {
        if (phase === 'write' && ++written === 3) killed = sleep(30).then(killDb);
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await killed;
    releaseHook();
    await ctx.runs.waitFor(interruptedRunId).catch(() => undefined);
    whileDown = { readyz: await request(ctx.app).get('/readyz'), rings: await analyst('/v1/rings') };

    await startDb();
    // Neo4j is back when its database answers (Bolt listens earlier, while the killed store is being recovered)
    await until(
      async () => (await ctx.db.driver.executeQuery('RETURN 1')).records.length === 1,
      120_000,
      'the database to answer',
    );
    const back = Date.now();
    await until(
      async () => (await ctx.runs.get(interruptedRunId))?.status === 'failed',
      60_000,
      'the interrupted run to be recorded failed',
    );
    recordedAfterReturnMs = Date.now() - back;
    await until(async () => (await request(ctx.app).get('/readyz')).status === 200, 60_000, 'readiness');
    readyAfterReturnMs = Date.now() - back;
    await until(async () => (await analyst('/v1/rings')).status === 200, 30_000, 'the API to answer again');
  });
  after(async () => {
    await ctx?.close().catch(() => {});
    await stopBundledNeo4j(dataDir, { removeData: true });
    rmSync(fileDir, { recursive: true, force: true });
  });

  it('answered 503 with Retry-After while Neo4j was away, and recovered by itself when it came back', () => {
    expect(whileDown.readyz.status).to.equal(503);
    expect(whileDown.readyz.body.reason).to.match(/Neo4j is not reachable/);
    expect(whileDown.rings.status).to.equal(503);
    expect(whileDown.rings.headers['retry-after']).to.match(/^\d+$/);
    expect(whileDown.rings.body.title).to.match(/^(service|audit)_unavailable$/);
    // what the driver threw at the ingest when the server died is a 503 too, not a 500
    expect(ingestError, 'the ingest noticed the crash').to.be.an('error');
    expect(problemFor(ingestError)?.status, String(ingestError)).to.equal(503);
    // NOTE: /readyz also asks the audit trail, whose writes failed while the database was away: it must not stay
    // 503 once they can be written again
    expect(readyAfterReturnMs, '/readyz answered 200 within 15 s of the return').to.be.below(15_000);
  });

  it('left every chunk of the interrupted file ingest whole or absent; re-sending completes it exactly', async () => {
    const partial = await perChunk(ctx.db.driver);
    for (let k = 0; k < CHUNKS; k++) {
      expect([0, ACTORS_PER_CHUNK], `actors of chunk ${k}`).to.include(partial.actors[k]);
      expect(partial.complaints[k], `complaints of chunk ${k}`).to.equal(partial.actors[k]);
      expect(partial.phones[k], `phones of chunk ${k}`).to.equal(partial.actors[k]);
    }
    expect(partial.actors.filter((n) => n > 0).length).to.be.within(3, CHUNKS - 1);

    const resent = await ingestFile(ctx.ingest, file, fileOpts);
    expect(resent.rejected).to.deep.equal([]);
    const full = await perChunk(ctx.db.driver);
    expect(full).to.deep.equal({
      actors: Array(CHUNKS).fill(ACTORS_PER_CHUNK),
      complaints: Array(CHUNKS).fill(ACTORS_PER_CHUNK),
      phones: Array(CHUNKS).fill(ACTORS_PER_CHUNK),
    });
    const session = ctx.db.driver.session();
    try {
      const phones = await session.run(
        "MATCH (p:Phone) WHERE p.number STARTS WITH '+86138' RETURN count(p) AS c",
      );
      expect(Number(phones.records[0]!.get('c'))).to.equal(CHUNKS * ACTORS_PER_CHUNK);
    } finally {
      await session.close();
    }
  });

  it('ended the interrupted run failed, left none of its rings, and kept serving the previous ones', async () => {
    expect((await analyst('/v1/rings').expect(200)).body).to.deep.equal(ringsBefore);
    // NOTE: the process could not record the failure while the database was down; it kept trying, so the run
    // ended failed with its real cause (not "abandoned") within 15 s of the database answering again.
    expect(recordedAfterReturnMs, 'the failure was recorded within 15 s of the return').to.be.below(15_000);
    const run = (await analyst(`/v1/runs/${interruptedRunId}`).expect(200)).body;
    expect(run.status).to.equal('failed');
    expect(run.error)
      .to.be.a('string')
      .and.not.match(/abandoned/);
    expect(run.error).to.match(/^write-back: /);
    // and it no longer holds the lock: a new run starts (and succeeds)
    const next = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 7, hubThreshold: 20 })
      .expect(202);
    expect((await ctx.runs.waitFor(next.body.runId as string)).status).to.equal('succeeded');
    const session = ctx.db.driver.session();
    try {
      const left = await session.run('MATCH (g:Ring {runId: $runId}) RETURN count(g) AS c', {
        runId: interruptedRunId,
      });
      expect(Number(left.records[0]!.get('c'))).to.equal(0);
    } finally {
      await session.close();
    }
  });
});
