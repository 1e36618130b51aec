// Two service instances on one database: what one writes shows in the other's cached reports within seconds
// (write marks), not after the cache's TTL.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';
import { HONEST, smallWorld } from '../fixtures/small-world.js';

async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < withinMs) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not seen within ${withinMs} ms`);
}

describe('report cache across instances (real Neo4j)', () => {
  let a: AppContext;
  let b: AppContext;

  before(async () => {
    // NOTE: a TTL far longer than the test, so only the write marks can make instance A read again
    a = await testContext({ RINGMAP_REPORT_CACHE_MS: '600000' });
    b = await testContext({ RINGMAP_REPORT_CACHE_MS: '600000' });
    await clearDatabase(a.db.driver);
    await request(a.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(smallWorld())
      .expect(200);
    const run = await request(a.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 7, hubThreshold: 20 })
      .expect(202);
    await a.runs.waitFor(run.body.runId as string);
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it("shows an ingest through another instance in this one's cached actor report within seconds", async () => {
    const actor = HONEST[3]!;
    const phonesOf = async () =>
      (
        (
          await request(a.app)
            .get(`/v1/actors/${actor}`)
            .set('authorization', bearer('prosecutor'))
            .expect(200)
        ).body.phones as { number: string }[]
      ).map((p) => p.number);
    expect(await phonesOf()).not.to.include('+8613987654321');
    // answered from A's cache. NOTE: the marks that clearDatabase removed may reach A's poll only now and empty its
    // cache once, so the hit is awaited rather than expected on the very next read
    await eventually(async () => {
      const hits = a.reports.cacheStats.hits;
      await phonesOf();
      return a.reports.cacheStats.hits === hits + 1;
    }, 5_000);

    await request(b.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [{ id: actor, phones: ['13987654321'], source: 'bank:demo' }] })
      .expect(200);
    await eventually(async () => (await phonesOf()).includes('+8613987654321'), 5_000);
  });

  it("shows a review made on another instance in this one's cached ring page within seconds", async () => {
    const page = async () =>
      (await request(a.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200)).body
        .rings as { id: string; status: string }[];
    const ring = (await page())[0]!;
    expect(ring.status).to.equal('new');
    await request(b.app)
      .post(`/v1/rings/${ring.id}/reviews`)
      .set('authorization', bearer('analyst'))
      .send({ status: 'under_review', note: 'seen on the other instance' })
      .expect(201);
    await eventually(
      async () => (await page()).find((r) => r.id === ring.id)?.status === 'under_review',
      5_000,
    );
  });
});
