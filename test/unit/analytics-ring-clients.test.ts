// Coached clients (ring-clients.ts): policyholders who only surrendered through an agent are listed with the ring's
// victims, accomplices who also filed the false statement stay members; on hand-built graphs.
import { expect } from 'chai';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { assembleRing } from '../../src/analytics/ring-assemble.js';

const AT = '2024-03-01T02:00:00Z';

/** The agent: its phone and the account the refunds are paid into. */
function agent(b: EvidenceGraphBuilder): string {
  b.addActor({ id: 'AGENT', kind: 'agent' });
  b.addIncidence({
    actorId: 'AGENT',
    identifierKind: 'phone',
    identifier: 'P-AGENT',
    via: 'uses',
    source: 'telco',
  });
  b.addIncidence({
    actorId: 'AGENT',
    identifierKind: 'account',
    identifier: 'ACC-AGENT',
    via: 'holds',
    source: 'bank',
  });
  return 'AGENT';
}

/** A surrender claim with the agent's phone as contact and its account as payout. */
function surrenderThroughAgent(b: EvidenceGraphBuilder, id: string): void {
  const claim = `CLM-${id}`;
  b.addFiling({
    id: claim,
    type: 'claim',
    actorId: id,
    filedAt: AT,
    institution: 'INS',
    category: 'surrender',
    source: 'insurer',
  });
  b.addIncidence({
    actorId: id,
    identifierKind: 'phone',
    identifier: 'P-AGENT',
    via: 'contact',
    recordId: claim,
    source: 'insurer',
    at: AT,
  });
  b.addIncidence({
    actorId: id,
    identifierKind: 'account',
    identifier: 'ACC-AGENT',
    via: 'payout',
    recordId: claim,
    source: 'insurer',
    at: AT,
  });
}

/** A complaint of mis-selling with the agent's phone as contact: the false statement an accomplice signs. */
function falseStatement(b: EvidenceGraphBuilder, id: string): void {
  const complaint = `CMP-${id}`;
  b.addFiling({
    id: complaint,
    type: 'complaint',
    actorId: id,
    filedAt: AT,
    institution: 'INS',
    category: 'insurance_mis_selling',
    source: 'regulator',
  });
  b.addIncidence({
    actorId: id,
    identifierKind: 'phone',
    identifier: 'P-AGENT',
    via: 'contact',
    recordId: complaint,
    source: 'regulator',
    at: AT,
  });
}

function person(b: EvidenceGraphBuilder, id: string): string {
  b.addActor({ id, kind: 'person' });
  return id;
}

describe('analytics: coached clients of a ring', () => {
  it('lists policyholders who only surrendered through the agent as victims, with the claims and the reason', () => {
    const b = new EvidenceGraphBuilder();
    const organiser = agent(b);
    const accomplices = ['ACC-1', 'ACC-2', 'ACC-3'].map((id) => person(b, id));
    const clients = ['CLIENT-1', 'CLIENT-2', 'CLIENT-3'].map((id) => person(b, id));
    for (const id of [...accomplices, ...clients]) surrenderThroughAgent(b, id);
    for (const id of accomplices) falseStatement(b, id);
    const ring = assembleRing(b.build({ seed: 1 }), [organiser, ...accomplices, ...clients]);

    expect(ring.members.map((m) => m.actorId).sort()).to.deep.equal([...accomplices, organiser].sort());
    const coached = ring.victims.filter((v) => v.reason.includes('被代理客户'));
    expect(coached.map((v) => v.actorId)).to.deep.equal(clients);
    expect(coached[0]!.recordIds).to.deep.equal(['CLM-CLIENT-1']);
    expect(coached[0]!.namedMemberIds).to.deep.equal([organiser]);
    expect(coached[0]!.identifiers).to.include('account:ACC-AGENT');
  });

  it('does not hold a complaint that has nothing to do with the ring against a client, but does one that ties it in', () => {
    const b = new EvidenceGraphBuilder();
    const organiser = agent(b);
    const accomplice = person(b, 'ACC-1');
    const unrelated = person(b, 'CLIENT-FEES');
    const tiedIn = person(b, 'CLIENT-TEMPLATE');
    for (const id of [accomplice, unrelated, tiedIn]) surrenderThroughAgent(b, id);
    falseStatement(b, accomplice);
    falseStatement(b, tiedIn);
    // a complaint about a bank's fees, with the filer's own phone as contact
    b.addFiling({
      id: 'CMP-FEES',
      type: 'complaint',
      actorId: unrelated,
      filedAt: AT,
      institution: 'BANK',
      category: 'fees',
      source: 'regulator',
    });
    b.addIncidence({
      actorId: unrelated,
      identifierKind: 'phone',
      identifier: 'P-OWN',
      via: 'uses',
      recordId: 'CMP-FEES',
      source: 'regulator',
      at: AT,
    });
    const ring = assembleRing(b.build({ seed: 1 }), [organiser, accomplice, unrelated, tiedIn]);

    expect(ring.members.map((m) => m.actorId).sort()).to.deep.equal([accomplice, organiser, tiedIn].sort());
    expect(ring.victims.map((v) => v.actorId)).to.deep.equal([unrelated]);
  });

  it('keeps a client that shares a phone of its own with the agent a member (taking part, not a hand-off)', () => {
    const b = new EvidenceGraphBuilder();
    const organiser = agent(b);
    const accomplice = person(b, 'ACC-1');
    const client = person(b, 'CLIENT-1');
    const partner = person(b, 'CLIENT-PARTNER');
    for (const id of [accomplice, client, partner]) surrenderThroughAgent(b, id);
    falseStatement(b, accomplice);
    for (const id of [organiser, partner])
      b.addIncidence({
        actorId: id,
        identifierKind: 'phone',
        identifier: 'P-SHARED',
        via: 'uses',
        source: 'telco',
      });
    const ring = assembleRing(b.build({ seed: 1 }), [organiser, accomplice, client, partner]);

    expect(ring.members.map((m) => m.actorId)).to.include(partner);
    expect(ring.victims.map((v) => v.actorId)).to.deep.equal([client]);
  });

  it('leaves the agent alone accused when every policyholder only surrendered through it', () => {
    const b = new EvidenceGraphBuilder();
    const organiser = agent(b);
    const clients = ['CLIENT-1', 'CLIENT-2', 'CLIENT-3', 'CLIENT-4'].map((id) => person(b, id));
    for (const id of clients) surrenderThroughAgent(b, id);
    const ring = assembleRing(b.build({ seed: 1 }), [organiser, ...clients]);

    expect(ring.members.map((m) => m.actorId)).to.deep.equal([organiser]);
    expect(ring.victims.map((v) => v.actorId)).to.deep.equal(clients);
    // the typology counts the clients' claims, and says so
    expect(ring.typology).to.equal('surrender_agent');
    expect(ring.typologyReason).to.contain("include the ring's 4 coached client(s)");
    expect(ring.members[0]!.summary).to.match(
      /^4 members or coached clients (wrote its phone|had refunds paid into its account)/,
    );
  });
});
