// Evidence graph builder: evidence kinds from vias, rarity-weighted edges, hubs, transfers and duplicates.
import { expect } from 'chai';
import type { IdentifierKind, IncidenceRow, TransferRow, Via } from '../../src/analytics/evidence.types.js';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { evidenceKindFor, isHandOff, rarity, transferFactor } from '../../src/analytics/evidence-kind.js';

const uses = (actorId: string, phone: string): IncidenceRow => ({
  actorId,
  identifierKind: 'phone',
  identifier: phone,
  via: 'uses',
  source: 'bank-a',
});
const contact = (actorId: string, phone: string, recordId: string, at: string): IncidenceRow => ({
  actorId,
  identifierKind: 'phone',
  identifier: phone,
  via: 'contact',
  recordId,
  source: 'regulator',
  at,
});
const holds = (actorId: string, account: string): IncidenceRow => ({
  actorId,
  identifierKind: 'account',
  identifier: account,
  via: 'holds',
  source: 'bank-a',
});
const device = (actorId: string, id: string): IncidenceRow => ({
  actorId,
  identifierKind: 'device',
  identifier: id,
  via: 'device',
  source: 'platform',
});
const transfer = (transferId: string, from: string, to: string, amount: number, at: string): TransferRow => ({
  transferId,
  fromActor: from,
  toActor: to,
  fromAccount: `ACC-${from}`,
  toAccount: `ACC-${to}`,
  amount,
  at,
  source: 'bank-a',
});

describe('analytics: evidence kinds', () => {
  const cases: [[IdentifierKind, Via[], Via[]], string][] = [
    [['phone', ['uses'], ['uses']], 'shared_phone'],
    [['phone', ['uses'], ['contact']], 'contact_phone'],
    [['phone', ['contact'], ['contact']], 'contact_phone'],
    // Writing one's own phone as contact is self-use: the pair still only shares a phone.
    [['phone', ['uses', 'contact'], ['uses']], 'shared_phone'],
    [['account', ['holds'], ['holds']], 'shared_account'],
    [['account', ['holds'], ['payout']], 'payout_account'],
    [['account', ['payout'], ['payout']], 'payout_account'],
    [['account', ['holds', 'payout'], ['holds']], 'shared_account'],
    [['device', ['device'], ['device']], 'shared_device'],
    [['agent', ['represented_by'], ['is_agent']], 'representation'],
    [['agent', ['represented_by'], ['represented_by']], 'representation'],
  ];
  for (const [[kind, a, b], expected] of cases) {
    it(`${kind} ${a.join('+')} / ${b.join('+')} → ${expected}`, () => {
      expect(evidenceKindFor(kind, a, b)).to.equal(expected);
      expect(evidenceKindFor(kind, b, a)).to.equal(expected);
    });
  }

  it('recognises a hand-off: one writes down what the other owns', () => {
    expect(isHandOff({ vias: [['contact'], ['uses']] })).to.equal(true);
    expect(isHandOff({ vias: [['is_agent'], ['represented_by']] })).to.equal(true);
    expect(isHandOff({ vias: [['contact'], ['contact']] })).to.equal(false);
    expect(isHandOff({ vias: [['uses', 'contact'], ['uses']] })).to.equal(false);
    expect(isHandOff({ vias: [['transfer_out'], ['transfer_in']] })).to.equal(false);
  });

  it('damps popular identifiers and rewards repeated transfers, saturating', () => {
    expect(rarity(2)).to.be.closeTo(0.6309, 1e-4);
    expect(rarity(3)).to.equal(0.5);
    expect(transferFactor(1)).to.equal(1);
    expect(transferFactor(4)).to.equal(1.5);
    expect(transferFactor(1000)).to.equal(2);
  });
});

describe('analytics: EvidenceGraphBuilder', () => {
  it('weighs an identifier shared by d actors at weight × 1/log2(d+1) for every pair', () => {
    const g = EvidenceGraphBuilder.fromRows({
      incidences: [uses('A', 'P'), uses('B', 'P'), uses('C', 'P')],
    }).build();
    expect(g.graph.order).to.equal(3);
    expect(g.graph.size).to.equal(3);
    expect(g.graph.getEdgeAttribute(g.graph.edge('A', 'B')!, 'weight')).to.equal(0.5 * 0.5);
    expect(g.evidenceBetween('B', 'A')).to.deep.equal([
      {
        kind: 'shared_phone',
        identifierKind: 'phone',
        identifier: 'P',
        actors: ['A', 'B'],
        vias: [['uses'], ['uses']],
        recordIds: [],
        sources: ['bank-a'],
        weight: 0.25,
        actorCount: 3,
      },
    ]);
  });

  it("derives contact evidence from complaints that list someone else's phone, with records and dates", () => {
    const g = EvidenceGraphBuilder.fromRows({
      incidences: [
        uses('O', '+86180'),
        contact('M1', '+86180', 'C-1', '2024-03-01T10:00:00+08:00'),
        contact('M2', '+86180', 'C-2', '2024-03-05T10:00:00+08:00'),
        contact('M2', '+86180', 'C-3', '2024-02-01T10:00:00+08:00'),
      ],
    }).build();
    const [e] = g.evidenceBetween('M2', 'O');
    expect(e).to.deep.include({
      kind: 'contact_phone',
      actors: ['M2', 'O'],
      vias: [['contact'], ['uses']],
      recordIds: ['C-2', 'C-3'],
      sources: ['bank-a', 'regulator'],
      firstAt: '2024-02-01T02:00:00.000Z',
      lastAt: '2024-03-05T02:00:00.000Z',
      weight: 0.5,
    });
    expect(g.evidenceBetween('M1', 'M2')[0]).to.include({ kind: 'contact_phone', weight: 0.5 });
  });

  it('adds the evidences of one pair into one edge weight, strongest evidence listed first', () => {
    const g = EvidenceGraphBuilder.fromRows({
      incidences: [uses('A', 'P'), uses('B', 'P'), device('A', 'D'), device('B', 'D')],
    }).build();
    expect(g.graph.size).to.equal(1);
    expect(g.graph.getEdgeAttribute(g.graph.edge('A', 'B')!, 'weight')).to.be.closeTo(
      (0.5 + 0.7) * rarity(2),
      1e-12,
    );
    expect(g.evidenceBetween('A', 'B').map((e) => e.kind)).to.deep.equal(['shared_device', 'shared_phone']);
  });

  it('turns agents into representation evidence and knows them as agents without an actor row', () => {
    const incidences: IncidenceRow[] = ['C1', 'C2'].map((c, i) => ({
      actorId: c,
      identifierKind: 'agent',
      identifier: 'agent:AG',
      via: 'represented_by',
      recordId: `C-${i}`,
      source: 'regulator',
    }));
    incidences.push({
      actorId: 'AG',
      identifierKind: 'agent',
      identifier: 'agent:AG',
      via: 'is_agent',
      source: 'regulator',
    });
    const g = EvidenceGraphBuilder.fromRows({ incidences }).build();
    expect(g.evidenceBetween('AG', 'C1')[0]).to.include({ kind: 'representation', weight: 0.8 * 0.5 });
    expect(g.evidenceBetween('C1', 'C2')[0]).to.include({ kind: 'representation' });
    expect(g.actor('AG').kind).to.equal('agent');
    expect(g.graph.getNodeAttribute('AG', 'kind')).to.equal('agent');
  });

  it('gives transfers direct evidence, both directions together, and ignores moves within one household', () => {
    const g = EvidenceGraphBuilder.fromRows({
      incidences: [
        holds('A', 'ACC-A'),
        holds('B', 'ACC-B'),
        holds('A', 'JOINT'),
        holds('C', 'JOINT'),
        holds('C', 'ACC-C'),
      ],
      transfers: [
        transfer('T1', 'A', 'B', 100, '2024-01-01T00:00:00Z'),
        transfer('T2', 'A', 'B', 100, '2024-02-01T00:00:00Z'),
        transfer('T3', 'A', 'B', 100, '2024-03-01T00:00:00Z'),
        transfer('T4', 'B', 'A', 50, '2024-04-01T00:00:00Z'),
        transfer('T5', 'A', 'A', 999, '2024-04-01T00:00:00Z'), // between one's own accounts
        { ...transfer('T6', 'A', 'C', 70, '2024-04-02T00:00:00Z'), toAccount: 'JOINT' }, // into a joint account
      ],
    }).build();
    expect(g.stats.ownTransfers).to.equal(2);
    expect(g.evidenceBetween('A', 'C').map((e) => e.kind)).to.deep.equal(['shared_account']);
    expect(g.evidenceBetween('A', 'B')).to.deep.equal([
      {
        kind: 'transfer',
        identifierKind: 'account',
        identifier: 'ACC-B',
        actors: ['A', 'B'],
        vias: [
          ['transfer_in', 'transfer_out'],
          ['transfer_in', 'transfer_out'],
        ],
        recordIds: ['T1', 'T2', 'T3', 'T4'],
        sources: ['bank-a'],
        firstAt: '2024-01-01T00:00:00.000Z',
        lastAt: '2024-04-01T00:00:00.000Z',
        weight: 0.8 * 1.5,
        count: 4,
        amount: 350,
      },
    ]);
  });

  it('reports an identifier tied to more actors than the hub threshold and links nobody through it', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => contact(`H${i}`, '+864008', `C-${i}`, '2024-01-01'));
    const hub = EvidenceGraphBuilder.fromRows({ incidences: rows(51) }).build();
    expect(hub.graph.size).to.equal(0);
    expect(hub.hubs).to.deep.equal([
      {
        identifier: '+864008',
        identifierKind: 'phone',
        actorCount: 51,
        recordCount: 51,
        reason:
          'phone +864008 is tied to 51 actors (more than the hub threshold of 50) through 51 complaints/claims, like a hotline or a platform account; it is not used to link actors.',
      },
    ]);
    const linked = EvidenceGraphBuilder.fromRows({ incidences: rows(50) }).build();
    expect(linked.hubs).to.deep.equal([]);
    expect(linked.graph.size).to.equal((50 * 49) / 2);
    expect(
      EvidenceGraphBuilder.fromRows({ incidences: rows(51) }).build({ hubThreshold: 60 }).graph.size,
    ).to.equal((51 * 50) / 2);
  });

  it('ignores exact duplicates and keeps one version of conflicting rows whatever the order', () => {
    const incidences = [uses('A', 'P'), uses('B', 'P'), contact('C', 'P', 'C-1', '2024-01-01')];
    const transfers = [
      transfer('T1', 'A', 'B', 10, '2024-01-01'),
      transfer('T1', 'A', 'B', 99, '2024-01-01'),
    ];
    const once = EvidenceGraphBuilder.fromRows({ incidences, transfers: transfers.slice(0, 1) }).build();
    const twice = EvidenceGraphBuilder.fromRows({
      incidences: [...incidences, ...incidences],
      transfers: [...transfers].reverse(),
    }).build();
    expect(twice.graph.export()).to.deep.equal(once.graph.export());
    expect(twice.evidenceBetween('A', 'C')).to.deep.equal(once.evidenceBetween('A', 'C'));
    expect(twice.evidenceBetween('A', 'B').find((e) => e.kind === 'transfer')?.amount).to.equal(10);
  });

  it('keeps foreign payouts (not one’s own account) for the money analysis', () => {
    const g = EvidenceGraphBuilder.fromRows({
      incidences: [
        holds('AG', 'ACC-AG'),
        holds('X', 'ACC-X'),
        {
          actorId: 'X',
          identifierKind: 'account',
          identifier: 'ACC-X',
          via: 'payout',
          recordId: 'CL-1',
          source: 'ins',
        },
        {
          actorId: 'Y',
          identifierKind: 'account',
          identifier: 'ACC-AG',
          via: 'payout',
          recordId: 'CL-2',
          source: 'ins',
        },
      ],
    }).build();
    expect(g.payoutsOf('X')).to.deep.equal([]);
    expect(g.payoutsOf('Y')).to.deep.equal([
      { actorId: 'Y', account: 'ACC-AG', source: 'ins', holderIds: ['AG'], recordId: 'CL-2' },
    ]);
    expect(g.evidenceBetween('AG', 'Y')[0]).to.include({ kind: 'payout_account', weight: rarity(2) });
  });

  it('drops evidence whose kind is weighted 0', () => {
    const g = EvidenceGraphBuilder.fromRows({ incidences: [uses('A', 'P'), uses('B', 'P')] }).build({
      weights: { shared_phone: 0 },
    });
    expect(g.graph.size).to.equal(0);
  });

  it('rejects rows it cannot key', () => {
    const b = new EvidenceGraphBuilder();
    expect(() => b.addIncidence({ ...uses('A', 'P'), actorId: '' })).to.throw(
      /actorId must be a non-empty string/,
    );
    expect(() => b.addIncidence({ ...uses('A', 'P'), via: 'owns' as never })).to.throw(/unknown via owns/);
    expect(() => b.addTransfer({ ...transfer('T', 'A', 'B', 1, 'x'), amount: Number.NaN })).to.throw(
      /amount/,
    );
  });
});
