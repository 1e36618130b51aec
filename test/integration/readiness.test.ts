// /readyz says ready only when Neo4j's database answers a query: a server that takes connections is not enough
// (after a crash it does so while its database is still recovering; a database can be missing or offline on a
// server that answers). Shown with a database name the real server does not have.
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { createApp } from '../../src/http/app.js';
import { Db } from '../../src/store/db.js';
import { testContext } from '../support/test-context.js';

describe('readiness asks the database, not only the server (real Neo4j)', () => {
  let ctx: AppContext;
  before(async () => {
    ctx = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
  });
  after(async () => {
    await ctx.close();
  });

  it('is ready when the database answers', async () => {
    const res = await request(ctx.app).get('/readyz').expect(200);
    expect(res.body.status).to.equal('ready');
    expect(res.body.neo4j.agent).to.match(/^Neo4j\//);
  });

  it('is not ready when the server answers but the database does not', async () => {
    const absent = new Db(ctx.db.driver, ctx.queries, { database: 'ringmap-absent', timeoutMs: 5000 });
    // what /readyz used to ask, the server, answers for that database as well: it cannot tell
    const info = await ctx.db.driver.getServerInfo({ database: absent.database });
    expect(info.agent).to.match(/^Neo4j\//);

    const app = createApp({ db: absent, logger: ctx.logger, keys: ctx.keys.keyRing, v1: [express.Router()] });
    const res = await request(app).get('/readyz').expect(503);
    expect(res.headers['retry-after']).to.equal('5');
    expect(res.body.status).to.equal('unavailable');
    expect(res.body.reason).to.match(/database does not answer queries: .*ringmap-absent/);
  });
});
