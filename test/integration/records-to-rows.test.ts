// The pure records → projection rows path gives the rows the real ingest + Neo4j projection give, row for row.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import type { ActorRow, FilingRow, IncidenceRow, TransferRow } from '../../src/analytics/evidence.types.js';
import { rowsFromRecords } from '../../src/ingest/records-to-rows.js';
import { readProjection, type ProjectionSink } from '../../src/runs/projection.reader.js';
import { bearer } from '../support/test-context.js';
import { suiteContext } from '../support/world-setup.js';

/** A small world using every tie the projection knows, identifiers and named parties included. */
const RECORDS = [
  { type: 'institution', name: '某某消费金融', institutionType: 'consumer_finance' },
  {
    type: 'actor',
    id: 'A1',
    name: '张伟',
    phones: ['138 1234 5678', { number: '13912340000', observedAt: '2026-02-03T09:00:00+08:00' }],
    accounts: [{ id: '6222020000000001', kind: 'bank' }],
    observedAt: '2026-01-20T00:00:00Z',
    identifiers: [
      { kind: 'wechat', value: 'wxid_shared' },
      { kind: 'email', value: 'Zhang@Example.com', observedAt: '2026-02-01T00:00:00Z' },
    ],
  },
  {
    type: 'actor',
    id: 'A2',
    devices: [{ id: 'dev-1', observedAt: '2026-02-05T00:00:00Z' }],
    identifiers: [{ kind: 'wechat', value: 'wxid_shared' }],
  },
  // one tie reported again with another time, from another source: the stored tie spans both
  {
    type: 'actor',
    id: 'A2',
    devices: [{ id: 'dev-1', observedAt: '2026-02-07T00:00:00+08:00' }],
    source: 'mdm:Y',
  },
  // the same actor again in this request, from another source, then once more from the first: merged / in order
  {
    type: 'actor',
    id: 'A2',
    kind: 'person',
    identifiers: [{ kind: 'ip', value: '10.0.0.1' }],
    source: 'isp:X',
  },
  {
    type: 'actor',
    id: 'A2',
    identifiers: [
      { kind: 'friend', value: '77' },
      { kind: 'wechat', value: 'wxid_shared' },
    ],
  },
  { type: 'actor', id: 'AG', kind: 'agent', accounts: ['6222020000000099'] },
  {
    type: 'complaint',
    id: 'C1',
    filedAt: '2026-03-04T09:12:00+08:00',
    complainantId: 'A1',
    institution: '某某消费金融',
    category: 'debt_collection',
    contactPhone: '13812345678',
    representativeId: 'AG',
    namedParties: [{ kind: 'wechat', value: 'wxid_cuishou', name: '王经理' }],
    text: '催收员用13900000001天天打电话骚扰，让我转账到对方卡号6222 0212 3456 7890 128',
    amount: 5000,
  },
  {
    type: 'complaint',
    id: 'C2',
    filedAt: '2026-03-05T10:00:00Z',
    complainantId: 'A2',
    institution: '某某消费金融',
    category: 'debt_collection',
    payoutAccount: '6222020000000099',
    text: '对方电话+86 139-0000-0001，自称律师',
  },
  {
    type: 'claim',
    id: 'CL1',
    filedAt: '2026-03-06T10:00:00Z',
    claimantId: 'A2',
    insurer: '中国人寿',
    kind: 'surrender',
    namedParties: [
      { kind: 'phone', value: '13900000001' },
      { kind: 'account', value: '6222020000000099' },
    ],
  },
  {
    type: 'transfer',
    id: 'T1',
    from: '6222020000000001',
    to: '6222020000000099',
    amount: 800,
    at: '2026-03-06T10:00:00Z',
  },
];

class Collect implements ProjectionSink {
  actors: ActorRow[] = [];
  incidences: IncidenceRow[] = [];
  transfers: TransferRow[] = [];
  filings: FilingRow[] = [];
  addActor(r: ActorRow) {
    this.actors.push(r);
  }
  addIncidence(r: IncidenceRow) {
    this.incidences.push(r);
  }
  addTransfer(r: TransferRow) {
    this.transfers.push(r);
  }
  addFiling(r: FilingRow) {
    this.filings.push(r);
  }
  /** Sorted JSON lines, times as instants (Neo4j prints a datetime as it likes); every `at` is an event time. */
  lines(): Record<string, string[]> {
    const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    const instant = (t: string | undefined) => (t === undefined ? t : new Date(Date.parse(t)).toISOString());
    return {
      actors: sorted(this.actors),
      incidences: sorted(
        this.incidences.map((r) => ({ ...r, at: instant(r.at), lastAt: instant(r.lastAt) })),
      ),
      transfers: sorted(this.transfers),
      filings: sorted(this.filings),
    };
  }
}

describe('records-to-rows against the real ingest and projection', () => {
  let ctx: AppContext;
  suiteContext((c) => (ctx = c), { clearFirst: true });

  it('gives the same actors, incidences (has and named included), transfers and filings', async () => {
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .set('content-type', 'application/x-ndjson')
      .send(RECORDS.map((r) => JSON.stringify(r)).join('\n'))
      .expect(200);
    const stored = new Collect();
    await readProjection(ctx.handle, stored);
    const pure = new Collect();
    rowsFromRecords(RECORDS, pure, { defaultSource: 'feeder' });

    const s = stored.lines();
    const p = pure.lines();
    expect(p.actors).to.deep.equal(s.actors);
    expect(p.incidences).to.deep.equal(s.incidences);
    expect(p.transfers).to.deep.equal(s.transfers);
    expect(p.filings).to.deep.equal(s.filings);

    // and the new rows are there: generic identifiers (has) and the named parties, given and extracted
    const kinds = pure.incidences.map((r) => `${r.actorId} ${r.via} ${r.identifierKind} ${r.identifier}`);
    expect(kinds).to.include.members([
      'A1 has identifier wechat:wxid_shared',
      'A2 has identifier wechat:wxid_shared',
      'A2 has identifier ip:10.0.0.1',
      'A1 named identifier wechat:wxid_cuishou',
      'A1 named phone +8613900000001',
      'A1 named account 6222021234567890128',
      'A2 named phone +8613900000001',
      'A2 named account 6222020000000099',
    ]);
    const ip = pure.incidences.find((r) => r.identifier === 'ip:10.0.0.1')!;
    expect(ip.source).to.equal('isp:X');
    const named = pure.incidences.find((r) => r.via === 'named' && r.recordId === 'CL1')!;
    expect(named).to.deep.include({ at: '2026-03-06T10:00:00Z', source: 'feeder' });
    // an actor's own ties: the times reported (a tie's own, its record's), none when none was; never a load time
    const at = (via: string, identifier: string) =>
      s.incidences!.filter((l) => l.includes(`"via":"${via}"`) && l.includes(`"identifier":"${identifier}"`));
    expect(at('uses', '+8613912340000')).to.have.length(1);
    expect(at('uses', '+8613912340000')[0]).to.contain('"at":"2026-02-03T01:00:00.000Z"');
    expect(at('holds', '6222020000000001')[0]).to.contain('"at":"2026-01-20T00:00:00.000Z"');
    expect(at('device', 'dev-1')).to.have.length(1);
    expect(at('device', 'dev-1')[0]).to.contain(
      '"at":"2026-02-05T00:00:00.000Z","identifier":"dev-1","identifierKind":"device","lastAt":"2026-02-06T16:00:00.000Z"',
    );
    expect(at('has', 'ip:10.0.0.1')[0]).to.not.contain('"at"');
  });
});
