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
    expect(a.kind).to.equal('person');
    expect(a.source).to.equal('feeder');
    expect(a.phones).to.deep.equal(['+8613812345678']);
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

  it('flags the same id twice with different content, but not an exact repeat', () => {
    const same = { id: 'A1', name: '张三' };
    const { records } = recordsFromDocument({ actors: [same, same, { id: 'A1', name: '李四' }] });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.have.length(1);
    expect(v.errors[0]).to.include({ index: 2, field: 'id' });
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
