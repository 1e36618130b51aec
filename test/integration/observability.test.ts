// Observability (real Neo4j): GET /metrics for admins with latency by route pattern, ingest counts, run stages and
// rings of the latest run; a request id on every error answer.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer } from '../support/test-context.js';
import { suiteContext } from '../support/world-setup.js';
import { MILL_MEMBERS, smallWorld } from '../fixtures/small-world.js';

describe('observability (real Neo4j)', () => {
  let ctx: AppContext;
  suiteContext((c) => (ctx = c), { clearFirst: true });

  it('serves Prometheus metrics to admins only, labelled by route pattern, never by raw path', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(smallWorld())
      .expect(200);
    await request(ctx.app)
      .post('/v1/ingest?partial=true')
      .set('authorization', bearer('ingest'))
      .send({ actors: [{ id: 'X-1', phones: ['not a phone'] }, { id: 'X-2' }] })
      .expect(200);
    const run = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 7, hubThreshold: 20 });
    await ctx.runs.waitFor(run.body.runId as string);
    for (let i = 0; i < 2; i++)
      await request(ctx.app)
        .get(`/v1/actors/${MILL_MEMBERS[0]}`)
        .set('authorization', bearer('analyst'))
        .expect(200);
    await request(ctx.app).get('/metrics').expect(401);
    await request(ctx.app).get('/metrics').set('authorization', bearer('analyst')).expect(403);
    // NOTE: stage timings are read back from the run record just after it succeeds
    let res = await request(ctx.app).get('/metrics').set('authorization', bearer('admin')).expect(200);
    for (let i = 0; i < 20 && !res.text.includes('ringmap_run_stage_duration_seconds_count'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await request(ctx.app).get('/metrics').set('authorization', bearer('admin')).expect(200);
    }
    const text = res.text;
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(text).to.match(
      /ringmap_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/actors\/:id"[^}]*status="200"/,
    );
    expect(text).not.to.contain(MILL_MEMBERS[0]);
    expect(text).to.match(/ringmap_ingest_records_total\{type="actor",outcome="accepted"\} 43/);
    expect(text).to.match(/ringmap_ingest_records_total\{type="actor",outcome="rejected"\} 1/);
    expect(text).to.match(/ringmap_run_stage_duration_seconds_count\{stage="detection"\} 1/);
    expect(text).to.match(/ringmap_rings\{typology="complaint_mill",reported="true"\} 1/);
    expect(text).to.contain('ringmap_process_cpu_seconds_total');
    // the second actor report came from the report cache
    const lookups = (outcome: string) =>
      Number(new RegExp(`ringmap_report_cache_lookups\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1]);
    expect(lookups('miss')).to.be.at.least(1);
    expect(lookups('hit')).to.be.at.least(1);
  });

  it('puts the request id on every error answer and in X-Request-Id', async () => {
    const res = await request(ctx.app)
      .get('/v1/actors/NOPE')
      .set('authorization', bearer('analyst'))
      .expect(404);
    expect(res.body.requestId).to.be.a('string').and.equal(res.headers['x-request-id']);
    const mine = await request(ctx.app).get('/v1/rings').set('x-request-id', 'trace-123').expect(401);
    expect(mine.body.requestId).to.equal('trace-123');
  });
});
