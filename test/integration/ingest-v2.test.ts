// Ingest contract v2 against the real Neo4j: generic identifiers, named parties, big actors, one actor merged.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { MILL_MEMBERS, smallWorld } from '../fixtures/small-world.js';
import { bearer, countAll, snapshot } from '../support/test-context.js';
import { suiteContext } from '../support/world-setup.js';

const complaint = (id: string, complainantId: string, extra: Record<string, unknown> = {}) => ({
  id,
  filedAt: '2026-03-04T09:12:00+08:00',
  complainantId,
  institution: '某某消费金融',
  category: 'debt_collection',
  ...extra,
});

describe('POST /v1/ingest, contract v2 (real Neo4j)', () => {
  let ctx: AppContext;
  const ingest = (body: unknown) =>
    request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send(body as object);
  const rows = async (cypher: string, params: Record<string, unknown> = {}) => {
    const session = ctx.db.driver.session();
    try {
      return (await session.run(cypher, params)).records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  };

  suiteContext((c) => (ctx = c), { clearEachTest: true });

  const world = {
    actors: [
      {
        id: 'A1',
        name: '张伟',
        identifiers: [
          { kind: 'wechat', value: 'wxid_ab' },
          { kind: 'email', value: 'Zhang@Example.com', observedAt: '2026-02-01T00:00:00Z' },
          { kind: 'phone', value: '138 1234 5678' },
        ],
        source: 'platform:P',
      },
      {
        id: 'A2',
        identifiers: [
          { kind: 'wechat', value: 'wxid_ab' },
          { kind: 'mac', value: 'aa-bb-cc-dd-ee-ff' },
        ],
      },
    ],
    complaints: [
      complaint('C1', 'A1', {
        contactPhone: '13812345678',
        namedParties: [
          { kind: 'wechat', value: 'wxid_cuishou', name: '王经理' },
          { kind: 'account', value: 'acc-gang' },
        ],
        text: '催收员用13900000001天天打电话骚扰，还让我转账到对方卡号6222 0212 3456 7890 128，我的电话13812345678',
      }),
    ],
    claims: [
      {
        id: 'CL1',
        filedAt: '2026-03-05T10:00:00Z',
        claimantId: 'A2',
        insurer: '中国人寿',
        kind: 'surrender',
        namedParties: [{ kind: 'phone', value: '+86 139-0000-0001' }],
      },
    ],
  };

  it('stores generic identifiers and named parties, given and found in the text, with sources', async () => {
    await ingest(world).expect(200);
    const ids = await rows(
      `MATCH (a:Actor)-[h:HAS_IDENTIFIER]->(x:Identifier)
       RETURN a.id AS actor, x.key AS key, x.kind AS kind, x.value AS value, h.source AS source, h.sources AS sources,
              toString(h.observedAt) AS observedAt, h.firstSeen IS NOT NULL AND h.lastSeen IS NOT NULL AS seen
       ORDER BY actor, key`,
    );
    expect(ids).to.deep.equal([
      {
        actor: 'A1',
        key: 'email:zhang@example.com',
        kind: 'email',
        value: 'zhang@example.com',
        source: 'platform:P',
        sources: ['platform:P'],
        observedAt: '2026-02-01T00:00:00Z',
        seen: true,
      },
      {
        actor: 'A1',
        key: 'wechat:wxid_ab',
        kind: 'wechat',
        value: 'wxid_ab',
        source: 'platform:P',
        sources: ['platform:P'],
        observedAt: null,
        seen: true,
      },
      {
        actor: 'A2',
        key: 'mac:AA:BB:CC:DD:EE:FF',
        kind: 'mac',
        value: 'AA:BB:CC:DD:EE:FF',
        source: 'feeder',
        sources: ['feeder'],
        observedAt: null,
        seen: true,
      },
      {
        actor: 'A2',
        key: 'wechat:wxid_ab',
        kind: 'wechat',
        value: 'wxid_ab',
        source: 'feeder',
        sources: ['feeder'],
        observedAt: null,
        seen: true,
      },
    ]);
    // the shared WeChat id is one node reported by both sources; a `phone` identifier became a USES_PHONE
    const [wx] = await rows(`MATCH (x:Identifier {key: 'wechat:wxid_ab'}) RETURN x.sources AS sources`);
    expect(wx!.sources).to.have.members(['platform:P', 'feeder']);
    expect(await rows(`MATCH (:Actor {id: 'A1'})-[:USES_PHONE]->(p) RETURN p.number AS n`)).to.deep.equal([
      { n: '+8613812345678' },
    ]);

    const named = await rows(
      `MATCH (c)-[n:NAMES]->(t)
       RETURN c.id AS filing, labels(t)[0] AS label, coalesce(t.number, t.id, t.key) AS target, n.extracted AS extracted,
              n.name AS name, n.source AS source
       ORDER BY filing, target`,
    );
    expect(named).to.deep.equal([
      {
        filing: 'C1',
        label: 'Phone',
        target: '+8613900000001',
        extracted: true,
        name: null,
        source: 'feeder',
      },
      {
        filing: 'C1',
        label: 'Account',
        target: '6222021234567890128',
        extracted: true,
        name: null,
        source: 'feeder',
      },
      { filing: 'C1', label: 'Account', target: 'acc-gang', extracted: false, name: null, source: 'feeder' },
      {
        filing: 'C1',
        label: 'Identifier',
        target: 'wechat:wxid_cuishou',
        extracted: false,
        name: '王经理',
        source: 'feeder',
      },
      {
        filing: 'CL1',
        label: 'Phone',
        target: '+8613900000001',
        extracted: false,
        name: null,
        source: 'feeder',
      },
    ]);
  });

  it('is idempotent: re-sending creates nothing and changes nothing but lastSeen', async () => {
    await ingest(world).expect(200);
    const before = await snapshot(ctx.db.driver);
    const again = await ingest(world).expect(200);
    expect(again.body.written.nodesCreated).to.equal(0);
    expect(again.body.written.relationshipsCreated).to.equal(0);
    expect(await snapshot(ctx.db.driver)).to.equal(before);
  });

  it('stores an actor with 6,000 identifiers (a bot with 6,000 friends) in one request', async function () {
    this.timeout(180_000);
    const friends = Array.from({ length: 6_000 }, (_, i) => ({ kind: 'friend', value: String(100_000 + i) }));
    const res = await ingest({
      actors: [
        { id: 'BOT-1', identifiers: friends },
        { id: 'BOT-2', identifiers: friends.slice(0, 10) },
      ],
    }).expect(200);
    expect(res.body.accepted.actors).to.equal(2);
    const [n] = await rows(
      `MATCH (a:Actor)-[:HAS_IDENTIFIER]->(x:Identifier {kind: 'friend'})
       RETURN count(*) AS ties, count(DISTINCT x) AS friends`,
    );
    expect(Number(n!.ties)).to.equal(6_010);
    expect(Number(n!.friends)).to.equal(6_000);
  });

  it('merges one actor sent three times in one request (JSON and NDJSON)', async () => {
    const res = await ingest({
      actors: [
        {
          id: 'A1',
          kind: 'agent',
          name: '张三',
          phones: ['13812345678'],
          identifiers: [{ kind: 'qq', value: '1' }],
        },
        { id: 'A1', phones: ['138 1234 5678', '13900000001'] },
        {
          id: 'A1',
          name: '李四',
          identifiers: [
            { kind: 'qq', value: '1' },
            { kind: 'qq', value: '2' },
          ],
        },
      ],
    }).expect(200);
    expect(res.body.accepted.actors).to.equal(1);
    const [a] = await rows(
      `MATCH (a:Actor {id: 'A1'})
       RETURN a.kind AS kind, a.name AS name, COUNT { (a)-[:USES_PHONE]->() } AS phones,
              COUNT { (a)-[:HAS_IDENTIFIER]->() } AS ids`,
    );
    expect(a).to.deep.include({ kind: 'agent', name: '李四' });
    expect(Number(a!.phones)).to.equal(2);
    expect(Number(a!.ids)).to.equal(2);

    const nd = [
      { type: 'actor', id: 'B1', identifiers: [{ kind: 'ip', value: '10.0.0.1' }] },
      { type: 'actor', id: 'B1', identifiers: [{ kind: 'ip', value: '10.0.0.2' }] },
      { type: 'actor', id: 'B1', kind: 'organization', identifiers: [{ kind: 'ip', value: '10.0.0.1' }] },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'application/x-ndjson')
      .send(nd)
      .expect(200);
    const [b] = await rows(
      `MATCH (a:Actor {id: 'B1'}) RETURN a.kind AS kind, COUNT { (a)-[:HAS_IDENTIFIER]->() } AS ids`,
    );
    expect(b!.kind).to.equal('organization');
    expect(Number(b!.ids)).to.equal(2);
  });

  it('answers 422 naming record index and field of a bad identifier kind, and writes nothing', async () => {
    await ingest({ actors: [{ id: 'OLD' }] }).expect(200);
    const before = await countAll(ctx.db.driver);
    const res = await ingest({
      actors: [
        { id: 'A1', identifiers: [{ kind: 'wechat', value: 'ok' }] },
        {
          id: 'A2',
          identifiers: [
            { kind: 'wechat', value: 'ok' },
            { kind: 'We Chat', value: 'x' },
          ],
        },
        { id: 'A3', identifiers: [{ kind: 'agent', value: 'AG-1' }] },
      ],
      complaints: [complaint('C1', 'A1', { namedParties: [{ kind: 'device', value: 'd1' }] })],
    }).expect(422);
    expect(res.headers['content-type']).to.match(/problem\+json/);
    const errs = (res.body.errors as { type: string; index: number; id: string; field: string }[]).map(
      (e) => `${e.type}[${e.index}] ${e.id} ${e.field}`,
    );
    expect(errs).to.include.members([
      'actor[1] A2 identifiers[1].kind',
      'actor[2] A3 identifiers[0].kind',
      'complaint[0] C1 namedParties[0].kind',
    ]);
    expect(await countAll(ctx.db.driver)).to.deep.equal(before);
  });

  it("shows generic identifiers in the actor report and named parties on the ring report's filings", async () => {
    const world = smallWorld();
    const member = MILL_MEMBERS[0]!;
    (world.actors as Record<string, unknown>[]).push({
      id: 'BOT',
      identifiers: Array.from({ length: 1_005 }, (_, i) => ({ kind: 'friend', value: String(i) })),
    });
    const m = (world.actors as Record<string, unknown>[]).find((a) => a.id === member)!;
    m.identifiers = [{ kind: 'wechat', value: 'wxid_member' }];
    (world.complaints as Record<string, unknown>[]).push(
      complaint('C-NAMED', member, {
        category: 'fee_refund',
        namedParties: [{ kind: 'wechat', value: 'wxid_cuishou', name: '王经理' }],
        text: '催收员用13812340000天天打电话骚扰',
      }),
    );
    await ingest(world).expect(200);
    const { runId } = await ctx.runs.start({ seed: 7 });
    expect((await ctx.runs.waitFor(runId)).status).to.equal('succeeded');

    const actor = await request(ctx.app)
      .get(`/v1/actors/${member}`)
      .set('authorization', bearer('prosecutor'))
      .expect(200);
    expect(actor.body.identifiers).to.have.length(1);
    expect(actor.body.identifiers[0]).to.include({ kind: 'wechat', value: 'wxid_member', source: 'feeder' });
    expect(actor.body.identifierCount).to.equal(1);
    const bot = await request(ctx.app)
      .get('/v1/actors/BOT')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(bot.body.identifiers).to.have.length(1_000);
    expect(bot.body.identifierCount).to.equal(1_005);

    const ringId = actor.body.ring.id as string;
    const ring = await request(ctx.app)
      .get(`/v1/rings/${ringId}`)
      .set('authorization', bearer('prosecutor'))
      .expect(200);
    const filed = (ring.body.complaints as Record<string, unknown>[]).find((c) => c.id === 'C-NAMED')!;
    expect(filed.namedParties).to.deep.equal([
      { kind: 'wechat', identifier: 'wxid_cuishou', name: '王经理', extracted: false },
      { kind: 'phone', identifier: '+8613812340000', extracted: true },
    ]);
    expect(
      (ring.body.complaints as Record<string, unknown>[]).find((c) => c.id !== 'C-NAMED'),
    ).not.to.have.property('namedParties');
    const masked = await request(ctx.app)
      .get(`/v1/rings/${ringId}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    const maskedFiled = (masked.body.complaints as Record<string, unknown>[]).find(
      (c) => c.id === 'C-NAMED',
    )!;
    expect((maskedFiled.namedParties as { identifier: string }[])[1]!.identifier).to.equal('+86 138****0000');
  });
});
