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

  it("joins a staff member's piece tied thinly to each of the others once the others are one (repeated to a fixpoint)", () => {
    const g = new UndirectedGraph();
    // three staff, each with clients (a clique of 4); clients of one staff also wrote down another staff's phone
    clique(g, ['X1', 'X2', 'X3', 'X4'], 1);
    clique(g, ['Y1', 'Y2', 'Y3', 'Y4'], 1);
    clique(g, ['Z1', 'Z2', 'Z3', 'Z4'], 1);
    clique(g, ['F1', 'F2', 'F3', 'F4'], 1);
    g.addEdge('X1', 'Y1', { weight: 2.6 });
    g.addEdge('X2', 'Z1', { weight: 1.5 });
    g.addEdge('Y2', 'Z2', { weight: 1.5 });
    // a family two of whose members wrote down a staff phone once each
    g.addEdge('F1', 'X3', { weight: 0.5 });
    g.addEdge('F2', 'Y3', { weight: 0.5 });
    const writes = new Set(['Y1|X1', 'Z1|X2', 'Z2|Y2', 'F1|X3', 'F2|Y3']);
    const handOff = (a: string, b: string): number =>
      (writes.has(`${a}|${b}`) ? 1 : 0) | (writes.has(`${b}|${a}`) ? 2 : 0);
    const parts = [
      ['X1', 'X2', 'X3', 'X4'],
      ['Y1', 'Y2', 'Y3', 'Y4'],
      ['Z1', 'Z2', 'Z3', 'Z4'],
      ['F1', 'F2', 'F3', 'F4'],
    ];
    // X–Y: 2.6 of X's 16.6 (0.157) passes; Z's ties to X and to Y are 1.5 of its 15 each (0.1) and pass only
    // together (0.2) once X and Y are one part; the family's 0.5 + 0.5 of its 13 (0.077) never does
    const joined = rejoin(g, parts, handOff).map((p) => [...p].sort());
    expect(joined).to.have.length(2);
    expect(joined).to.deep.include(['X1', 'X2', 'X3', 'X4', 'Y1', 'Y2', 'Y3', 'Y4', 'Z1', 'Z2', 'Z3', 'Z4']);
    expect(joined).to.deep.include(['F1', 'F2', 'F3', 'F4']);
  });
});
