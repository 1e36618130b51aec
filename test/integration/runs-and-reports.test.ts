// Detection runs and ring reports over HTTP against the real Neo4j.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import type { Written } from '../../src/ingest/ingest.service.js';
import { bearer, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';
import { maskPhone } from '../../src/http/masking.js';
import { FAMILY, HONEST, MILL_MEMBERS, MILL_ORGANIZER } from '../fixtures/small-world.js';

const PARAMS = { seed: 7, hubThreshold: 20 };

describe('runs and ring reports (real Neo4j)', () => {
  let ctx: AppContext;
  let failNext = false;

  async function runToEnd(body: Record<string, unknown> = PARAMS): Promise<Record<string, unknown>> {
    const res = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send(body)
      .expect(202);
    expect(res.body.runId).to.match(/^run-/);
    return (await ctx.runs.waitFor(res.body.runId as string)) as unknown as Record<string, unknown>;
  }

  before(async () => {
    ctx = await testContext(
      // NOTE: no write marks: another test's leftovers moving would empty the cache under the assertions
      { RINGMAP_WRITE_MARKS_MS: '0' },
      {
        runHooks: {
          afterWriteBatch: () => {
            if (failNext) {
              failNext = false;
              throw new Error('injected failure after writing rings');
            }
          },
        },
      },
    );
    await loadWorld(ctx);
  });
  after(async () => {
    await ctx.close();
  });

  it('has no rings before the first run', async () => {
    const res = await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
    expect(res.body).to.deep.equal({ runId: null, rings: [], nextCursor: null });
  });

  it('runs one at a time: a second start while one runs answers 409 with the running id', async () => {
    const first = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send(PARAMS)
      .expect(202);
    const second = await request(ctx.app).post('/v1/runs').set('authorization', bearer('admin')).send(PARAMS);
    expect(second.status).to.equal(409);
    expect(second.body.runId).to.equal(first.body.runId);
    const run = await ctx.runs.waitFor(first.body.runId as string);
    expect(run.status).to.equal('succeeded');
  });

  it('records status, parameters, stats, hubs and per-stage timings of a run', async () => {
    const run = await runToEnd();
    const res = await request(ctx.app)
      .get(`/v1/runs/${run.id as string}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(res.body.status).to.equal('succeeded');
    expect(res.body.progress).to.equal(1);
    expect(res.body.params).to.include({ seed: 7, hubThreshold: 20, resolution: 1, minRingSize: 3 });
    expect(res.body.params.weights).to.have.property('contact_phone');
    expect(Object.keys(res.body.stages)).to.include.members(['projection', 'detection', 'write-back']);
    expect(res.body.stats.projection.actors).to.equal(
      1 + MILL_MEMBERS.length + FAMILY.length + HONEST.length,
    );
    // the hotline is on 30 complaints: over the threshold of 20, so it is a hub and is named (masked: run records
    // are no place for phone numbers in full)
    expect(res.body.hubs.items.map((h: { identifier: string }) => h.identifier)).to.include(
      maskPhone('+861095588000'),
    );
    const list = await request(ctx.app).get('/v1/runs').set('authorization', bearer('analyst')).expect(200);
    expect(list.body.runs.map((r: { id: string }) => r.id)).to.include(run.id);
    await request(ctx.app).get('/v1/runs/run-nope').set('authorization', bearer('analyst')).expect(404);
  });

  it('reports the complaint mill with its organizer, and neither the family nor the hotline crowd', async () => {
    await runToEnd();
    const res = await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
    const rings = res.body.rings as {
      id: string;
      score: number;
      organizerId: string;
      typology: string;
      size: number;
    }[];
    expect(rings).to.have.length(1);
    const mill = rings[0]!;
    expect(mill.organizerId).to.equal(MILL_ORGANIZER);
    expect(mill.size).to.equal(MILL_MEMBERS.length + 1);
    expect(mill.score).to.be.at.least(50);
    expect(mill.typology).to.equal('complaint_mill');
    const low = await request(ctx.app)
      .get('/v1/rings?minScore=0')
      .set('authorization', bearer('analyst'))
      .expect(200);
    const family = (low.body.rings as { id: string; score: number }[]).filter((r) => r.id !== mill.id);
    for (const r of family) expect(r.score).to.be.below(50);
  });

  it('explains a ring: members with roles and evidence, complaints, score breakdown, timeline', async () => {
    const list = await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
    const id = list.body.rings[0].id as string;
    const res = await request(ctx.app)
      .get(`/v1/rings/${id}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    const r = res.body;
    expect(r.members.map((m: { id: string }) => m.id).sort()).to.deep.equal(
      [MILL_ORGANIZER, ...MILL_MEMBERS].sort(),
    );
    expect(r.members[0]).to.include({ id: MILL_ORGANIZER, role: 'organizer' });
    for (const m of r.members) {
      expect(m.evidence.length, m.id).to.be.greaterThan(0);
      expect(m.summary).to.be.a('string').and.not.equal('');
    }
    const kinds = new Set(
      r.members.flatMap((m: { evidence: { kind: string }[] }) => m.evidence.map((e) => e.kind)),
    );
    expect([...kinds]).to.include.members(['contact_phone', 'payout_account', 'representation', 'transfer']);
    expect(r.complaints).to.have.length(MILL_MEMBERS.length * 2);
    expect(r.complaints[0]).to.include.keys('id', 'filedAt', 'institution', 'filedBy', 'source');
    const components = r.scoreBreakdown.map((b: { component: string }) => b.component);
    expect(components).to.include.members(['size', 'density', 'evidence_variety']);
    // the score is the calibrated probability × 100; the terms say what raised and lowered it
    expect(r.score).to.be.closeTo(100 * r.probability, 0.051);
    expect(r.probability).to.be.at.least(0.5);
    expect(r.probabilityTerms.map((t: { feature: string }) => t.feature)).to.include.members([
      'handOff',
      'money',
    ]);
    expect(r.counterEvidence).to.deep.equal([]);
    expect(r.victims).to.be.an('array');
    expect(r.timeline.length).to.be.greaterThan(0);
    expect(r.moneyFlows.length).to.be.greaterThan(0);
    await request(ctx.app).get('/v1/rings/R-0000000000').set('authorization', bearer('analyst')).expect(404);
    await request(ctx.app).get('/v1/rings/not-an-id').set('authorization', bearer('analyst')).expect(400);
  });

  it('shows an actor with its identifiers and the evidence path to its ring', async () => {
    const member = await request(ctx.app)
      .get(`/v1/actors/${MILL_MEMBERS[0]}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(member.body.phones).to.have.length(1);
    expect(member.body.ring).to.include({ role: 'member' });
    expect(member.body.ring.evidence.length).to.be.greaterThan(0);
    const honest = await request(ctx.app)
      .get(`/v1/actors/${HONEST[0]}`)
      .set('authorization', bearer('prosecutor'))
      .expect(200);
    expect(honest.body.ring).to.equal(null);
    expect(honest.body.filingIds).to.have.length(1);
    await request(ctx.app).get('/v1/actors/NOBODY').set('authorization', bearer('analyst')).expect(404);
  });

  it('answers repeated reports from its cache, and shows a write through this instance at once', async () => {
    const get = (path: string) =>
      request(ctx.app).get(path).set('authorization', bearer('prosecutor')).expect(200);
    const ingest = (body: Record<string, unknown[]>) =>
      request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(body).expect(200);
    const honest = HONEST[1]!;
    const before = (await get(`/v1/actors/${honest}`)).body;
    const hits = ctx.reports.cacheStats.hits;
    expect((await get(`/v1/actors/${honest}`)).body).to.deep.equal(before);
    expect(ctx.reports.cacheStats.hits).to.equal(hits + 1);

    // a new phone on the actor record, and a new complaint it filed
    await ingest({
      actors: [{ id: honest, phones: ['13912345678'], source: 'bank:demo' }],
      complaints: [
        {
          id: 'C-CACHE-1',
          filedAt: '2026-09-01T12:00:00+08:00',
          complainantId: honest,
          institution: '中国工商银行',
          category: 'account_issue',
        },
      ],
    });
    const after = (await get(`/v1/actors/${honest}`)).body;
    expect(after.phones.map((p: { number: string }) => p.number)).to.include('+8613912345678');
    expect(after.filingIds).to.include('C-CACHE-1');

    // a ring report shows its members' names live: a renamed member shows at once, in every view
    const ringId = ((await get('/v1/rings')).body.rings[0] as { id: string }).id;
    const nameOf = (report: { members: { id: string; name: string }[] }) =>
      report.members.find((m) => m.id === MILL_MEMBERS[0])!.name;
    const original = nameOf((await get(`/v1/rings/${ringId}`)).body);
    await ingest({ actors: [{ id: MILL_MEMBERS[0], name: '改名者', source: 'bank:demo' }] });
    expect(nameOf((await get(`/v1/rings/${ringId}`)).body)).to.equal('改名者');
    await ingest({ actors: [{ id: MILL_MEMBERS[0], name: original, source: 'bank:demo' }] });
    expect(nameOf((await get(`/v1/rings/${ringId}`)).body)).to.equal(original);
    // the same record sent again changes nothing a ring report shows, so it does not count as changed for them
    // (the actor report, which shows lastSeen, is dropped all the same)
    const told: Written[] = [];
    ctx.events.on('ingest.written', (w) => told.push(w));
    await ingest({ actors: [{ id: MILL_MEMBERS[0], name: original, source: 'bank:demo' }] });
    await ingest({ actors: [{ id: MILL_MEMBERS[0], name: '又改名', source: 'bank:demo' }] });
    await ingest({ actors: [{ id: MILL_MEMBERS[0], name: original, source: 'bank:demo' }] });
    expect(told.map((w) => [w.actorIds, w.changedActorIds])).to.deep.equal([
      [[MILL_MEMBERS[0]], []],
      [[MILL_MEMBERS[0]], [MILL_MEMBERS[0]]],
      [[MILL_MEMBERS[0]], [MILL_MEMBERS[0]]],
    ]);
    expect(nameOf((await get(`/v1/rings/${ringId}`)).body)).to.equal(original);

    // a review changes the status shown on the ring page and in the ring report at once
    const listed = async () =>
      ((await get('/v1/rings')).body.rings as { id: string; status: string }[]).find((r) => r.id === ringId)!;
    expect((await listed()).status).to.equal('new');
    await request(ctx.app)
      .post(`/v1/rings/${ringId}/reviews`)
      .set('authorization', bearer('analyst'))
      .send({ status: 'under_review', note: 'looking into it' })
      .expect(201);
    expect((await listed()).status).to.equal('under_review');
    expect((await get(`/v1/rings/${ringId}`)).body.review.status).to.equal('under_review');
    await request(ctx.app)
      .post(`/v1/rings/${ringId}/reviews`)
      .set('authorization', bearer('analyst'))
      .send({ status: 'new', note: 'back to the queue' })
      .expect(201);
  });

  it('pages the ring list with a cursor, and filters it by calibrated probability', async () => {
    const all = await request(ctx.app)
      .get('/v1/rings?minScore=0')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(all.body.rings.length).to.be.at.least(2);
    const p1 = await request(ctx.app)
      .get('/v1/rings?minScore=0&limit=1')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(p1.body.rings).to.have.length(1);
    expect(p1.body.nextCursor).to.be.a('string');
    const p2 = await request(ctx.app)
      .get(`/v1/rings?minScore=0&limit=1&cursor=${p1.body.nextCursor as string}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(p2.body.rings[0].id).to.equal(all.body.rings[1].id);
    // the calibrated probability: between the two rings' probabilities keeps the higher one only
    const [hi, lo] = all.body.rings as { id: string; probability: number }[];
    const between = (hi!.probability + lo!.probability) / 2;
    const byProbability = await request(ctx.app)
      .get(`/v1/rings?minScore=0&minProbability=${between}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(byProbability.body.rings.map((r: { id: string }) => r.id)).to.deep.equal([hi!.id]);
    await request(ctx.app)
      .get('/v1/rings?minProbability=1.5')
      .set('authorization', bearer('analyst'))
      .expect(400);
    await request(ctx.app)
      .get('/v1/rings?cursor=garbage')
      .set('authorization', bearer('analyst'))
      .expect(400);
    await request(ctx.app).get('/v1/rings?limit=100000').set('authorization', bearer('analyst')).expect(400);
    await request(ctx.app)
      .get('/v1/rings?typology=pirates')
      .set('authorization', bearer('analyst'))
      .expect(400);
  });

  it('gives the same rings and ids for the same data and seed', async () => {
    const a = await runToEnd();
    const ringsA = (
      await request(ctx.app).get('/v1/rings?minScore=0').set('authorization', bearer('analyst'))
    ).body;
    const b = await runToEnd();
    const ringsB = (
      await request(ctx.app).get('/v1/rings?minScore=0').set('authorization', bearer('analyst'))
    ).body;
    expect(ringsB.runId).to.equal(b.id).and.not.equal(a.id);
    const strip = (x: { rings: Record<string, unknown>[] }) => x.rings.map((r) => JSON.stringify(r));
    expect(strip(ringsB)).to.deep.equal(strip(ringsA));
  });

  it('keeps serving the previous rings when a run fails midway, and leaves none of its rings behind', async () => {
    const before = (await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst'))).body;
    failNext = true;
    const run = await runToEnd({ ...PARAMS, seed: 99 });
    expect(run.status).to.equal('failed');
    expect(run.error).to.contain('injected failure');
    const after = (await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst'))).body;
    expect(after).to.deep.equal(before);
    const s = ctx.db.driver.session();
    try {
      const left = await s.run('MATCH (g:Ring {runId: $runId}) RETURN count(g) AS c', { runId: run.id });
      expect(Number(left.records[0]!.get('c'))).to.equal(0);
    } finally {
      await s.close();
    }
  });

  it('guards the report routes by role', async () => {
    await request(ctx.app).get('/v1/rings').expect(401);
    await request(ctx.app).get('/v1/rings').set('authorization', bearer('ingest')).expect(403);
    await request(ctx.app).post('/v1/runs').set('authorization', bearer('ingest')).send({}).expect(403);
    await request(ctx.app).post('/v1/runs').set('authorization', bearer('prosecutor')).send({}).expect(403);
    await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ resolution: -1 })
      .expect(400);
  });
});
