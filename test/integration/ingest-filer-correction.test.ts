// A re-sent complaint or claim naming another filer replaces the filer (a filing has one) and keeps the change as a
// correction with its source and time; re-sending the same record changes nothing.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';

describe('a re-sent filing with another filer (real Neo4j)', () => {
  let ctx: AppContext;
  const ingest = (body: object, source: string) =>
    request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(body)
      .expect(200)
      .then(() => source);
  const filers = async (label: 'Complaint' | 'Claim', id: string) =>
    (
      await ctx.db.driver.executeQuery(
        `MATCH (a:Actor)-[:FILED]->(c:${label} {id: $id}) RETURN a.id AS id ORDER BY id`,
        { id },
      )
    ).records.map((r) => r.get('id') as string);
  const corrections = async (id: string) =>
    (
      await ctx.db.driver.executeQuery(
        'MATCH ({id: $id})-[:CORRECTED]->(x:Correction) RETURN x.field AS field, x.from AS from, x.to AS to, x.source AS source, x.previousSource AS previousSource ORDER BY x.at',
        { id },
      )
    ).records.map((r) => r.toObject());

  before(async () => {
    ctx = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
    await clearDatabase(ctx.db.driver);
    await ingest({ actors: [{ id: 'F-1' }, { id: 'F-2' }] }, 'setup');
  });
  after(async () => {
    await ctx.close();
  });

  it('replaces the complainant and records the correction with its source', async () => {
    const complaint = (complainantId: string, source: string) => ({
      complaints: [
        {
          id: 'FC-1',
          filedAt: '2026-03-04T09:12:00+08:00',
          complainantId,
          institution: '某某消费金融',
          category: 'fee_refund',
          source,
        },
      ],
    });
    await ingest(complaint('F-1', 'regulator:a'), 'a');
    await ingest(complaint('F-1', 'regulator:a'), 'a');
    expect(await filers('Complaint', 'FC-1')).to.deep.equal(['F-1']);
    expect(await corrections('FC-1')).to.deep.equal([]);
    await ingest(complaint('F-2', 'regulator:b'), 'b');
    expect(await filers('Complaint', 'FC-1')).to.deep.equal(['F-2']);
    expect(await corrections('FC-1')).to.deep.equal([
      {
        field: 'complainantId',
        from: 'F-1',
        to: 'F-2',
        source: 'regulator:b',
        previousSource: 'regulator:a',
      },
    ]);
  });

  it('does the same for a claim', async () => {
    const claim = (claimantId: string) => ({
      claims: [
        { id: 'FCL-1', filedAt: '2026-03-05T10:00:00Z', claimantId, insurer: '中国人寿', kind: 'surrender' },
      ],
    });
    await ingest(claim('F-1'), 'a');
    await ingest(claim('F-2'), 'b');
    expect(await filers('Claim', 'FCL-1')).to.deep.equal(['F-2']);
    expect((await corrections('FCL-1')).map((c) => [c.field, c.from, c.to])).to.deep.equal([
      ['claimantId', 'F-1', 'F-2'],
    ]);
  });
});
