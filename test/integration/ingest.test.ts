// Ingest over HTTP against the real Neo4j: auth, all-or-nothing, partial, idempotency, limits, references.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, countAll, snapshot, testContext } from '../support/test-context.js';
import { suiteContext } from '../support/world-setup.js';

const actor = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'person',
  name: `测试${id}`,
  phones: ['13812345678'],
  accounts: [{ id: `acc-${id}`, kind: 'bank', institution: '中国工商银行' }],
  ...extra,
});

const complaint = (id: string, complainantId: string, extra: Record<string, unknown> = {}) => ({
  id,
  filedAt: '2026-03-04T09:12:00+08:00',
  complainantId,
  institution: '中国工商银行',
  category: 'fee_refund',
  contactPhone: '+86 138 1234 5678',
  text: '要求退还全部息费',
  amount: 1200,
  ...extra,
});

describe('POST /v1/ingest (real Neo4j)', () => {
  let ctx: AppContext;
  suiteContext((c) => (ctx = c), { clearEachTest: true });

  describe('authentication', () => {
    it('answers 401 without a key and with an unknown key', async () => {
      await request(ctx.app)
        .post('/v1/ingest')
        .send({ actors: [actor('A1')] })
        .expect(401)
        .expect('content-type', /problem\+json/);
      await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', 'Bearer not-a-real-key-000000000')
        .send({ actors: [actor('A1')] })
        .expect(401);
    });
    it('answers 403 to a role that may not ingest, and accepts admin', async () => {
      const res = await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('analyst'))
        .send({ actors: [actor('A1')] });
      expect(res.status).to.equal(403);
      expect(res.body.detail).to.match(/analyst/);
      await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('admin'))
        .send({ actors: [actor('A1')] })
        .expect(200);
    });
  });

  it('writes a document: phones normalised to E.164, sources defaulted to the key name, idNumber only as HMAC', async () => {
    const res = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({
        institutions: [{ name: '中国工商银行', institutionType: 'bank' }],
        actors: [
          actor('A1', { idNumber: '11010519491231002X' }),
          actor('A2', { phones: ['139-1234-5678'], source: 'bank:ICBC' }),
        ],
        complaints: [complaint('C1', 'A1', { representativeId: 'A2', payoutAccount: 'acc-A2' })],
        claims: [
          {
            id: 'CL1',
            filedAt: '2026-03-05T10:00:00Z',
            claimantId: 'A2',
            insurer: '中国人寿',
            kind: 'surrender',
            amount: 30000,
          },
        ],
        transfers: [{ id: 'T1', from: 'acc-A1', to: 'acc-A2', amount: 300, at: '2026-03-06T10:00:00+08:00' }],
      })
      .expect(200);
    expect(res.body.accepted).to.deep.equal({
      institutions: 1,
      actors: 2,
      complaints: 1,
      claims: 1,
      transfers: 1,
    });
    expect(res.body.rejected).to.deep.equal([]);
    const counts = await countAll(ctx.db.driver);
    expect(counts.nodes).to.deep.include({
      Actor: 2,
      Phone: 2,
      Account: 2,
      Institution: 2,
      Complaint: 1,
      Claim: 1,
    });
    expect(counts.relationships).to.deep.include({
      USES_PHONE: 2,
      HOLDS: 2,
      FILED: 2,
      AGAINST: 2,
      CONTACT: 1,
      PAYOUT_TO: 1,
      REPRESENTED_BY: 1,
      TRANSFERRED: 1,
    });
    const s = ctx.db.driver.session();
    try {
      const r = await s.run(
        'MATCH (a:Actor {id: "A1"})-[:USES_PHONE]->(p:Phone) RETURN a.idNumberHash AS h, a.source AS src, p.number AS n, properties(a) AS props',
      );
      const rec = r.records[0]!;
      expect(rec.get('n')).to.equal('+8613812345678');
      expect(rec.get('src')).to.equal('feeder');
      expect(rec.get('h')).to.match(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rec.get('props'))).not.to.contain('11010519491231002X');
      const c = await s.run(
        'MATCH (c:Complaint {id: "C1"})-[:CONTACT]->(p:Phone) RETURN p.number AS n, c.firstSeen IS NOT NULL AS fs',
      );
      expect(c.records[0]!.get('n')).to.equal('+8613812345678');
      expect(c.records[0]!.get('fs')).to.equal(true);
      const a2 = await s.run('MATCH (a:Actor {id: "A2"}) RETURN a.source AS src');
      expect(a2.records[0]!.get('src')).to.equal('bank:ICBC');
    } finally {
      await s.close();
    }
  });

  it('is idempotent: the same payload twice leaves the same graph and creates nothing the second time', async () => {
    const body = {
      actors: [actor('A1'), actor('A2', { phones: ['13912345678'], devices: ['dev-1'] })],
      complaints: [complaint('C1', 'A1'), complaint('C2', 'A2', { representativeId: 'A1' })],
      transfers: [{ id: 'T1', from: 'acc-A1', to: 'acc-A2', amount: 300, at: '2026-03-06T10:00:00+08:00' }],
    };
    await request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(body).expect(200);
    const before = await snapshot(ctx.db.driver);
    const again = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(body)
      .expect(200);
    expect(again.body.written.nodesCreated).to.equal(0);
    expect(again.body.written.relationshipsCreated).to.equal(0);
    expect(await snapshot(ctx.db.driver)).to.equal(before);
  });

  it('rejects the whole request with 422 listing every bad field, and writes nothing', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [actor('OLD')] })
      .expect(200);
    const before = await snapshot(ctx.db.driver);
    const res = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({
        actors: [actor('A1'), actor('A2', { phones: ['12345'] }), { id: '', kind: 'alien' }],
        complaints: [complaint('C1', 'A1', { filedAt: 'yesterday' }), complaint('C2', 'NOBODY')],
        transfers: [{ id: 'T1', from: 'x', to: 'y', amount: -5, at: '2026-03-06T10:00:00Z' }],
      })
      .expect(422);
    expect(res.body.title).to.equal('invalid_records');
    const errs = res.body.errors as { type: string; index: number; field: string; message: string }[];
    const has = (type: string, index: number, field: string) =>
      errs.some((e) => e.type === type && e.index === index && e.field === field);
    expect(has('actor', 1, 'phones[0]'), JSON.stringify(errs)).to.equal(true);
    expect(has('actor', 2, 'id')).to.equal(true);
    expect(has('actor', 2, 'kind')).to.equal(true);
    expect(has('complaint', 0, 'filedAt')).to.equal(true);
    expect(has('complaint', 1, 'complainantId')).to.equal(true);
    expect(errs.find((e) => e.field === 'complainantId')!.message).to.contain('NOBODY');
    expect(has('transfer', 0, 'amount')).to.equal(true);
    expect(await snapshot(ctx.db.driver)).to.equal(before);
  });

  it('accepts a reference to an actor stored earlier or created in the same request', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [actor('A1')] })
      .expect(200);
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({
        actors: [actor('AG', { kind: 'agent' })],
        complaints: [complaint('C1', 'A1', { representativeId: 'AG' })],
      })
      .expect(200);
    const counts = await countAll(ctx.db.driver);
    expect(counts.relationships.REPRESENTED_BY).to.equal(1);
  });

  it('with ?partial=true writes the valid records and returns the rejected ones, cascading to records that reference them', async () => {
    const res = await request(ctx.app)
      .post('/v1/ingest?partial=true')
      .set('authorization', bearer('ingest'))
      .send({
        actors: [actor('A1'), actor('BAD', { phones: ['not a phone'] })],
        complaints: [complaint('C1', 'A1'), complaint('C2', 'BAD'), complaint('C3', 'A1', { category: '' })],
      })
      .expect(200);
    expect(res.body.accepted).to.include({ actors: 1, complaints: 1 });
    const rejected = res.body.rejected as { type: string; id?: string; field: string; message: string }[];
    expect(rejected.map((r) => `${r.type}:${r.id}:${r.field}`).sort()).to.deep.equal([
      'actor:BAD:phones[0]',
      'complaint:C2:complainantId',
      'complaint:C3:category',
    ]);
    expect(rejected.find((r) => r.id === 'C2')!.message).to.contain('rejected in this request');
    const counts = await countAll(ctx.db.driver);
    expect(counts.nodes.Actor).to.equal(1);
    expect(counts.nodes.Complaint).to.equal(1);
  });

  it('reads NDJSON and names the line of a bad record', async () => {
    const lines = [
      JSON.stringify({ type: 'actor', ...actor('A1') }),
      JSON.stringify({ type: 'complaint', ...complaint('C1', 'A1') }),
      '',
      '{not json',
      JSON.stringify({ type: 'spaceship', id: 'x' }),
    ];
    const bad = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'application/x-ndjson')
      .send(lines.join('\n'))
      .expect(422);
    const errs = bad.body.errors as { line: number; field: string }[];
    expect(errs.map((e) => e.line).sort()).to.deep.equal([4, 5]);
    expect((await countAll(ctx.db.driver)).nodes.Actor).to.equal(undefined);
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'application/x-ndjson')
      .send(lines.slice(0, 2).join('\n'))
      .expect(200);
    expect((await countAll(ctx.db.driver)).nodes).to.include({ Actor: 1, Complaint: 1 });
  });

  it('answers 415 to other content types, 400 to a malformed body and 200 with zero counts to an empty one', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'text/csv')
      .send('a,b')
      .expect(415);
    // a request with no records is a no-op, not an error (the document allows it)
    const empty = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({})
      .expect(200);
    expect(empty.body).to.deep.include({ received: 0, rejected: [] });
    expect(empty.body.written).to.deep.equal({ nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 });
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'application/json')
      .send('{"actors": [')
      .expect(400);
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ people: [] })
      .expect(422);
  });

  it('leaves the database exactly as it was when one record of a 10,000-record request is bad', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [actor('KEEP')] })
      .expect(200);
    const before = await snapshot(ctx.db.driver);
    const actors = Array.from({ length: 5000 }, (_, i) => ({
      id: `P${i}`,
      phones: [`1380000${String(i).padStart(4, '0')}`],
    }));
    const complaints = Array.from({ length: 5000 }, (_, i) => complaint(`K${i}`, `P${i}`));
    complaints[4321] = complaint('K4321', 'P4321', { amount: 'lots' });
    const res = await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors, complaints })
      .expect(422);
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0]).to.include({ type: 'complaint', index: 4321, id: 'K4321', field: 'amount' });
    expect(await snapshot(ctx.db.driver)).to.equal(before);
  });

  describe('size limit', () => {
    let small: AppContext;
    before(async () => {
      small = await testContext({ RINGMAP_INGEST_MAX_BYTES: '2048' });
    });
    after(async () => {
      await small.close();
    });
    it('answers 413 to a body over the configured limit and writes nothing', async () => {
      const actors = Array.from({ length: 100 }, (_, i) => actor(`A${i}`));
      const res = await request(small.app)
        .post('/v1/ingest')
        .set('authorization', bearer('ingest'))
        .send({ actors });
      expect(res.status).to.equal(413);
      expect((await countAll(small.db.driver)).nodes.Actor).to.equal(undefined);
    });
  });
});
