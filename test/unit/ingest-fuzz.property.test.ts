// Property-based tests (fast-check) of the ingest validators and the phone normaliser: they never throw, every
// error names a field, valid records come out as the rows they describe.
import { expect } from 'chai';
import fc from 'fast-check';
import { normalisePhone } from '../../src/ingest/phone-number.js';
import { RECORD_TYPES, type RawRecord } from '../../src/ingest/ingest.schema.js';
import {
  hashIdNumber,
  recordsFromDocument,
  recordsFromNdjson,
  validateRecords,
} from '../../src/ingest/ingest.validator.js';
import { ACCOUNT_KINDS, ACTOR_KINDS } from '../../src/shared/domain.js';

const ctx = { idHmacSecret: 'prop-secret-0123456789', defaultSource: 'feeder' };
const SEED = 20_260_501;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

/** Anything a caller may put in a record: valid-looking fields mixed with junk of every JSON type. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '$x',
    "' OR 1=1 //",
    '13812345678',
    '2026-03-04T09:12:00+08:00',
    -1,
    1e300,
    NaN,
  ),
);
const fieldNames = fc.constantFrom(
  'id',
  'kind',
  'name',
  'idNumber',
  'phones',
  'accounts',
  'devices',
  'source',
  'filedAt',
  'complainantId',
  'claimantId',
  'institution',
  'insurer',
  'category',
  'channel',
  'contactPhone',
  'payoutAccount',
  'representativeId',
  'text',
  'amount',
  'policyNumber',
  'from',
  'to',
  'at',
  'institutionType',
  'observedAt',
  '__proto__',
  'constructor',
  'type',
);
const recordValue = fc.oneof(fc.dictionary(fieldNames, junk, { maxKeys: 8 }), junk);
const rawRecords = fc.array(
  fc.record({ type: fc.constantFrom(...RECORD_TYPES), index: fc.nat(1000), value: recordValue }),
  { maxLength: 12 },
) as fc.Arbitrary<RawRecord[]>;

/** A mainland mobile and the ways people write it. */
const mobile = fc
  .tuple(
    fc.constantFrom(
      '130',
      '131',
      '132',
      '133',
      '135',
      '136',
      '137',
      '138',
      '139',
      '150',
      '151',
      '152',
      '155',
      '156',
      '157',
      '158',
      '159',
      '177',
      '180',
      '181',
      '182',
      '183',
      '185',
      '186',
      '187',
      '188',
      '189',
      '199',
    ),
    fc.integer({ min: 0, max: 99_999_999 }),
  )
  .map(([a, c]) => `${a}${String(c).padStart(8, '0')}`);
const written = (m: string) =>
  fc.constantFrom(
    m,
    `+86${m}`,
    `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
    `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
    `0086 ${m}`,
    ` ${m} `,
  );

const safeId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,30}$/);

describe('ingest validators and the phone normaliser (property-based)', () => {
  it('validateRecords never throws, and every error names a record type, an index and a field', () => {
    fc.assert(
      fc.property(rawRecords, (records) => {
        const r = validateRecords(records, ctx);
        expect(r.received).to.equal(records.length);
        for (const e of r.errors) {
          expect(e.field).to.be.a('string').and.not.equal('');
          expect(e.message).to.be.a('string').and.not.equal('');
          expect(RECORD_TYPES as readonly string[]).to.include(e.type);
          expect(records.some((x) => x.type === e.type && x.index === e.index)).to.equal(true);
        }
      }),
      runs(400),
    );
  });

  it('reading a JSON document or NDJSON text never throws, and its errors name a field', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 3 }),
          fc.dictionary(fc.constantFrom('actors', 'complaints', 'x'), junk),
        ),
        (body) => {
          const { errors } = recordsFromDocument(body);
          for (const e of errors) expect(e.field).to.be.a('string').and.not.equal('');
        },
      ),
      runs(300),
    );
    const line = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.json({ maxDepth: 2 }),
      recordValue.map(
        (v) => JSON.stringify(typeof v === 'object' && v !== null ? { type: 'actor', ...v } : v) ?? '',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const { records, errors } = recordsFromNdjson(lines.join('\n'));
        for (const e of errors) expect(e.field).to.be.a('string').and.not.equal('');
        expect(() => validateRecords(records, ctx)).not.to.throw();
      }),
      runs(300),
    );
  });

  it('a valid actor comes out as its row: phones in E.164 and deduplicated, accounts as objects, ID number hashed', () => {
    const unreported = { observedAt: null, lastObservedAt: null };
    const actor = fc.record({
      id: safeId,
      kind: fc.constantFrom(...ACTOR_KINDS),
      name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\u0000')),
      idNumber: fc.stringMatching(/^[0-9]{17}[0-9X]$/),
      mobiles: fc
        .array(mobile, { minLength: 1, maxLength: 4 })
        .chain((ms) => fc.tuple(fc.constant(ms), fc.tuple(...ms.map(written)))),
      accounts: fc.uniqueArray(fc.record({ id: safeId, kind: fc.constantFrom(...ACCOUNT_KINDS) }), {
        maxLength: 4,
        selector: (a) => a.id,
      }),
      devices: fc.uniqueArray(safeId, { maxLength: 3 }),
      source: safeId,
    });
    fc.assert(
      fc.property(actor, (a) => {
        const [mobiles, writtenPhones] = a.mobiles;
        const value = {
          id: a.id,
          kind: a.kind,
          name: a.name,
          idNumber: a.idNumber,
          phones: writtenPhones,
          accounts: a.accounts,
          devices: a.devices,
          source: a.source,
        };
        const r = validateRecords([{ type: 'actor', index: 0, value }], ctx);
        expect(r.errors).to.deep.equal([]);
        expect(r.batch.actors).to.deep.equal([
          {
            id: a.id,
            kind: a.kind,
            name: a.name,
            idNumberHash: hashIdNumber(a.idNumber, ctx.idHmacSecret),
            phones: [...new Set(mobiles.map((m) => `+86${m}`))].map((number) => ({ number, ...unreported })),
            accounts: a.accounts.map((x) => ({ id: x.id, kind: x.kind, institution: null, ...unreported })),
            devices: a.devices.map((id) => ({ id, ...unreported })),
            identifiers: [],
            source: a.source,
          },
        ]);
      }),
      runs(200),
    );
  });

  it('a valid complaint and transfer come out as their rows, referencing their actors', () => {
    const when = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(
        safeId,
        safeId,
        safeId,
        mobile,
        when,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (id, who, acc, m, at, amount) => {
          const complaint = {
            id,
            filedAt: at,
            complainantId: who,
            institution: '银行',
            category: 'fee_refund',
            contactPhone: m,
            payoutAccount: acc,
            amount,
          };
          const transfer = { id, from: acc, to: `${acc}-2`, amount, at };
          const r = validateRecords(
            [
              { type: 'complaint', index: 0, value: complaint },
              { type: 'transfer', index: 0, value: transfer },
            ],
            ctx,
          );
          expect(r.errors).to.deep.equal([]);
          expect(r.batch.complaints[0]).to.include({
            id,
            filedAt: at,
            complainantId: who,
            contactPhone: `+86${m}`,
            payoutAccount: acc,
            amount,
            source: 'feeder',
          });
          expect(r.batch.transfers[0]).to.deep.equal({ ...transfer, source: 'feeder' });
          expect(r.actorRefs.map((x) => x.actorId)).to.deep.equal([who]);
        },
      ),
      runs(200),
    );
  });

  it('normalisePhone never throws; what it accepts is E.164 and normalises to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[+0-9 ()-]{0,20}$/)), (raw) => {
        const r = normalisePhone(raw);
        if (r.ok) {
          expect(r.e164).to.match(/^\+[1-9]\d{6,14}$/);
          expect(normalisePhone(r.e164)).to.deep.equal(r);
        } else expect(r.message).to.be.a('string').and.not.equal('');
      }),
      runs(1000),
    );
  });

  it('normalisePhone writes every way of writing a mainland mobile as the same number', () => {
    fc.assert(
      fc.property(
        mobile.chain((m) => fc.tuple(fc.constant(m), written(m))),
        ([m, w]) => {
          expect(normalisePhone(w)).to.deep.equal({ ok: true, e164: `+86${m}` });
        },
      ),
      runs(500),
    );
  });
});
