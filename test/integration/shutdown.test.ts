// Graceful shutdown on SIGTERM (real Neo4j, a real listening server): the request in flight is answered, the run
// in progress ends failed with the reason, the schedule stops, the last audit entries are written.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import neo4j from 'neo4j-driver';
import { gracefulShutdown } from '../../src/shutdown.js';
import { KEYS, clearDatabase, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';

function post(
  port: number,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          authorization: `Bearer ${KEYS.ingest}`,
          'content-type': 'application/json',
          'content-length': data.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('graceful shutdown (real Neo4j)', () => {
  it('answers the request in flight, fails the running run with the reason, stops the schedule, flushes the audit', async () => {
    let reached: () => void = () => {};
    let release: () => void = () => {};
    const atBatch = new Promise<void>((r) => (reached = r));
    const ctx = await testContext(
      {},
      {
        runHooks: {
          afterWriteBatch: () => {
            reached();
            return new Promise<void>((r) => (release = r));
          },
        },
      },
    );
    await loadWorld(ctx);
    const server = ctx.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;

    const { runId } = await ctx.runs.start({ seed: 7, hubThreshold: 20 });
    await atBatch;
    // a large enough ingest to still be running when the signal comes
    const actors = Array.from({ length: 4000 }, (_, i) => ({
      id: `SD-${i}`,
      phones: [`137${String(30_000_000 + i)}`],
    }));
    const inFlight = post(port, '/v1/ingest', { actors });
    await new Promise((r) => setTimeout(r, 150));
    let stopped = false;
    const done = gracefulShutdown({
      ctx,
      server,
      refresh: { stop: () => (stopped = true), nextRun: () => null },
      logger: ctx.logger,
      signal: 'SIGTERM',
    });
    release();
    const answer = await inFlight;
    await done;

    expect(answer.status).to.equal(200);
    expect(answer.body.accepted).to.include({ actors: 4000 });
    expect(stopped).to.equal(true);
    await new Promise<void>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/healthz' }, () => resolve())
        .on('error', (e) => {
          expect((e as NodeJS.ErrnoException).code).to.equal('ECONNREFUSED');
          resolve();
        });
    });

    const driver = neo4j.driver(
      process.env.NEO4J_URI!,
      neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
      {
        disableLosslessIntegers: true,
      },
    );
    const session = driver.session();
    try {
      const run = (
        await session.run('MATCH (r:Run {id: $runId}) RETURN r.status AS status, r.error AS error', { runId })
      ).records[0]!;
      expect(run.get('status')).to.equal('failed');
      expect(run.get('error')).to.contain('interrupted: the service was shut down (SIGTERM)');
      const rings = await session.run('MATCH (g:Ring {runId: $runId}) RETURN count(g) AS c', { runId });
      expect(rings.records[0]!.get('c')).to.equal(0);
      const audit = await session.run(
        "MATCH (e:AuditEntry {route: '/v1/ingest', status: 200}) WHERE e.at > datetime() - duration('PT1M') RETURN count(e) AS c",
      );
      expect(audit.records[0]!.get('c')).to.be.at.least(2);
      await clearDatabase(driver);
    } finally {
      await session.close();
      await driver.close();
    }
  });
});
