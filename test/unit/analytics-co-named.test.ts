// Co-named evidence (共同被投诉): who a complaint implicates, and how a crew its victims name together becomes one ring.
import { expect } from 'chai';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { fileHarassmentComplaint } from '../support/debtor-complaints.js';
import { detectRings } from '../../src/analytics/detect-rings.js';
import { CO_NAMED_MAX_HOLDERS } from '../../src/analytics/co-named.js';

const COLLECTORS = ['COL-1', 'COL-2', 'COL-3', 'COL-4', 'COL-5'];
const phoneOf = (c: string): string => `+8617000000${c.slice(-1).padStart(3, '0')}`;

/**
 * An outsourced collection firm: five collectors, each on a phone of their own, sharing nothing; 40 debtors each
 * name two of them (the pair depends on the debtor) in a harassment complaint.
 */
function collectors(b: EvidenceGraphBuilder, debtors = 40, namedPerDebtor = 2): void {
  for (const c of COLLECTORS) {
    b.addActor({ id: c, kind: 'person' });
    b.addIncidence({
      actorId: c,
      identifierKind: 'phone',
      identifier: phoneOf(c),
      via: 'uses',
      source: 'telco',
    });
  }
  for (let d = 0; d < debtors; d++) {
    const id = `DEBTOR-${d}`;
    b.addActor({ id, kind: 'person' });
    const filing = fileHarassmentComplaint(b, id, d);
    for (let k = 0; k < namedPerDebtor; k++) {
      b.addIncidence({
        actorId: id,
        identifierKind: 'phone',
        identifier: phoneOf(COLLECTORS[(d + k * (1 + (d % 4))) % COLLECTORS.length]!),
        via: 'named',
        recordId: filing,
        source: 'regulator',
        at: `2024-04-${String(1 + (d % 28)).padStart(2, '0')}T01:00:00Z`,
      });
    }
  }
}

describe('analytics: co-named evidence', () => {
  it('ties two actors one complainant names together, citing the complaints and the complainant', () => {
    const b = new EvidenceGraphBuilder();
    collectors(b);
    const graph = b.build({ seed: 1 });
    const e = graph.evidenceBetween('COL-1', 'COL-2').find((x) => x.kind === 'co_named');
    expect(e, 'co_named between COL-1 and COL-2').to.not.equal(undefined);
    expect(e!.identifierKind).to.equal('complainant');
    expect(e!.identifier).to.match(/^DEBTOR-\d+$/u);
    expect(e!.recordIds.length).to.be.greaterThan(0);
    expect(e!.recordIds.every((id) => id.startsWith('C-D'))).to.equal(true);
    expect(e!.sources).to.deep.equal(['regulator']);
    expect(e!.firstAt).to.be.a('string');
    // the complainants are tied neither to each other nor to the named
    expect(graph.evidenceBetween('DEBTOR-1', 'DEBTOR-2')).to.deep.equal([]);
    expect(graph.evidenceBetween('DEBTOR-1', 'COL-1')).to.deep.equal([]);
  });

  it('finds the crew as one ring of debt collection, its debtors as victims and not members', () => {
    const b = new EvidenceGraphBuilder();
    collectors(b);
    const result = detectRings(b, { seed: 3 });
    const ring = result.rings.find((r) => r.members.some((m) => m.actorId === 'COL-1'));
    expect(ring, 'a ring holding COL-1').to.not.equal(undefined);
    expect(ring!.members.map((m) => m.actorId).sort()).to.deep.equal(COLLECTORS);
    expect(ring!.typology).to.equal('debt_collection');
    expect(ring!.typologyReason).to.contain('named as the party complained about');
    expect(ring!.victims.length).to.equal(40);
    expect(result.rings.some((r) => r.members.some((m) => m.actorId.startsWith('DEBTOR')))).to.equal(false);
    const summary = ring!.members.find((m) => m.actorId === 'COL-1')!.summary;
    expect(summary).to.contain('named as the party complained about together with');
  });

  it('does not use a complainant who names more parties than the limit', () => {
    const b = new EvidenceGraphBuilder();
    const many = CO_NAMED_MAX_HOLDERS + 1;
    for (let i = 0; i < many; i++) {
      b.addActor({ id: `P-${i}`, kind: 'person' });
      b.addIncidence({
        actorId: `P-${i}`,
        identifierKind: 'phone',
        identifier: `+861380000${String(i).padStart(4, '0')}`,
        via: 'uses',
        source: 't',
      });
      b.addIncidence({
        actorId: 'LISTER',
        identifierKind: 'phone',
        identifier: `+861380000${String(i).padStart(4, '0')}`,
        via: 'named',
        recordId: 'C-LIST',
        source: 'r',
      });
    }
    b.addActor({ id: 'LISTER', kind: 'person' });
    const graph = b.build({ seed: 1 });
    expect(graph.evidenceBetween('P-0', 'P-1')).to.deep.equal([]);
  });
});
