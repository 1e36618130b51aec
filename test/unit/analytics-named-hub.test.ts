// An identifier held by more actors than the hub threshold still ties them when outsiders name most of its holders.
import { expect } from 'chai';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { NAMED_HUB_MAX_FACTOR } from '../../src/analytics/evidence-identifiers.js';
import { detectRings } from '../../src/analytics/detect-rings.js';

/**
 * `staff` actors on one office network (`ip:office`, over the hub threshold of 50), each with a phone of its own;
 * `debtors` outsiders each name the phones of the first `named` staff members (in turn) in a complaint.
 */
function office(staff: number, named: number, debtors = 80): EvidenceGraphBuilder {
  const b = new EvidenceGraphBuilder();
  const phone = (s: number) => `+86139000${String(s).padStart(5, '0')}`;
  for (let s = 0; s < staff; s++) {
    const id = `STAFF-${String(s).padStart(3, '0')}`;
    b.addActor({ id, kind: 'person' });
    b.addIncidence({
      actorId: id,
      identifierKind: 'identifier',
      identifier: 'ip:office',
      via: 'has',
      source: 'isp',
    });
    b.addIncidence({
      actorId: id,
      identifierKind: 'phone',
      identifier: phone(s),
      via: 'uses',
      source: 'telco',
    });
  }
  for (let d = 0; d < (named > 0 ? debtors : 0); d++) {
    const id = `DEBTOR-${String(d).padStart(3, '0')}`;
    b.addActor({ id, kind: 'person' });
    b.addFiling({
      id: `C-${id}`,
      type: 'complaint',
      actorId: id,
      filedAt: `2024-05-${String(1 + (d % 28)).padStart(2, '0')}T09:00:00Z`,
      institution: 'Lender',
      category: 'collection_harassment',
      source: 'regulator',
    });
    for (const s of [d % named, (d + 1) % named]) {
      b.addIncidence({
        actorId: id,
        identifierKind: 'phone',
        identifier: phone(s),
        via: 'named',
        recordId: `C-${id}`,
        source: 'regulator',
      });
    }
  }
  return b;
}

/** The office's 60 staff also hold one account, into which an outsider's claim asks its payout. */
function withGangAccount(b: EvidenceGraphBuilder): EvidenceGraphBuilder {
  for (let s = 0; s < 60; s++)
    b.addIncidence({
      actorId: `STAFF-${String(s).padStart(3, '0')}`,
      identifierKind: 'account',
      identifier: 'ACC-GANG',
      via: 'holds',
      source: 'bank',
    });
  b.addActor({ id: 'PAYER', kind: 'person' });
  b.addFiling({
    id: 'CL-PAYER',
    type: 'claim',
    actorId: 'PAYER',
    filedAt: '2024-05-02T09:00:00Z',
    institution: 'Insurer',
    category: 'claim',
    source: 'insurer',
  });
  b.addIncidence({
    actorId: 'PAYER',
    identifierKind: 'account',
    identifier: 'ACC-GANG',
    via: 'payout',
    recordId: 'CL-PAYER',
    source: 'insurer',
  });
  return b;
}

const officeTies = (b: EvidenceGraphBuilder) => {
  const graph = b.build({ seed: 1 });
  const tie = graph.evidenceBetween('STAFF-000', 'STAFF-001').find((e) => e.identifier === 'ip:office');
  return { graph, tie };
};

describe('analytics: a wide identifier whose holders outsiders name', () => {
  it('ties an office network of 60 when debtors name most of the people on it', () => {
    const { graph, tie } = officeTies(office(60, 40));
    expect(tie, 'ip:office ties two staff members').to.not.equal(undefined);
    expect(graph.hubs.map((h) => h.identifier)).to.not.include('ip:office');
  });

  it('says on the ring why the office network links them although 60 share it', () => {
    const result = detectRings(office(60, 40), { seed: 1 });
    const ring = result.rings.find((r) => r.members.some((m) => m.actorId === 'STAFF-000'));
    const ip = ring?.sharedIdentifiers.find((x) => x.identifier === 'ip:office');
    expect(ip?.actorCount).to.equal(60);
    expect(ip?.reason).to.match(/more than the hub threshold of 50/);
    expect(ip?.reason).to.match(/here \d+ of the \d+ members holding it are/);
    const own = ring?.sharedIdentifiers.filter((x) => x.actorCount <= 50) ?? [];
    expect(own.every((x) => x.reason === undefined)).to.equal(true);
  });

  it('keeps it a hub when nobody names them (an employer, a campus)', () => {
    const { graph, tie } = officeTies(office(60, 0));
    expect(tie).to.equal(undefined);
    expect(graph.hubs.map((h) => h.identifier)).to.include('ip:office');
  });

  it('keeps it a hub when outsiders name only a few of them', () => {
    const { graph, tie } = officeTies(office(60, 20));
    expect(tie).to.equal(undefined);
    expect(graph.hubs.find((h) => h.identifier === 'ip:office')?.actorCount).to.equal(60);
  });

  it('gives the payouts into a wide account that links its holders those holders (not a hub with none)', () => {
    const graph = withGangAccount(office(60, 40)).build({ seed: 1 });
    expect(graph.hubs.map((h) => h.identifier)).to.not.include('ACC-GANG');
    expect(graph.payoutsOf('PAYER').map((p) => p.holderIds.length)).to.deep.equal([60]);
    // the same account when nobody names its holders: a hub, and the payout names no holder
    const quiet = withGangAccount(office(60, 0)).build({ seed: 1 });
    expect(quiet.payoutsOf('PAYER').map((p) => p.holderIds.length)).to.deep.equal([0]);
  });

  it("keeps a firm's landline a hub when a complaint names the firm that holds it (its clients only write it down)", () => {
    const b = new EvidenceGraphBuilder();
    b.addActor({ id: 'FIRM', kind: 'organization' });
    b.addIncidence({
      actorId: 'FIRM',
      identifierKind: 'phone',
      identifier: '+862100000001',
      via: 'uses',
      source: 'registry',
    });
    for (let c = 0; c < 60; c++) {
      const id = `CLIENT-${String(c).padStart(3, '0')}`;
      b.addActor({ id, kind: 'person' });
      b.addFiling({
        id: `F-${id}`,
        type: 'complaint',
        actorId: id,
        filedAt: '2024-05-01T09:00:00Z',
        institution: 'Bank',
        category: 'fee_refund',
        source: 'regulator',
      });
      b.addIncidence({
        actorId: id,
        identifierKind: 'phone',
        identifier: '+862100000001',
        via: 'contact',
        recordId: `F-${id}`,
        source: 'regulator',
      });
    }
    b.addActor({ id: 'UNHAPPY', kind: 'person' });
    b.addFiling({
      id: 'F-UNHAPPY',
      type: 'complaint',
      actorId: 'UNHAPPY',
      filedAt: '2024-06-01T09:00:00Z',
      institution: 'Bank',
      category: 'other',
      source: 'regulator',
    });
    b.addIncidence({
      actorId: 'UNHAPPY',
      identifierKind: 'phone',
      identifier: '+862100000001',
      via: 'named',
      recordId: 'F-UNHAPPY',
      source: 'regulator',
    });
    const graph = b.build({ seed: 1 });
    expect(graph.hubs.map((h) => h.identifier)).to.include('+862100000001');
    expect(graph.evidenceBetween('CLIENT-000', 'CLIENT-001')).to.have.length(0);
  });

  it('keeps it a hub above NAMED_HUB_MAX_FACTOR times the threshold, however many are named', () => {
    const staff = NAMED_HUB_MAX_FACTOR * 50 + 1;
    const { graph, tie } = officeTies(office(staff, staff));
    expect(tie).to.equal(undefined);
    expect(graph.hubs.map((h) => h.identifier)).to.include('ip:office');
  });
});
