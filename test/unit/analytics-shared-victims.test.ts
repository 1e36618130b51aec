// Pieces of one operation joined by the victims they share (shared-victims.ts), on hand-built graphs.
import { expect } from 'chai';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { joinBySharedVictims, SHARED_VICTIMS_MIN } from '../../src/analytics/shared-victims.js';
import { fileHarassmentComplaint } from '../support/debtor-complaints.js';

/** A crew of four sharing two office phones among themselves; each member also has a phone of its own. */
function crew(b: EvidenceGraphBuilder, name: string): string[] {
  const ids = [1, 2, 3, 4].map((i) => `${name}-${i}`);
  ids.forEach((id, i) => {
    b.addActor({ id, kind: 'person' });
    for (const phone of [`office-${name}-a`, `office-${name}-b`, `own-${id}`]) {
      if (phone.startsWith('own') || i < 3 || phone.endsWith('-b'))
        b.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: phone,
          via: 'uses',
          source: 'telco',
        });
    }
  });
  return ids;
}

/** Debtor `d` names the own phones of `named` in one harassment complaint. */
function debtor(b: EvidenceGraphBuilder, d: number, named: string[]): void {
  const id = `DEBTOR-${d}`;
  b.addActor({ id, kind: 'person' });
  const filing = fileHarassmentComplaint(b, id, d);
  for (const member of named) {
    b.addIncidence({
      actorId: id,
      identifierKind: 'phone',
      identifier: `own-${member}`,
      via: 'named',
      recordId: filing,
      source: 'regulator',
      at: '2024-04-02T01:00:00Z',
    });
  }
}

describe('analytics: pieces joined by shared victims', () => {
  it(`merges two communities that ${SHARED_VICTIMS_MIN} outsiders complain about and that evidence ties`, () => {
    const b = new EvidenceGraphBuilder();
    const a = crew(b, 'A');
    const c = crew(b, 'C');
    const other = crew(b, 'X');
    for (let d = 0; d < SHARED_VICTIMS_MIN; d++) debtor(b, d, [a[d]!, c[d]!]);
    debtor(b, 10, [other[0]!]);
    const graph = b.build({ seed: 1 });
    const { communities, joinedCommunities } = joinBySharedVictims(graph, [a, c, other]);
    expect(joinedCommunities).to.equal(1);
    expect(communities).to.deep.equal([[...a, ...c].sort(), other]);
  });

  it('keeps them apart with one shared victim too few', () => {
    const b = new EvidenceGraphBuilder();
    const a = crew(b, 'A');
    const c = crew(b, 'C');
    for (let d = 0; d < SHARED_VICTIMS_MIN - 1; d++) debtor(b, d, [a[d]!, c[d]!]);
    const graph = b.build({ seed: 1 });
    const { communities, joinedCommunities } = joinBySharedVictims(graph, [a, c]);
    expect(joinedCommunities).to.equal(0);
    expect(communities).to.deep.equal([a, c]);
  });

  it('keeps them apart when no evidence ties one to the other (their members could not be explained)', () => {
    const b = new EvidenceGraphBuilder();
    const a = crew(b, 'A');
    const c = crew(b, 'C');
    for (let d = 0; d < SHARED_VICTIMS_MIN + 2; d++) debtor(b, d, [a[d % 4]!, c[d % 4]!]);
    // without co_named evidence, being named by the same complainants ties no one
    const graph = b.build({ seed: 1, weights: { co_named: 0 } });
    expect(joinBySharedVictims(graph, [a, c]).joinedCommunities).to.equal(0);
    const tiedGraph = b.build({ seed: 1 });
    expect(joinBySharedVictims(tiedGraph, [a, c]).joinedCommunities).to.equal(1);
  });

  it('does not count a complainant who names members of more communities than co_named allows', () => {
    const b = new EvidenceGraphBuilder();
    const crews = Array.from({ length: 14 }, (_, i) => crew(b, `K${i}`));
    // three serial complainants each name one member of every crew
    for (let d = 0; d < 3; d++)
      debtor(
        b,
        d,
        crews.map((c) => c[0]!),
      );
    const graph = b.build({ seed: 1 });
    expect(joinBySharedVictims(graph, crews).joinedCommunities).to.equal(0);
  });
});
