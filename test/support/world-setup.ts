// The set-up most integration suites share: an empty database, a world loaded through POST /v1/ingest, a run
// started through POST /v1/runs that must succeed.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import type { RunRecord } from '../../src/runs/run.repo.js';
import { smallWorld } from '../fixtures/small-world.js';
import { bearer, resetDatabase, testContext } from './test-context.js';

/** Empties the database and loads `world` (default: the small world) as the ingest role would. */
export async function loadWorld(ctx: AppContext, world: object = smallWorld()): Promise<void> {
  await resetDatabase(ctx);
  await request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(world).expect(200);
}

/** Starts a run as an analyst and waits for it; fails the test unless it succeeded. */
export async function detectRings(ctx: AppContext, params: object = {}): Promise<RunRecord> {
  const res = await request(ctx.app)
    .post('/v1/runs')
    .set('authorization', bearer('analyst'))
    .send(params)
    .expect(202);
  const run = await ctx.runs.waitFor(res.body.runId as string);
  expect(run.status, run.error ?? '').to.equal('succeeded');
  return run;
}

/**
 * The suite's own context, built before its first test and closed after its last; with `clearEachTest` every test
 * starts from an empty database, with `clearFirst` the suite does. Call it inside a `describe`; `set` receives the context.
 */
export function suiteContext(
  set: (ctx: AppContext) => void,
  opts: { clearFirst?: boolean; clearEachTest?: boolean } = {},
): void {
  let ctx: AppContext | undefined;
  before(async () => {
    ctx = await testContext();
    if (opts.clearFirst) await resetDatabase(ctx);
    set(ctx);
  });
  after(async () => {
    await ctx?.close();
  });
  if (opts.clearEachTest)
    beforeEach(async () => {
      if (ctx) await resetDatabase(ctx);
    });
}

/** The id of the best ring of the latest run, as `role` lists them. */
export async function topRingId(
  ctx: AppContext,
  role: 'analyst' | 'prosecutor' = 'analyst',
): Promise<string> {
  const rings = await request(ctx.app).get('/v1/rings').set('authorization', bearer(role)).expect(200);
  return rings.body.rings[0].id as string;
}
