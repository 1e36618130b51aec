// Ingest text: a body that is not valid UTF-8 is refused (400) before parsing, ids with invisible or bidi-control
// characters are refused, and text is stored in NFC, so ids that look alike are one id.
import { expect } from 'chai';
import type { Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';

async function actors(driver: Driver): Promise<{ id: string; name: string | null }[]> {
  const res = await driver.executeQuery(
    "MATCH (a:Actor) WHERE a.id STARTS WITH 'tx-' RETURN a.id AS id, a.name AS name ORDER BY id",
  );
  return res.records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string | null }));
}

describe('ingest text: UTF-8, invisible characters in ids, NFC (real Neo4j)', () => {
  let ctx: AppContext;
  const ingest = () => request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest'));

  before(async () => {
    ctx = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
    await clearDatabase(ctx.db.driver);
  });
  after(async () => {
    await ctx.close();
  });

  it('refuses a body that is not valid UTF-8 with 400 (JSON and NDJSON), writing nothing', async () => {
    for (const [type, bytes] of [
      ['application/json', Buffer.from('{"actors":[{"id":"tx-col2\xff","name":"a"}]}', 'latin1')],
      ['application/x-ndjson', Buffer.from('{"type":"actor","id":"tx-col2\xfe","name":"b"}\n', 'latin1')],
    ] as const) {
      // NOTE: raw bytes, not serialised by superagent
      const res = await ingest()
        .set('content-type', type)
        .serialize((b: unknown) => b as string)
        .send(bytes);
      expect(res.status, type).to.equal(400);
      expect(res.body.detail).to.match(/not valid UTF-8/);
    }
    expect(await actors(ctx.db.driver)).to.deep.equal([]);
  });

  it('refuses ids with zero-width or bidi-override characters, also in partial mode', async () => {
    const res = await ingest()
      .send({ actors: [{ id: 'tx-a\u202Egnp.exe' }, { id: 'tx-b\u200B' }, { id: 'tx-ok' }] })
      .expect(422);
    expect(res.body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).to.deep.equal([
      [0, 'id'],
      [1, 'id'],
    ]);
    expect(await actors(ctx.db.driver)).to.deep.equal([]);
    const partial = await ingest()
      .query({ partial: 'true' })
      .send({ actors: [{ id: 'tx-c\u2066' }, { id: 'tx-ok', devices: ['dev\u200D1'] }, { id: 'tx-ok2' }] })
      .expect(200);
    expect(partial.body.rejected.map((e: { field: string }) => e.field)).to.deep.equal(['id', 'devices[0]']);
    expect((await actors(ctx.db.driver)).map((a) => a.id)).to.deep.equal(['tx-ok2']);
  });

  it('stores ids and text in NFC: a decomposed and a composed é are one actor', async () => {
    await ingest()
      .send({ actors: [{ id: 'tx-caf\u0065\u0301', name: 'Rene\u0301' }] })
      .expect(200);
    await ingest()
      .send({ actors: [{ id: 'tx-caf\u00e9', name: 'Ren\u00e9' }] })
      .expect(200);
    const stored = (await actors(ctx.db.driver)).filter((a) => a.id.startsWith('tx-caf'));
    expect(stored).to.deep.equal([{ id: 'tx-caf\u00e9', name: 'Ren\u00e9' }]);
  });
});
