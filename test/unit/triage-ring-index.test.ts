// Triage scoring on a hand-built ring index: links, hubs, bursts, confirmed rings, levels.
import { expect } from 'chai';
import { RingIndex, levelOf, type IndexRing, type MemberIdentifierRow } from '../../src/triage/ring-index.js';

const ring = (ringId: string, score: number, status = 'new'): IndexRing => ({
  ringId,
  score,
  typology: 'complaint_mill',
  status,
  members: [
    { id: `${ringId}-org`, role: 'organizer', kind: 'agent' },
    ...[1, 2, 3].map((i) => ({ id: `${ringId}-m${i}`, role: 'member', kind: 'person' })),
  ],
});

const rows = (ringId: string): MemberIdentifierRow[] => [
  { actorId: `${ringId}-org`, kind: 'phone', identifier: `+86139${ringId}`, via: 'uses' },
  { actorId: `${ringId}-org`, kind: 'account', identifier: `ACC-${ringId}`, via: 'holds' },
  ...[1, 2, 3].flatMap((i) => [
    { actorId: `${ringId}-m${i}`, kind: 'phone' as const, identifier: `+86139${ringId}`, via: 'contact' },
    {
      actorId: `${ringId}-m${i}`,
      kind: 'filing' as const,
      identifier: `F-${i}`,
      via: 'filed',
      institution: 'BANK',
      at: `2026-05-0${i}T10:00:00+08:00`,
    },
  ]),
  { actorId: `${ringId}-m1`, kind: 'device', identifier: `DEV-${ringId}`, via: 'device' },
];

const base = { complainantId: 'X', institution: 'OTHER', filedAt: '2026-09-01T10:00:00Z' };

describe('triage ring index', () => {
  const index = new RingIndex(
    'run-1',
    [ring('A', 80), ring('B', 55, 'confirmed')],
    [...rows('A'), ...rows('B')],
    new Map([['phone:+861095588', 'hub shared by 900 actors, not evidence']]),
  );

  it('finds nothing for an unrelated record and says so', () => {
    const r = index.score(base);
    expect(r).to.include({ risk: 0, level: 'low' });
    expect(r.explanation).to.equal('no link to a known ring');
  });

  it('links a contact phone used by the organizer and written by members, strongly', () => {
    const r = index.score({ ...base, contactPhone: '+86139A' });
    expect(r.level).to.equal('high');
    expect(r.rings[0]!.ringId).to.equal('A');
    expect(r.rings[0]!.links[0]!.memberIds).to.deep.equal(['A-m1', 'A-m2', 'A-m3', 'A-org']);
    expect(r.rings[0]!.links[0]!.detail).to.contain('used by ring member A-org').and.contain('written on 3');
  });

  it('ignores a hub phone and names it', () => {
    const r = index.score({ ...base, contactPhone: '+861095588' });
    expect(r.level).to.equal('low');
    expect(r.ignored).to.deep.equal([
      { identifier: '+861095588', reason: 'hub shared by 900 actors, not evidence' },
    ]);
  });

  it('counts a burst only with enough ring filings nearby, and weakly', () => {
    const burst = index.score({ ...base, institution: 'BANK', filedAt: '2026-05-02T12:00:00+08:00' });
    expect(burst.rings.map((x) => x.links[0]!.kind)).to.deep.equal(['burst', 'burst']);
    expect(burst.level).to.equal('low');
    const far = index.score({ ...base, institution: 'BANK', filedAt: '2026-07-01T12:00:00+08:00' });
    expect(far.rings).to.deep.equal([]);
  });

  it('adds links up, and raises the risk of a confirmed ring', () => {
    const one = index.score({ ...base, known: { phones: [], accounts: [], devices: ['DEV-A'] } });
    const two = index.score({
      ...base,
      payoutAccount: 'ACC-A',
      known: { phones: [], accounts: [], devices: ['DEV-A'] },
    });
    expect(two.risk).to.be.greaterThan(one.risk);
    const plain = new RingIndex('run-1', [ring('B', 55)], rows('B'), new Map());
    const asNew = plain.score({ ...base, representativeId: 'B-org' });
    const asConfirmed = index.score({ ...base, representativeId: 'B-org' });
    expect(asConfirmed.risk).to.be.closeTo(Math.min(100, asNew.risk * 1.25), 0.2);
  });

  it('maps risk to levels', () => {
    expect([0, 29.9, 30, 59.9, 60, 100].map(levelOf)).to.deep.equal([
      'low',
      'low',
      'elevated',
      'elevated',
      'high',
      'high',
    ]);
  });
});
