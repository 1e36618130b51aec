// API keys (create, rotate, revoke without a restart, across instances) and the append-only audit trail
// (real Neo4j).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import express, { Router } from 'express';
import neo4j from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { AuditLog } from '../../src/audit/audit.log.js';
import { auditHooks } from '../../src/audit/audit.middleware.js';
import { createApp } from '../../src/http/app.js';
import { requireRole } from '../../src/http/auth.middleware.js';
import { createLogger } from '../../src/logger.js';
import { CypherQueries } from '../../src/store/cypher-queries.js';
import { Db } from '../../src/store/db.js';
import {
  KEYS,
  bearer,
  clearDatabase,
  logLines,
  resetDatabase,
  testContext,
} from '../support/test-context.js';
import { MILL_MEMBERS, smallWorld } from '../fixtures/small-world.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : f.endsWith(ext) ? [full] : [];
  });
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('API keys and the audit trail (real Neo4j)', () => {
  let ctx: AppContext;
  before(async () => {
    ctx = await testContext({ RINGMAP_KEY_CACHE_TTL_MS: '300' });
    await resetDatabase(ctx);
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(smallWorld())
      .expect(200);
    const { runId } = await ctx.runs.start({ seed: 7, hubThreshold: 20 });
    await ctx.runs.waitFor(runId);
  });
  after(async () => {
    // NOTE: revoked bootstrap keys stay revoked in the store; later suites need them back
    await clearDatabase(ctx.db.driver);
    await ctx.close();
  });

  describe('keys', () => {
    const admin = () => ({
      get: (p: string) => request(ctx.app).get(p).set('authorization', bearer('admin')),
      post: (p: string) => request(ctx.app).post(p).set('authorization', bearer('admin')),
      delete: (p: string) => request(ctx.app).delete(p).set('authorization', bearer('admin')),
    });
    const rings = (key: string) => request(ctx.app).get('/v1/rings').set('authorization', `Bearer ${key}`);

    it('creates a named key shown once, lists keys without secrets, rotates and revokes it at once', async () => {
      const created = await admin().post('/v1/keys').send({ name: 'ops-1', role: 'analyst' }).expect(201);
      const key = created.body.key as string;
      expect(key).to.have.length.greaterThan(40);
      expect(created.body).to.include({ name: 'ops-1', role: 'analyst', origin: 'api', revokedAt: null });
      await rings(key).expect(200);
      await request(ctx.app).post('/v1/ingest').set('authorization', `Bearer ${key}`).send({}).expect(403);

      const list = await admin().get('/v1/keys').expect(200);
      const names = list.body.keys.map((k: { name: string }) => k.name);
      expect(names).to.include.members(['ops-1', 'feeder', 'ana', 'pros', 'root']);
      const json = JSON.stringify(list.body);
      expect(json).not.to.contain(key);
      expect(json).not.to.match(/"hash"|[0-9a-f]{64}/);
      for (const k of Object.values(KEYS)) expect(json).not.to.contain(k);

      const rotated = await admin().post('/v1/keys/ops-1/rotate').expect(200);
      expect(rotated.body.rotatedAt).to.be.a('string');
      await rings(key).expect(401);
      await rings(rotated.body.key as string).expect(200);

      const revoked = await admin().delete('/v1/keys/ops-1').expect(200);
      expect(revoked.body.revokedAt).to.be.a('string');
      await rings(rotated.body.key as string).expect(401);
      await admin().post('/v1/keys/ops-1/rotate').expect(409);
      await admin().post('/v1/keys').send({ name: 'ops-1', role: 'admin' }).expect(409);
      await admin().delete('/v1/keys/nobody').expect(404);
      await admin().post('/v1/keys').send({ name: 'bad name!', role: 'analyst' }).expect(400);
      await request(ctx.app).get('/v1/keys').set('authorization', bearer('analyst')).expect(403);
    });

    it('refuses to revoke or rotate away the last admin key in force, with a clear error', async () => {
      const revoked = await admin().delete('/v1/keys/root').expect(409);
      expect(revoked.body).to.include({ title: 'conflict', reason: 'last_admin_key' });
      expect(revoked.body.detail).to.match(/last admin key .*create another admin key before revoking it/);
      const rotated = await admin().post('/v1/keys/root/rotate').expect(409);
      expect(rotated.body.detail).to.match(/create another admin key before rotating it/);
      // the key still works
      await admin().get('/v1/keys').expect(200);
    });

    it('keeps a revoked bootstrap key refused, here at once, in another instance within its TTL, and after a restart', async () => {
      const other = await testContext({ RINGMAP_KEY_CACHE_TTL_MS: '300' });
      try {
        // a key created here works in the other instance once it refreshes
        const created = await admin()
          .post('/v1/keys')
          .send({ name: 'ops-2', role: 'prosecutor' })
          .expect(201);
        expect(
          await until(
            async () =>
              (await request(other.app).get('/v1/rings').set('authorization', `Bearer ${created.body.key}`))
                .status === 200,
            3000,
          ),
        ).to.equal(true);
        await request(other.app).get('/v1/rings').set('authorization', bearer('prosecutor')).expect(200);
        await admin().delete('/v1/keys/pros').expect(200);
        await request(ctx.app).get('/v1/rings').set('authorization', bearer('prosecutor')).expect(401);
        expect(
          await until(
            async () =>
              (await request(other.app).get('/v1/rings').set('authorization', bearer('prosecutor')))
                .status === 401,
            3000,
          ),
        ).to.equal(true);
      } finally {
        await other.close();
      }
      // a restart with the same RINGMAP_API_KEYS does not bring it back
      const restarted = await testContext();
      try {
        await request(restarted.app).get('/v1/rings').set('authorization', bearer('prosecutor')).expect(401);
        await request(restarted.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
      } finally {
        await restarted.close();
      }
    });
  });

  describe('audit trail', () => {
    it('records who, when, route pattern, ids touched and status of reads and writes, 4xx included', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const ring = (await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst'))).body
        .rings[0];
      await request(ctx.app).get(`/v1/rings/${ring.id}`).set('authorization', bearer('analyst')).expect(200);
      await request(ctx.app)
        .get(`/v1/actors/${MILL_MEMBERS[0]}`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      await request(ctx.app)
        .get('/v1/actors/NOBODY-HERE')
        .set('authorization', bearer('analyst'))
        .expect(404);
      await request(ctx.app).get('/v1/actors/PROBED').expect(401);
      await request(ctx.app).get('/v1/rings').set('authorization', bearer('ingest')).expect(403);
      const res = await request(ctx.app)
        .get(`/v1/audit?since=${encodeURIComponent(since)}&limit=1000`)
        .set('authorization', bearer('admin'))
        .expect(200);
      const entries = res.body.entries as Record<string, unknown>[];
      const find = (route: string, status: number) =>
        entries.find((e) => e.route === route && e.status === status);
      const report = find('/v1/rings/:id', 200);
      expect(report).to.include({ key: 'ana', role: 'analyst', method: 'GET', outcome: 'completed' });
      expect(report!.ringIds).to.deep.equal([ring.id]);
      expect(report!.actorIds).to.include(MILL_MEMBERS[0]);
      expect(report!.requestId).to.be.a('string').and.not.equal('');
      expect(Date.parse(report!.at as string)).to.be.closeTo(Date.now(), 60_000);
      expect(find('/v1/actors/:id', 404)!.actorIds).to.deep.equal(['NOBODY-HERE']);
      expect(find('/v1/actors/:id', 401)).to.include({ key: null });
      expect(find('/v1/actors/:id', 401)!.actorIds).to.deep.equal(['PROBED']);
      expect(find('/v1/rings', 403)).to.include({ key: 'feeder' });
      expect(find('/v1/ingest', 200)).to.equal(undefined); // before `since`

      const byActor = await request(ctx.app)
        .get(`/v1/audit?actor=${MILL_MEMBERS[0]}&key=ana&since=${encodeURIComponent(since)}`)
        .set('authorization', bearer('admin'))
        .expect(200);
      expect(byActor.body.entries.length).to.be.at.least(2);
      for (const e of byActor.body.entries) expect(e).to.include({ key: 'ana' });
      const one = await request(ctx.app)
        .get('/v1/audit?limit=1')
        .set('authorization', bearer('admin'))
        .expect(200);
      expect(one.body.entries).to.have.length(1);
      await request(ctx.app).get('/v1/audit?limit=1001').set('authorization', bearer('admin')).expect(400);
      await request(ctx.app).get('/v1/audit').set('authorization', bearer('analyst')).expect(403);
      // the path exists for GET only: 405 naming what it allows
      const wrongMethod = await request(ctx.app)
        .delete('/v1/audit')
        .set('authorization', bearer('admin'))
        .expect(405);
      expect(wrongMethod.headers.allow).to.match(/GET/);
    });

    it('records a request that fails with a 500 too', async () => {
      const boom = Router();
      boom.get('/boom', requireRole('analyst'), () => {
        throw new Error('kaboom');
      });
      const app = createApp({
        db: ctx.handle,
        logger: ctx.logger,
        keys: ctx.keys.keyRing,
        audit: auditHooks(ctx.audit),
        v1: [boom],
      });
      const res = await request(app).get('/v1/boom').set('authorization', bearer('analyst')).expect(500);
      const entries = await ctx.audit.list({ limit: 20 });
      expect(entries.find((e) => e.requestId === res.body.requestId)).to.include({
        route: '/v1/boom',
        status: 500,
      });
    });

    it('is append-only: no query or route updates or deletes an audit entry', () => {
      const cypher = filesUnder(path.join(ROOT, 'cypher'), '.cypher').map((f) => [
        f,
        readFileSync(f, 'utf8'),
      ]);
      const touching = cypher.filter(([, text]) => text!.includes('AuditEntry'));
      expect(touching.map(([f]) => path.basename(f!)).sort()).to.deep.equal([
        '03-security.cypher',
        'append.cypher',
        'chain-entries.cypher',
        'existing-ids.cypher',
        'list.cypher',
        'unchained.cypher',
      ]);
      for (const [f, text] of touching) {
        const code = text!
          .split('\n')
          .filter((l) => !l.trim().startsWith('//'))
          .join('\n');
        // the one thing an append moves is the chain's head, on the (:AuditChain) node `c`, never an entry
        expect(code, f).not.to.match(
          /\b(DELETE|REMOVE|MERGE)\b|\bSET\s+(?!c\.seq = \$head\.seq, c\.head = \$head\.hash)/,
        );
      }
      const sources = filesUnder(path.join(ROOT, 'src'), '.ts').filter((f) =>
        readFileSync(f, 'utf8').includes('AuditEntry'),
      );
      for (const f of sources)
        expect(readFileSync(f, 'utf8'), f).not.to.match(/DETACH DELETE|:AuditEntry[^)]*\)\s*SET/);
    });

    it('when the trail cannot be written: logs it loudly and refuses /v1 requests with 503 until it can', async () => {
      const dead = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'x'), {
        maxTransactionRetryTime: 200,
        connectionTimeout: 500,
      });
      const start = logLines.length;
      const audit = new AuditLog({
        db: new Db(dead, CypherQueries.load(), { timeoutMs: 1000 }),
        logger: createLogger('info', {
          write: (s: string) => logLines.push(s),
        } as unknown as NodeJS.WritableStream),
        flushMs: 10,
      });
      const app = createApp({
        db: ctx.handle,
        logger: ctx.logger,
        keys: ctx.keys.keyRing,
        audit: auditHooks(audit),
        v1: [express.Router()],
      });
      try {
        await request(app).get('/v1/nothing').set('authorization', bearer('analyst')).expect(404);
        await audit.flush();
        expect(audit.healthy).to.equal(false);
        const refused = await request(app)
          .get('/v1/nothing')
          .set('authorization', bearer('analyst'))
          .expect(503);
        expect(refused.headers['retry-after']).to.equal('5');
        expect(refused.body.title).to.equal('audit_unavailable');
        await request(app).get('/readyz').expect(503);
        expect(logLines.slice(start).join('')).to.contain('AUDIT TRAIL WRITE FAILED');
      } finally {
        await audit.close();
        await dead.close();
      }
    });
  });
});
