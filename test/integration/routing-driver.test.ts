// The service on a routing URI (neo4j://), as a deployment on a Neo4j cluster runs it: the bundled instance answers
// the driver's routing requests as a cluster of one (router, reader and writer). Ingest, a run and the ring reports
// go through it, and bookmarks carry read-your-writes from one session to the next and from one instance to another.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { ingestFile } from '../../src/ingest/file-ingest.js';
import { MILL_MEMBERS } from '../fixtures/small-world.js';
import { bearer, testContext } from '../support/test-context.js';
import { detectRings, loadWorld, topRingId } from '../support/world-setup.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const routingUri = () => {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('the global fixture sets NEO4J_URI');
  return uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
};

describe('the routing driver (neo4j://) against the bundled instance', function () {
  this.timeout(300_000);
  let ctx: AppContext;
  let other: AppContext;

  before(async () => {
    ctx = await testContext({ NEO4J_URI: routingUri(), RINGMAP_WRITE_MARKS_MS: '0' });
    // a second service instance on the same database, as behind a load balancer
    other = await testContext({ NEO4J_URI: routingUri(), RINGMAP_WRITE_MARKS_MS: '0' });
    await loadWorld(ctx);
  });
  after(async () => {
    await other?.close();
    await ctx?.close();
  });

  it('connects through the routing table: the instance routes both reads and writes', async () => {
    expect(ctx.db.uri).to.match(/^neo4j:\/\//);
    const read = await ctx.db.driver.executeQuery('RETURN 1 AS one', {}, { routing: 'READ' });
    const write = await ctx.db.driver.executeQuery('RETURN 1 AS one', {}, { routing: 'WRITE' });
    expect(read.summary.server.address).to.equal(new URL(routingUri()).host);
    expect(write.summary.server.address).to.equal(new URL(routingUri()).host);
  });

  it('moves the bookmarks with every ingest, and a read in another session sees the write', async () => {
    const before = await ctx.handle.bookmarks.getBookmarks();
    expect(before, 'the world ingest left a bookmark').to.have.length.above(0);
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [{ id: 'ROUTED-1', name: '李雷', phones: ['13700000001'] }] })
      .expect(200);
    const after = await ctx.handle.bookmarks.getBookmarks();
    expect(after).to.not.deep.equal(before);
    const [row] = await ctx.handle.read('ingest/known-actors', { ids: ['ROUTED-1'] });
    expect(row).to.deep.equal({ id: 'ROUTED-1' });
  });

  it('runs detection and serves the ring reports it wrote, on this instance and on another one', async () => {
    await detectRings(ctx, { seed: 7, hubThreshold: 20 });
    const ringId = await topRingId(ctx);
    const ring = await request(ctx.app)
      .get(`/v1/rings/${ringId}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    const members = (ring.body.members as { id: string }[]).map((m) => m.id);
    expect(members).to.include.members(MILL_MEMBERS);

    // another instance reads with the bookmarks the writer handed over (in a cluster: a follower waits for them)
    await other.handle.bookmarks.updateBookmarks([], await ctx.handle.bookmarks.getBookmarks());
    const elsewhere = await request(other.app)
      .get(`/v1/rings/${ringId}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(elsewhere.body.members).to.deep.equal(ring.body.members);
  });

  it('loads a file with npm run ingest’s path through the routing driver', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ringmap-routing-'));
    try {
      const file = path.join(dir, 'more.ndjson');
      const lines = Array.from({ length: 30 }, (_, i) => [
        { type: 'actor', id: `ROUTED-F-${i}`, phones: [`137${String(10_000_000 + i)}`] },
        {
          type: 'complaint',
          id: `ROUTED-C-${i}`,
          complainantId: `ROUTED-F-${i}`,
          filedAt: '2026-03-01T09:00:00+08:00',
          institution: '某某消费金融',
          category: 'fee_refund',
        },
      ]).flat();
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const res = await ingestFile(ctx.ingest, file, {
        partial: false,
        source: 'routing-test',
        linesPerChunk: 7,
        idHmacSecret: ctx.config.idHmacSecret,
        knownActors: (ids) => ctx.ingest.knownActors(ids),
      });
      expect(res.rejected).to.deep.equal([]);
      expect(res.accepted).to.equal(60);
      const actor = await request(ctx.app)
        .get('/v1/actors/ROUTED-F-29')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(actor.body.filingIds).to.deep.equal(['ROUTED-C-29']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
