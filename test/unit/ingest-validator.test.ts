// Ingest validation and normalisation without a database.
import { expect } from 'chai';
import { normalisePhone } from '../../src/ingest/phone-number.js';
import {
  hashIdNumber,
  recordsFromDocument,
  recordsFromNdjson,
  validateRecords,
} from '../../src/ingest/ingest.validator.js';

const ctx = { idHmacSecret: 'unit-secret-0123456789', defaultSource: 'feeder' };

describe('phone normalisation', () => {
  it('writes every surface form of a mainland mobile as the same E.164 number', () => {
    for (const raw of [
      '13812345678',
      '+86 138 1234 5678',
      '138-1234-5678',
      '0086 13812345678',
      ' +8613812345678 ',
    ]) {
      expect(normalisePhone(raw)).to.deep.equal({ ok: true, e164: '+8613812345678' }, raw);
    }
  });
  it('accepts fixed-line numbers and rejects what is not a valid number', () => {
    expect(normalisePhone('010-66108608')).to.deep.equal({ ok: true, e164: '+861066108608' });
    expect(normalisePhone('12345').ok).to.equal(false);
    expect(normalisePhone('call me').ok).to.equal(false);
    expect(normalisePhone('').ok).to.equal(false);
  });
});

describe('ingest validation', () => {
  it('turns a valid document into rows, with sources defaulted and ID numbers hashed', () => {
    const { records } = recordsFromDocument({
      actors: [
        {
          id: 'A1',
          idNumber: '11010519491231002x',
          phones: ['138 1234 5678', '13812345678'],
          accounts: ['acc-1', { id: 'acc-2', kind: 'bank' }],
        },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    const a = v.batch.actors[0]!;
    expect(a.kind).to.equal(null); // stored as person for a new actor; an existing actor keeps its kind
    expect(a.source).to.equal('feeder');
    expect(a.phones.map((p) => p.number)).to.deep.equal(['+8613812345678']);
    expect(a.accounts.map((x) => x.id)).to.deep.equal(['acc-1', 'acc-2']);
    expect(a.idNumberHash).to.equal(hashIdNumber('11010519491231002X', ctx.idHmacSecret));
    expect(a.idNumberHash).not.to.contain('110105');
  });

  it('names record type, index, id and field of every error', () => {
    const { records } = recordsFromDocument({
      complaints: [
        {
          id: 'C1',
          filedAt: '2026-01-01T00:00:00Z',
          complainantId: 'A1',
          institution: 'X',
          category: 'fee_refund',
        },
        {
          id: 'C2',
          filedAt: '2026-01-01',
          complainantId: 'A1',
          institution: 'X',
          category: 'fee_refund',
          contactPhone: '999',
          extra: 1,
        },
      ],
    });
    const v = validateRecords(records, ctx);
    const errs = v.errors.map((e) => `${e.type}[${e.index}] ${e.id} ${e.field}`).sort();
    expect(errs).to.deep.equal(['complaint[1] C2 (record)', 'complaint[1] C2 filedAt']);
    // the phone is only checked once the record's shape is valid
    expect(v.batch.complaints.map((c) => c.id)).to.deep.equal(['C1']);
    expect(v.actorRefs.map((r) => r.actorId)).to.deep.equal(['A1']);
  });

  it('flags a complaint id twice with different content, but not an exact repeat', () => {
    const c = {
      id: 'C1',
      filedAt: '2026-01-01T00:00:00Z',
      complainantId: 'A1',
      institution: 'X',
      category: 'y',
    };
    const { records } = recordsFromDocument({ complaints: [c, c, { ...c, category: 'z' }] });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.have.length(1);
    expect(v.errors[0]).to.include({ index: 2, field: 'id' });
  });

  it('merges one actor sent three times: lists united without repeats, a later non-null scalar wins', () => {
    const { records } = recordsFromDocument({
      actors: [
        {
          id: 'A1',
          kind: 'agent',
          name: '张三',
          phones: ['13812345678'],
          identifiers: [{ kind: 'friend', value: '1' }],
        },
        { id: 'A1', phones: ['138 1234 5678', '13900000001'], accounts: ['acc-1'] },
        {
          id: 'A1',
          name: '李四',
          accounts: [{ id: 'acc-1', kind: 'bank' }],
          identifiers: [
            { kind: 'friend', value: '2' },
            { kind: 'friend', value: '1', observedAt: '2026-01-01T00:00:00Z' },
          ],
        },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    expect(v.batch.actors).to.deep.equal([
      {
        id: 'A1',
        kind: 'agent',
        name: '李四',
        idNumberHash: null,
        phones: [
          { number: '+8613812345678', observedAt: null, lastObservedAt: null },
          { number: '+8613900000001', observedAt: null, lastObservedAt: null },
        ],
        accounts: [{ id: 'acc-1', kind: 'bank', institution: null, observedAt: null, lastObservedAt: null }],
        devices: [],
        identifiers: [
          {
            key: 'friend:1',
            kind: 'friend',
            value: '1',
            observedAt: '2026-01-01T00:00:00Z',
            lastObservedAt: '2026-01-01T00:00:00Z',
          },
          { key: 'friend:2', kind: 'friend', value: '2', observedAt: null, lastObservedAt: null },
        ],
        source: 'feeder',
      },
    ]);
  });

  it('keeps one actor from two sources as two rows in order, so each tie keeps the source that reported it', () => {
    const { records } = recordsFromDocument({
      actors: [
        { id: 'A1', phones: ['13812345678'], source: 'bank:A' },
        { id: 'A1', phones: ['13900000001'], source: 'bank:B' },
        { id: 'A1', devices: ['d1'], source: 'bank:A' },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(
      v.batch.actors.map((a) => [a.source, a.phones.map((p) => p.number), a.devices.map((d) => d.id)]),
    ).to.deep.equal([
      ['bank:A', ['+8613812345678'], ['d1']],
      ['bank:B', ['+8613900000001'], []],
    ]);
  });

  it('routes identifiers of kind phone, account and device to their lists and normalises generic kinds', () => {
    const { records } = recordsFromDocument({
      actors: [
        {
          id: 'A1',
          identifiers: [
            { kind: 'phone', value: '+86 139-0000-0001' },
            { kind: 'account', value: 'acc-9' },
            { kind: 'device', value: 'dev-9' },
            { kind: 'email', value: 'Li@Example.com' },
            { kind: 'mac', value: 'aa-bb-cc-dd-ee-ff' },
            { kind: 'wechat', value: ' wxid_ab ' },
          ],
        },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    const a = v.batch.actors[0]!;
    expect(a.phones).to.deep.equal([{ number: '+8613900000001', observedAt: null, lastObservedAt: null }]);
    expect(a.accounts).to.deep.equal([
      { id: 'acc-9', kind: null, institution: null, observedAt: null, lastObservedAt: null },
    ]);
    expect(a.devices).to.deep.equal([{ id: 'dev-9', observedAt: null, lastObservedAt: null }]);
    expect(a.identifiers.map((x) => x.key)).to.deep.equal([
      'email:li@example.com',
      'mac:AA:BB:CC:DD:EE:FF',
      'wechat:wxid_ab',
    ]);
  });

  it('names record, index and field of a bad identifier kind or value, and refuses agent', () => {
    const { records } = recordsFromDocument({
      actors: [
        { id: 'A0' },
        {
          id: 'A1',
          identifiers: [
            { kind: 'WeChat', value: 'x' },
            { kind: 'agent', value: 'AG-1' },
            { kind: 'ip', value: 'not-an-ip' },
            { kind: 'email', value: '' },
          ],
        },
      ],
    });
    const v = validateRecords(records, ctx);
    const errs = v.errors.map((e) => `${e.type}[${e.index}] ${e.id} ${e.field}`).sort();
    expect(errs).to.deep.equal(['actor[1] A1 identifiers[0].kind', 'actor[1] A1 identifiers[1].kind']);
    expect(v.errors.find((e) => e.field === 'identifiers[1].kind')!.message).to.match(/agent is an actor/);
    // values are checked once the record's shape is valid
    const again = validateRecords(
      recordsFromDocument({
        actors: [
          {
            id: 'A1',
            identifiers: [
              { kind: 'ip', value: 'not-an-ip' },
              { kind: 'email', value: ' ' },
            ],
          },
        ],
      }).records,
      ctx,
    );
    expect(again.errors.map((e) => e.field)).to.deep.equal(['identifiers[0].value', 'identifiers[1].value']);
    expect(again.batch.actors).to.deep.equal([]);
  });

  it('takes up to 10,000 items a list and refuses more, in linear time', () => {
    const friends = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ kind: 'friend', value: String(i) }));
    const t0 = performance.now();
    const ok = validateRecords(
      recordsFromDocument({
        actors: [
          {
            id: 'BOT',
            identifiers: friends(10_000),
            devices: Array.from({ length: 10_000 }, (_, i) => `d${i}`),
            phones: Array.from({ length: 10_000 }, (_, i) => `139${String(i).padStart(8, '0')}`),
          },
        ],
      }).records,
      ctx,
    );
    expect(performance.now() - t0).to.be.below(5_000);
    expect(ok.errors).to.deep.equal([]);
    expect(ok.batch.actors[0]!.identifiers).to.have.length(10_000);
    expect(ok.batch.actors[0]!.phones).to.have.length(10_000);
    const over = validateRecords(
      recordsFromDocument({ actors: [{ id: 'BOT', identifiers: friends(10_001) }] }).records,
      ctx,
    );
    expect(over.errors.map((e) => `${e.field}: ${e.message}`)).to.deep.equal([
      'identifiers: must have at most 10,000 items',
    ]);
  });

  it('names parties given on a filing and found in its text, but not its own contact phone or payout account', () => {
    const { records } = recordsFromDocument({
      complaints: [
        {
          id: 'C1',
          filedAt: '2026-01-01T00:00:00Z',
          complainantId: 'A1',
          institution: 'X',
          category: 'debt_collection',
          contactPhone: '13700000001',
          payoutAccount: '6222021234567890128',
          namedParties: [
            { kind: 'wechat', value: 'wxid_cui', name: '王经理' },
            { kind: 'phone', value: '139 0000 0001' },
          ],
          text: '催收员用13812345678和13900000001天天打电话，我的电话13700000001，退款到6222021234567890128',
        },
      ],
      claims: [
        {
          id: 'CL1',
          filedAt: '2026-01-01T00:00:00Z',
          claimantId: 'A1',
          insurer: 'Y',
          kind: 'surrender',
          namedParties: [{ kind: 'account', value: '6222021234567890128' }],
        },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    expect(v.batch.complaints[0]!.namedParties).to.deep.equal([
      {
        kind: 'identifier',
        target: 'wechat:wxid_cui',
        identifierKind: 'wechat',
        value: 'wxid_cui',
        name: '王经理',
        extracted: false,
      },
      {
        kind: 'phone',
        target: '+8613900000001',
        identifierKind: null,
        value: '+8613900000001',
        name: null,
        extracted: false,
      },
      {
        kind: 'phone',
        target: '+8613812345678',
        identifierKind: null,
        value: '+8613812345678',
        name: null,
        extracted: true,
      },
    ]);
    expect(v.batch.claims[0]!.namedParties.map((p) => p.target)).to.deep.equal(['6222021234567890128']);
    const bad = validateRecords(
      recordsFromDocument({
        claims: [
          {
            id: 'CL1',
            filedAt: '2026-01-01T00:00:00Z',
            claimantId: 'A1',
            insurer: 'Y',
            kind: 'claim',
            namedParties: [{ kind: 'phone', value: '12345' }],
          },
        ],
      }).records,
      ctx,
    );
    expect(bad.errors.map((e) => `${e.type}[${e.index}] ${e.field}`)).to.deep.equal([
      'claim[0] namedParties[0].value',
    ]);
  });

  it('reads NDJSON with line numbers and per-type indexes', () => {
    const text = ['{"type":"actor","id":"A1"}', '', '{"type":"actor","id":"A2","phones":["x"]}', '[1]'].join(
      '\n',
    );
    const { records, errors } = recordsFromNdjson(text);
    expect(records.map((r) => `${r.type}#${r.index}`)).to.deep.equal(['actor#0', 'actor#1']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ line: 4, field: 'type' });
    const v = validateRecords(records, ctx);
    expect(v.errors[0]).to.include({ line: 3, field: 'phones[0]', index: 1 });
  });

  it('rejects a transfer to the same account and a representative who is the complainant', () => {
    const { records } = recordsFromDocument({
      transfers: [{ id: 'T1', from: 'a', to: 'a', amount: 1, at: '2026-01-01T00:00:00Z' }],
      complaints: [
        {
          id: 'C1',
          filedAt: '2026-01-01T00:00:00Z',
          complainantId: 'A1',
          representativeId: 'A1',
          institution: 'X',
          category: 'y',
        },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors.map((e) => `${e.type}.${e.field}`).sort()).to.deep.equal([
      'complaint.representativeId',
      'transfer.to',
    ]);
  });
});
