// The audit trail's hash chain against the real Neo4j: concurrent writers never fork it, and an entry altered,
// deleted or inserted directly in the database is named by verification (and by `npm run audit:verify`).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { detectRings } from '../support/world-setup.js';
import neo4j, { type Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { GENESIS_HASH, entryHash, verifyChain, type ChainReport } from '../../src/audit/audit-chain.js';
import { AuditRepo } from '../../src/audit/audit.repo.js';
import { Db } from '../../src/store/db.js';
import { AuditLog, type AuditEntry } from '../../src/audit/audit.log.js';
import { unzipFiles } from '../../src/export/zip-archive.js';
import { createLogger } from '../../src/logger.js';
import { CypherQueries } from '../../src/store/cypher-queries.js';
import { applySchema } from '../../src/store/schema.js';
import { smallWorld } from '../fixtures/small-world.js';
import { bearer, clearDatabase, resetDatabase, testContext } from '../support/test-context.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const run = promisify(execFile);

const entry = (i: number, writer: string): AuditEntry => ({
  id: `${writer}-${i}-${randomUUID()}`,
  at: new Date(Date.UTC(2026, 11, 1, 0, 0, 0, i)).toISOString(),
  key: i % 3 === 0 ? null : 'ana',
  role: i % 3 === 0 ? null : 'analyst',
  method: 'GET',
  route: '/v1/rings/:id',
  params: JSON.stringify({ id: `R-${i}` }),
  ringIds: [`R-${i}`],
  actorIds: i % 2 ? [] : [`A-${i}`, `B-${i}`],
  status: i % 7 === 0 ? 404 : 200,
  requestId: `req-${i}`,
  ms: i / 3,
  outcome: 'completed',
});

describe('audit hash chain (real Neo4j)', () => {
  let driver: Driver;
  const queries = CypherQueries.load();
  const logger = createLogger('fatal');
  const verify = (expect?: { seq: number; hash: string }): Promise<ChainReport> =>
    verifyChain(new AuditRepo(new Db(driver, queries, { timeoutMs: 10_000 })), { expect, pageSize: 37 });
  const write = async (cypher: string, params: Record<string, unknown> = {}) => {
    const s = driver.session();
    try {
      return await s.run(cypher, params);
    } finally {
      await s.close();
    }
  };

  before(async () => {
    driver = neo4j.driver(
      process.env.NEO4J_URI!,
      neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
      { disableLosslessIntegers: true },
    );
    await clearDatabase(driver);
    await applySchema(driver);
  });
  after(async () => {
    await clearDatabase(driver);
    await driver.close();
  });

  /** Two writers (as two service instances would be) append 150 entries each at once, in small batches. */
  async function twoWriters(): Promise<void> {
    await clearDatabase(driver);
    const logs = ['w1', 'w2'].map(
      () => new AuditLog({ db: new Db(driver, queries, { timeoutMs: 10_000 }), logger, flushMs: 1 }),
    );
    await Promise.all(
      logs.map(async (log, w) => {
        for (let i = 0; i < 150; i++) {
          log.record(entry(i, `w${w}`));
          if (i % 10 === 9) await log.flush();
        }
        await log.close();
      }),
    );
  }

  it('links every entry of two concurrent writers into one chain: contiguous seq, no fork, head = last', async () => {
    await twoWriters();
    const r = await verify();
    expect(r.firstBreak).to.equal(null);
    expect(r).to.include({ ok: true, entries: 300 });
    expect(r.head.seq).to.equal(300);
    const seqs = await write(
      'MATCH (e:AuditEntry) RETURN count(DISTINCT e.seq) AS d, min(e.seq) AS lo, max(e.seq) AS hi',
    );
    expect(seqs.records[0]!.toObject()).to.deep.equal({ d: 300, lo: 1, hi: 300 });
    const first = await write('MATCH (e:AuditEntry {seq: 1}) RETURN e.prevHash AS p');
    expect(first.records[0]!.get('p')).to.equal(GENESIS_HASH);
  });

  it('names an entry altered in the database', async () => {
    await twoWriters();
    const target = await write(
      'MATCH (e:AuditEntry {seq: 123}) SET e.status = 200, e.key = "someone-else" RETURN e.id AS id',
    );
    const r = await verify();
    expect(r.ok).to.equal(false);
    expect(r.firstBreak).to.include({ seq: 123, problem: 'altered', entryId: target.records[0]!.get('id') });
    expect(r.firstBreak!.message).to.match(/seq 123 .* was altered/);
  });

  it('names an entry deleted from the middle, and one deleted at the end', async () => {
    await twoWriters();
    await write('MATCH (e:AuditEntry {seq: 57}) DELETE e');
    let r = await verify();
    expect(r.firstBreak).to.include({ seq: 57, problem: 'missing' });
    expect(r.firstBreak!.message).to.match(/seq 57 is missing/);

    await twoWriters();
    await write('MATCH (e:AuditEntry) WHERE e.seq >= 299 DELETE e');
    r = await verify();
    expect(r.firstBreak).to.include({ seq: 299, problem: 'missing' });
    expect(r.firstBreak!.message).to.match(/seq 299\.\.300 are missing/);
  });

  it('names an entry inserted without a place in the chain, and one re-linked into it', async () => {
    await twoWriters();
    await write(
      'CREATE (:AuditEntry {id: "forged", at: datetime("2026-12-01T00:00:01Z"), method: "GET", route: "/v1/audit", status: 200})',
    );
    let r = await verify();
    expect(r.firstBreak).to.include({ problem: 'unchained', entryId: 'forged' });

    // a forger who recomputes one entry's hash still breaks the next entry's link
    await twoWriters();
    const e = (
      await write('MATCH (e:AuditEntry {seq: 10}) RETURN e.prevHash AS p, e {.*, at: toString(e.at)} AS e')
    ).records[0]!;
    const forged = { ...(e.get('e') as AuditEntry), status: 500 };
    await write('MATCH (e:AuditEntry {seq: 10}) SET e.status = 500, e.hash = $h', {
      h: entryHash(e.get('p') as string, forged, 10),
    });
    r = await verify();
    expect(r.firstBreak).to.include({ seq: 11, problem: 'relinked' });
  });

  it("catches a chain rewritten from some point on, given a head published before (a bundle's)", async () => {
    await twoWriters();
    const published = (await verify()).head;
    // rewrite entry 200 and re-hash everything after it, head included: internally consistent again
    await write('MATCH (e:AuditEntry {seq: 200}) SET e.status = 403');
    const rows = (
      await write(
        'MATCH (e:AuditEntry) WHERE e.seq >= 199 RETURN e {.*, at: toString(e.at)} AS e ORDER BY e.seq',
      )
    ).records.map((x) => x.get('e') as AuditEntry & { seq: number; hash: string });
    let prev = rows[0]!.hash;
    for (const row of rows.slice(1)) {
      const hash = entryHash(prev, row, row.seq);
      await write('MATCH (e:AuditEntry {seq: $seq}) SET e.prevHash = $prev, e.hash = $hash', {
        seq: row.seq,
        prev,
        hash,
      });
      prev = hash;
    }
    await write('MATCH (c:AuditChain) SET c.head = $h', { h: prev });
    expect((await verify()).ok, 'the rewrite is internally consistent').to.equal(true);
    const r = await verify({ seq: published.seq, hash: published.hash });
    expect(r.firstBreak).to.include({ seq: 300, problem: 'expected_head' });
  });

  it('npm run audit:verify exits 1 naming the first broken link, 0 on an intact chain', async function () {
    this.timeout(120_000);
    await twoWriters();
    const env = { ...process.env, LOG_LEVEL: 'warn' };
    const cli = path.join(ROOT, 'src/cli/audit-verify.cli.ts');
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const ok = await run(tsx, [cli], { env, cwd: ROOT });
    expect(ok.stdout)
      .to.match(/entries: +300 in the chain/)
      .and.match(/^OK: /m);
    await write('MATCH (e:AuditEntry {seq: 42}) SET e.route = "/v1/keys"');
    const failed = await run(tsx, [cli], { env, cwd: ROOT }).then(
      () => expect.fail('audit:verify exited 0 on an altered chain'),
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.match(
      /BROKEN at seq 42 \(entry w\d-\d+-[0-9a-f-]+\): entry seq 42 .* was altered/,
    );
  });

  describe('in the service', () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await testContext();
      await resetDatabase(ctx);
    });
    after(() => ctx.close());

    it('audits every one of many concurrent triage answers, in one unbroken chain', async () => {
      const server = ctx.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const before = (await verifyChain(new AuditRepo(ctx.handle))).entries;
      const ids = Array.from({ length: 400 }, (_, i) => `triage-many-${i}`);
      try {
        const statuses = await Promise.all(
          ids.map(async (requestId, i) => {
            const res = await fetch(`http://127.0.0.1:${port}/v1/score`, {
              method: 'POST',
              headers: {
                authorization: bearer('ingest'),
                'content-type': 'application/json',
                'x-request-id': requestId,
              },
              body: JSON.stringify({
                type: 'complaint',
                id: `C-MANY-${i}`,
                filedAt: '2026-08-01T10:00:00+08:00',
                complainantId: `NEW-${i}`,
                institution: '中国农业银行',
                category: 'fee_refund',
              }),
            });
            await res.arrayBuffer();
            return res.status;
          }),
        );
        expect(new Set(statuses)).to.deep.equal(new Set([200]));
      } finally {
        server.close();
      }
      await ctx.audit.flushAll();
      const r = await verifyChain(new AuditRepo(ctx.handle));
      expect(r.firstBreak).to.equal(null);
      expect(r.entries).to.equal(before + ids.length);
      const s = ctx.db.driver.session();
      try {
        const rows = await s.run(
          'MATCH (e:AuditEntry) WHERE e.requestId IN $ids RETURN e.requestId AS id, e.route AS route, e.status AS status',
          { ids },
        );
        const got = rows.records.map(
          (x) => `${x.get('id') as string} ${x.get('route') as string} ${x.get('status') as number}`,
        );
        expect(got.sort()).to.deep.equal(ids.map((id) => `${id} /v1/score 200`).sort());
      } finally {
        await s.close();
      }
    });

    it("chains the service's own entries and names the head in an evidence bundle's manifest and VERIFY.txt", async () => {
      await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('ingest'))
        .send(smallWorld())
        .expect(200);
      await detectRings(ctx, { seed: 7, hubThreshold: 20 });
      const rings = await request(ctx.app)
        .get('/v1/rings')
        .set('authorization', bearer('prosecutor'))
        .expect(200);
      await ctx.audit.flushAll();
      const res = await request(ctx.app)
        .get(`/v1/rings/${rings.body.rings[0].id as string}/export?format=bundle`)
        .set('authorization', bearer('prosecutor'))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const files = new Map(
        (await unzipFiles(res.body as Buffer)).map((e) => [e.name, e.data!.toString('utf8')]),
      );
      const head = (
        JSON.parse(files.get('manifest.json')!) as { auditChainHead: { seq: number; hash: string } }
      ).auditChainHead;
      expect(head.seq).to.be.at.least(2);
      expect(head.hash).to.match(/^[0-9a-f]{64}$/);
      expect(files.get('VERIFY.txt')).to.include(`npm run audit:verify -- --head ${head.seq}:${head.hash}`);
      await ctx.audit.flushAll();
      const r = await verifyChain(new AuditRepo(ctx.handle), { expect: head });
      expect(r.firstBreak).to.equal(null);
      expect(r.entries).to.be.greaterThan(head.seq, 'the export itself was audited after the head it names');
    });
  });
});
