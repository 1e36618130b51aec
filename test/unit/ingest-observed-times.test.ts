// Event times of an actor's ties: the earliest and latest reported, a record's observedAt as the default, bad ones refused.
import { expect } from 'chai';
import { recordsFromDocument, validateRecords } from '../../src/ingest/ingest.validator.js';
import { earlier, later, widen, type ObservedTimes } from '../../src/ingest/observed-times.js';

const ctx = { idHmacSecret: 'unit-secret-0123456789', defaultSource: 'feeder' };

describe('observed times', () => {
  it('keeps the earliest and the latest instant, whatever offset each is written in', () => {
    // 09:00+08:00 is 01:00Z, earlier than 02:00Z although its text sorts after it
    expect(earlier('2026-03-01T02:00:00Z', '2026-03-01T09:00:00+08:00')).to.equal(
      '2026-03-01T09:00:00+08:00',
    );
    expect(later('2026-03-01T02:00:00Z', '2026-03-01T09:00:00+08:00')).to.equal('2026-03-01T02:00:00Z');
    expect(later('2026-03-01T09:00:00+08:00', '2026-03-01T02:00:00Z')).to.equal('2026-03-01T02:00:00Z');
  });

  it('treats a missing time as no event, and an equal instant keeps the time held', () => {
    expect(earlier(null, '2026-03-01T00:00:00Z')).to.equal('2026-03-01T00:00:00Z');
    expect(earlier('2026-03-01T00:00:00Z', null)).to.equal('2026-03-01T00:00:00Z');
    expect(later(null, null)).to.equal(null);
    expect(earlier('2026-03-01T08:00:00+08:00', '2026-03-01T00:00:00Z')).to.equal(
      '2026-03-01T08:00:00+08:00',
    );
    expect(later('2026-03-01T08:00:00+08:00', '2026-03-01T00:00:00Z')).to.equal('2026-03-01T08:00:00+08:00');
  });

  it('widens a tie by each report, never narrows it', () => {
    const t: ObservedTimes = { observedAt: null, lastObservedAt: null };
    widen(t, { observedAt: '2026-03-05T00:00:00Z', lastObservedAt: '2026-03-05T00:00:00Z' });
    widen(t, { observedAt: '2026-03-01T00:00:00Z', lastObservedAt: '2026-03-02T00:00:00Z' });
    widen(t, { observedAt: null, lastObservedAt: null });
    widen(t, { observedAt: '2026-03-09T00:00:00Z', lastObservedAt: '2026-03-09T00:00:00Z' });
    expect(t).to.deep.equal({ observedAt: '2026-03-01T00:00:00Z', lastObservedAt: '2026-03-09T00:00:00Z' });
  });
});

describe('ingest validation of observedAt', () => {
  it('takes phones, devices and accounts as strings or objects, a tie’s own time over its record’s', () => {
    const { records } = recordsFromDocument({
      actors: [
        {
          id: 'A1',
          observedAt: '2026-03-01T08:00:00+08:00',
          phones: ['138 1234 5678', { number: '13900000001', observedAt: '2026-02-01T00:00:00Z' }],
          devices: ['dev-1', { id: 'dev-2' }],
          accounts: ['acc-1', { id: 'acc-2', kind: 'bank', observedAt: '2026-01-15T00:00:00Z' }],
          identifiers: [{ kind: 'wechat', value: 'wx1' }],
        },
        { id: 'A2', phones: [{ number: '13900000002' }], devices: ['dev-3'] },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    const [a1, a2] = v.batch.actors;
    const rec = { observedAt: '2026-03-01T08:00:00+08:00', lastObservedAt: '2026-03-01T08:00:00+08:00' };
    expect(a1!.phones).to.deep.equal([
      { number: '+8613812345678', ...rec },
      {
        number: '+8613900000001',
        observedAt: '2026-02-01T00:00:00Z',
        lastObservedAt: '2026-02-01T00:00:00Z',
      },
    ]);
    expect(a1!.devices).to.deep.equal([
      { id: 'dev-1', ...rec },
      { id: 'dev-2', ...rec },
    ]);
    expect(a1!.accounts[1]).to.deep.equal({
      id: 'acc-2',
      kind: 'bank',
      institution: null,
      observedAt: '2026-01-15T00:00:00Z',
      lastObservedAt: '2026-01-15T00:00:00Z',
    });
    expect(a1!.identifiers[0]).to.include(rec);
    // no time given anywhere: none, never the time of loading
    expect(a2!.phones).to.deep.equal([{ number: '+8613900000002', observedAt: null, lastObservedAt: null }]);
    expect(a2!.devices).to.deep.equal([{ id: 'dev-3', observedAt: null, lastObservedAt: null }]);
  });

  it('merges one tie reported at several times into its earliest and latest', () => {
    const { records } = recordsFromDocument({
      actors: [
        { id: 'A1', phones: [{ number: '13812345678', observedAt: '2026-03-05T00:00:00Z' }] },
        { id: 'A1', observedAt: '2026-03-01T00:00:00Z', phones: ['138-1234-5678'] },
        { id: 'A1', phones: ['13812345678'] },
        { id: 'A1', phones: [{ number: '+86 138 1234 5678', observedAt: '2026-03-09T00:00:00Z' }] },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors).to.deep.equal([]);
    expect(v.batch.actors[0]!.phones).to.deep.equal([
      {
        number: '+8613812345678',
        observedAt: '2026-03-01T00:00:00Z',
        lastObservedAt: '2026-03-09T00:00:00Z',
      },
    ]);
  });

  it('refuses a time without a zone or not a time, naming the record and the field', () => {
    const { records } = recordsFromDocument({
      actors: [
        {
          id: 'A1',
          observedAt: '2026-03-01',
          phones: [{ number: '13812345678', observedAt: '2026-03-01T08:00:00' }],
          devices: [{ id: 'd', observedAt: 'yesterday' }],
          accounts: [{ id: 'acc', observedAt: '2026-03-01 08:00' }],
          identifiers: [{ kind: 'ip', value: '10.0.0.1', observedAt: '2026-13-01T00:00:00Z' }],
        },
        { id: 'A2', phones: [{ number: '13900000001', when: 'x' }] },
        // checked once the record's shape is valid, as every phone is
        { id: 'A3', phones: ['13812345678', { number: 'call me' }] },
      ],
    });
    const v = validateRecords(records, ctx);
    expect(v.errors.map((e) => `${e.type}[${e.index}] ${e.id} ${e.field}: ${e.message}`)).to.have.members([
      'actor[0] A1 observedAt: must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)',
      'actor[0] A1 phones[0].observedAt: must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)',
      'actor[0] A1 devices[0].observedAt: must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)',
      'actor[0] A1 accounts[0].observedAt: must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)',
      'actor[0] A1 identifiers[0].observedAt: must be an ISO 8601 date-time with a time zone (YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset within ±18:00)',
      'actor[1] A2 phones[0]: unknown field(s): when',
      'actor[2] A3 phones[1].number: "call me" is not a phone number',
    ]);
    expect(v.batch.actors).to.deep.equal([]);
  });
});
