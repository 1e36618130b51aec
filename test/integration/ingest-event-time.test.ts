// Issue 15.4: evidence is dated by the events the sources reported, never by when ringmap loaded the records.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { MILL_MEMBERS, MILL_ORGANIZER, smallWorld } from '../fixtures/small-world.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';
import { detectRings, topRingId } from '../support/world-setup.js';

type Json = Record<string, unknown>;
const ORG_PHONE = '+8613900000001';
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The small world with the organizer's phone and accounts dated by the source (its record's observedAt too). */
function datedWorld(): Record<string, unknown[]> {
  const world = smallWorld();
  world.actors = world.actors!.map((a) =>
    (a as Json).id === MILL_ORGANIZER
      ? {
          ...(a as Json),
          observedAt: '2025-12-01T09:00:00+08:00',
          phones: [{ number: '13900000001', observedAt: '2025-11-20T10:00:00+08:00' }],
        }
      : a,
  );
  return world;
}

/** supertest: the body as text (CSV and ANX come as files). */
const asText = (res: request.Response, cb: (err: Error | null, body: string) => void) => {
  let data = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (data += c));
  res.on('end', () => cb(null, data));
};

/** RFC 4180 rows (quoted cells may hold commas and doubled quotes), BOM dropped. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)) {
    const cells: string[] = [];
    for (const m of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
      const c = m[1]!;
      cells.push(c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c);
    }
    rows.push(cells);
  }
  return rows;
}

describe('event times, not load times (issue 15.4)', () => {
  let ctx: AppContext;
  let loadedFrom: number;

  const ingest = async (body: object) =>
    request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(body).expect(200);
  const tie = async (actorId: string, rel: string, target: string) => {
    const session = ctx.db.driver.session();
    try {
      const res = await session.run(
        `MATCH (:Actor {id: $actorId})-[r:${rel}]->(x) WHERE coalesce(x.number, x.id) = $target
         RETURN toString(r.observedAt) AS observedAt, toString(r.lastObservedAt) AS lastObservedAt,
                toString(r.firstSeen) AS firstSeen, toString(r.lastSeen) AS lastSeen`,
        { actorId, target },
      );
      expect(res.records, `${actorId} ${rel} ${target}`).to.have.length(1);
      return res.records[0]!.toObject() as Record<string, string | null>;
    } finally {
      await session.close();
    }
  };
  const utc = (s: string | null | undefined) => (s ? new Date(Date.parse(s)).toISOString() : s);

  before(async () => {
    ctx = await testContext();
    await clearDatabase(ctx.db.driver);
    // NOTE: clearing removed the bootstrap keys from the store (see interop.test.ts)
    await ctx.keys.refresh();
    loadedFrom = Date.now();
    await ingest(datedWorld());
  });
  after(async () => {
    await ctx?.close();
  });

  it('stores the times the source reported on each tie, the record’s as the default, and none when none was given', async () => {
    const phone = await tie(MILL_ORGANIZER, 'USES_PHONE', ORG_PHONE);
    expect(utc(phone.observedAt)).to.equal('2025-11-20T02:00:00.000Z');
    expect(utc(phone.lastObservedAt)).to.equal('2025-11-20T02:00:00.000Z');
    // the load times are kept, apart
    expect(Date.parse(phone.firstSeen!)).to.be.at.least(loadedFrom - 1000);
    const account = await tie(MILL_ORGANIZER, 'HOLDS', 'ACC-ORG');
    expect(utc(account.observedAt)).to.equal('2025-12-01T01:00:00.000Z');
    const member = await tie(MILL_MEMBERS[0]!, 'HOLDS', `ACC-${MILL_MEMBERS[0]}`);
    expect(member.observedAt).to.equal(null);
    expect(member.lastObservedAt).to.equal(null);
    expect(member.firstSeen).to.not.equal(null);
  });

  it('widens a tie re-sent with other times to the earliest and latest, in whatever offset they come', async () => {
    const organizer = (phone: unknown) => ({ actors: [{ id: MILL_ORGANIZER, phones: [phone] }] });
    await ingest(organizer({ number: '+86 139 0000 0001', observedAt: '2025-10-01T08:00:00+08:00' }));
    await ingest(organizer({ number: '139-0000-0001', observedAt: '2026-03-20T00:00:00Z' }));
    await ingest(organizer('13900000001')); // no time: no event, nothing changes but the load time
    // later than the first time as text, earlier as an instant: not the new first time
    await ingest(organizer({ number: '13900000001', observedAt: '2025-10-01T07:59:59+09:00' }));
    const phone = await tie(MILL_ORGANIZER, 'USES_PHONE', ORG_PHONE);
    expect(utc(phone.observedAt)).to.equal('2025-09-30T22:59:59.000Z');
    expect(utc(phone.lastObservedAt)).to.equal('2026-03-20T00:00:00.000Z');
    expect(Date.parse(phone.lastSeen!)).to.be.above(Date.parse(phone.firstSeen!));
  });

  describe('after a run', () => {
    let ringId: string;
    before(async () => {
      await detectRings(ctx, { seed: 7, hubThreshold: 20 });
      ringId = await topRingId(ctx, 'prosecutor');
    });

    it('dates the contact_phone window from the organizer’s reported use to the last event, never the load', async () => {
      const res = await request(ctx.app)
        .get(`/v1/rings/${ringId}`)
        .set('authorization', bearer('prosecutor'))
        .expect(200);
      const members = res.body.members as { id: string; evidence: Json[] }[];
      expect(members.map((m) => m.id)).to.include.members([MILL_ORGANIZER, ...MILL_MEMBERS]);
      const evidence = members.flatMap((m) => m.evidence);
      // the organizer's phone, written on the members' complaints (the hotline is a hub, linking no one)
      const contact = evidence.filter((e) => e.kind === 'contact_phone' && e.identifier === ORG_PHONE);
      expect(contact).to.have.length(MILL_MEMBERS.length + 1);
      for (const e of contact) {
        expect(e.firstAt).to.equal('2025-09-30T22:59:59.000Z');
        expect(e.lastAt).to.equal('2026-03-20T00:00:00.000Z');
      }
      for (const e of evidence) {
        for (const k of ['firstAt', 'lastAt'] as const)
          if (e[k] !== undefined) {
            expect(e[k], `${String(e.kind)} ${k}`).to.match(UTC);
            expect(Date.parse(String(e[k])), `${String(e.kind)} ${k}`).to.be.below(loadedFrom);
          }
      }
    });

    it('answers the actor report with each tie’s event times and the load time as its own field', async () => {
      const res = await request(ctx.app)
        .get(`/v1/actors/${MILL_ORGANIZER}`)
        .set('authorization', bearer('prosecutor'))
        .expect(200);
      const phone = (res.body.phones as Json[]).find((p) => p.number === ORG_PHONE)!;
      expect(phone).to.include({
        observedAt: '2025-09-30T22:59:59.000Z',
        lastObservedAt: '2026-03-20T00:00:00.000Z',
      });
      expect(phone.firstLoadedAt).to.match(UTC);
      expect(Date.parse(String(phone.firstLoadedAt))).to.be.at.least(loadedFrom - 1000);
      expect(res.body.accounts[0]).to.include({
        id: 'ACC-ORG',
        observedAt: '2025-12-01T01:00:00.000Z',
        lastObservedAt: '2025-12-01T01:00:00.000Z',
      });
      const member = await request(ctx.app)
        .get(`/v1/actors/${MILL_MEMBERS[0]}`)
        .set('authorization', bearer('prosecutor'))
        .expect(200);
      expect(member.body.phones[0]).to.include({ observedAt: null, lastObservedAt: null });
    });

    it('exports the event date of a tie (or none), never its load time, in CSV, ANX, GraphML and GEXF', async () => {
      const csv = await request(ctx.app)
        .get(`/v1/rings/${ringId}/export?format=csv&table=edges`)
        .set('authorization', bearer('prosecutor'))
        .buffer(true)
        .parse(asText)
        .expect(200);
      const [header, ...rows] = csvRows(csv.body as string);
      const col = (name: string) => header!.indexOf(name);
      const edge = (id: string) => rows.find((r) => r[col('id')] === id);
      const phone = edge(`USES_PHONE:actor:${MILL_ORGANIZER}->phone:${ORG_PHONE}`)!;
      expect(phone, 'the organizer’s phone link').to.not.equal(undefined);
      expect(phone[col('date')]).to.equal('2025-09-30T22:59:59.000Z');
      expect(phone[col('lastDate')]).to.equal('2026-03-20T00:00:00.000Z');
      expect(Date.parse(phone[col('firstLoadedAt')]!)).to.be.at.least(loadedFrom - 1000);
      const member = edge(`HOLDS:actor:${MILL_MEMBERS[0]}->account:ACC-${MILL_MEMBERS[0]}`)!;
      expect(member, 'a member’s account link').to.not.equal(undefined);
      expect(member[col('date')]).to.equal('');
      for (const r of rows)
        if (r[col('date')]) expect(Date.parse(r[col('date')]!), r[col('id')]).to.be.below(loadedFrom);

      const anx = await request(ctx.app)
        .get(`/v1/rings/${ringId}/export?format=anx`)
        .set('authorization', bearer('prosecutor'))
        .buffer(true)
        .parse(asText)
        .expect(200);
      const dates = [...(anx.body as string).matchAll(/ DateTime="([^"]+)"/g)].map((m) => m[1]!);
      expect(dates).to.include('2025-09-30T22:59:59');
      for (const d of dates) expect(Date.parse(`${d}Z`), d).to.be.below(loadedFrom);

      // the graph files carry the same dates on the same link
      for (const format of ['graphml', 'gexf']) {
        const res = await request(ctx.app)
          .get(`/v1/rings/${ringId}/export?format=${format}`)
          .set('authorization', bearer('prosecutor'))
          .buffer(true)
          .parse(asText)
          .expect(200);
        const xml = res.body as string;
        // the link's exact key (its > escaped or not, as XML allows in an attribute), inside its <edge> element
        const at = Math.max(
          ...['-&gt;', '->'].map((arrow) =>
            xml.indexOf(`USES_PHONE:actor:${MILL_ORGANIZER}${arrow}phone:${ORG_PHONE}`),
          ),
        );
        expect(at, format).to.be.above(0);
        const edge = xml.slice(xml.lastIndexOf('<edge', at), xml.indexOf('</edge>', at));
        expect(edge, format).to.contain('2025-09-30T22:59:59.000Z');
        expect(edge, format).to.contain('2026-03-20T00:00:00.000Z');
      }
    });
  });
});
