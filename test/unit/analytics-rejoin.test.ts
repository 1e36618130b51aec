// Parts joined by a hand-off are merged only when the hand-off is a real share of what ties them (community-refinement.ts).
import { expect } from 'chai';
import { UndirectedGraph } from 'graphology';
import { rejoin, REJOIN_MIN_SHARE, SAME_DEVICE } from '../../src/analytics/community-refinement.js';

/** A clique of the given members, each edge of weight `w`. */
function clique(g: UndirectedGraph, members: string[], w: number): void {
  for (const m of members) if (!g.hasNode(m)) g.addNode(m);
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++) g.addEdge(members[i]!, members[j]!, { weight: w });
}

describe('analytics: rejoin across hand-offs', () => {
  // writer|owner: the writer wrote down an identifier the owner holds
  const handOffs = new Set(['F1|MGR', 'G1|MGR', 'P1|ORG']);
  const isHandOff = (a: string, b: string): number =>
    (handOffs.has(`${a}|${b}`) ? 1 : 0) | (handOffs.has(`${b}|${a}`) ? 2 : 0);

  it('does not pull a family into the community of a manager one of them wrote down once', () => {
    const g = new UndirectedGraph();
    clique(g, ['F1', 'F2', 'F3', 'F4'], 1);
    clique(g, ['G1', 'G2', 'G3'], 1);
    clique(g, ['MGR', 'R1', 'R2'], 1);
    g.addEdge('F1', 'MGR', { weight: 0.2 });
    g.addEdge('G1', 'MGR', { weight: 0.2 });
    const parts = rejoin(
      g,
      [
        ['F1', 'F2', 'F3', 'F4'],
        ['G1', 'G2', 'G3'],
        ['MGR', 'R1', 'R2'],
      ],
      isHandOff,
    );
    expect(parts).to.have.length(3);
  });

  it('keeps a piece with its organiser when the hand-off carries a real share of its weight', () => {
    const g = new UndirectedGraph();
    clique(g, ['ORG', 'O2'], 1);
    clique(g, ['P1', 'P2'], 1);
    g.addEdge('P1', 'ORG', { weight: 1 });
    const parts = rejoin(
      g,
      [
        ['ORG', 'O2'],
        ['P1', 'P2'],
      ],
      isHandOff,
    );
    expect(parts).to.deep.equal([['O2', 'ORG', 'P1', 'P2']]);
  });

  it("keeps a group with its organiser when most of the group writes down the organiser's phone", () => {
    const g = new UndirectedGraph();
    clique(g, ['C1', 'C2', 'C3'], 1);
    clique(g, ['ORG', 'O2'], 1);
    for (const c of ['C1', 'C2', 'C3']) g.addEdge(c, 'ORG', { weight: 0.1 });
    const writers = (a: string, b: string): number => (b === 'ORG' ? 1 : 0) | (a === 'ORG' ? 2 : 0);
    // the hand-off weighs 0.3 of the lighter part's 2.3: under the share, but all three wrote it down
    expect(
      rejoin(
        g,
        [
          ['C1', 'C2', 'C3'],
          ['O2', 'ORG'],
        ],
        writers,
      ),
    ).to.deep.equal([['C1', 'C2', 'C3', 'O2', 'ORG']]);
    const oneWriter = (a: string, b: string): number =>
      (a === 'C1' && b === 'ORG' ? 1 : 0) | (a === 'ORG' && b === 'C1' ? 2 : 0);
    expect(
      rejoin(
        g,
        [
          ['C1', 'C2', 'C3'],
          ['O2', 'ORG'],
        ],
        oneWriter,
      ),
    ).to.have.length(2);
  });

  it('merges on any hand-off with a share of 0 (the rule before this one)', () => {
    const g = new UndirectedGraph();
    clique(g, ['F1', 'F2', 'F3', 'F4'], 1);
    clique(g, ['MGR', 'R1', 'R2'], 1);
    g.addEdge('F1', 'MGR', { weight: 0.2 });
    const parts = [
      ['F1', 'F2', 'F3', 'F4'],
      ['MGR', 'R1', 'R2'],
    ];
    expect(rejoin(g, parts, isHandOff, 0)).to.have.length(1);
    expect(rejoin(g, parts, isHandOff, REJOIN_MIN_SHARE)).to.have.length(2);
  });

  it("keeps a salesman's piece with its team when most of the piece files from the team's devices", () => {
    const g = new UndirectedGraph();
    // two salesmen, each tied tightly to its own clients; the team's handset is used by most of both
    clique(g, ['S1', 'A1', 'A2', 'A3'], 1);
    clique(g, ['S2', 'B1', 'B2', 'B3'], 1);
    const handset = new Set(['S1', 'A1', 'A2', 'S2', 'B1', 'B2', 'B3']);
    for (const a of ['S1', 'A1', 'A2'])
      for (const b of ['S2', 'B1', 'B2', 'B3']) g.addEdge(a, b, { weight: 0.05 });
    const sameDevice = (a: string, b: string): number => (handset.has(a) && handset.has(b) ? SAME_DEVICE : 0);
    const parts = [
      ['A1', 'A2', 'A3', 'S1'],
      ['B1', 'B2', 'B3', 'S2'],
    ];
    // 0.6 of cross weight against volumes of 12.6 each: under the share, but most of each piece uses the handset
    expect(rejoin(g, parts, sameDevice)).to.deep.equal([['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'S1', 'S2']]);
    // one member of each filing from one device does not join them
    const once = (a: string, b: string): number =>
      (a === 'A1' && b === 'B1') || (a === 'B1' && b === 'A1') ? SAME_DEVICE : 0;
    expect(rejoin(g, parts, once)).to.have.length(2);
    // a whole family using the tablet of one member of a ring stays apart: most of one side only
    const tablet = (a: string, b: string): number =>
      (a === 'S1' && b.startsWith('B')) || (b === 'S1' && a.startsWith('B')) ? SAME_DEVICE : 0;
    expect(rejoin(g, parts, tablet)).to.have.length(2);
  });
});
