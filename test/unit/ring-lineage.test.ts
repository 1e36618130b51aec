// Ring identity across runs: continuation keeps ids; births, merges, splits and dissolutions are named.
import { expect } from 'chai';
import { matchRings, type NewRing, type RingSnapshot } from '../../src/analytics/ring-lineage.js';

const prev = (id: string, members: string[], score = 60): RingSnapshot => ({ id, actorIds: members, score });
const next = (proposedId: string, members: string[], score = 60): NewRing => ({
  proposedId,
  actorIds: members,
  score,
});
const range = (p: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${p}${from + i}`);

describe('ring lineage', () => {
  it('keeps every id when nothing changed', () => {
    const before = [prev('R-a', range('a', 0, 5)), prev('R-b', range('b', 0, 8))];
    const r = matchRings(before, [next('X1', range('b', 0, 8)), next('X2', range('a', 0, 5))]);
    expect(r.ids).to.deep.equal(['R-b', 'R-a']);
    expect(r.kept).to.equal(2);
    expect(r.changes.map((c) => c.event)).to.deep.equal(['unchanged', 'unchanged']);
  });

  it('continues a ring that grew or shrank, and names new rings by their proposed id', () => {
    const r = matchRings(
      [prev('R-a', range('a', 0, 10)), prev('R-b', range('b', 0, 10))],
      [next('X1', range('a', 0, 12)), next('X2', range('b', 0, 7)), next('X3', range('c', 0, 4), 90)],
    );
    expect(r.ids).to.deep.equal(['R-a', 'R-b', 'X3']);
    const byId = Object.fromEntries(r.changes.map((c) => [c.ringId, c]));
    expect(byId['R-a']!.event).to.equal('grew');
    expect(byId['R-b']!.event).to.equal('shrank');
    expect(byId['X3']!.event).to.equal('born');
    // a new high-score ring ranks first
    expect(r.changes[0]!.ringId).to.equal('X3');
  });

  it('records a split with both children and a merge with both parents', () => {
    const split = matchRings(
      [prev('R-a', range('a', 0, 12))],
      [next('X1', range('a', 0, 7)), next('X2', range('a', 7, 12))],
    );
    const parent = split.changes.find((c) => c.event === 'split' && c.into.length > 0)!;
    expect(parent.ringId).to.equal('R-a');
    expect(parent.into).to.have.members(split.ids);
    expect(split.ids).to.include('R-a');
    expect(split.changes.filter((c) => c.event === 'split').length).to.equal(3);

    const merged = matchRings(
      [prev('R-a', range('a', 0, 6)), prev('R-b', range('b', 0, 6))],
      [next('X', [...range('a', 0, 6), ...range('b', 0, 6)])],
    );
    expect(merged.changes[0]).to.include({ event: 'merged' });
    expect(merged.changes[0]!.from).to.deep.equal(['R-a', 'R-b']);
  });

  it('dissolves a ring with no successor and does not hand its id to a weak overlap', () => {
    const r = matchRings(
      [prev('R-a', range('a', 0, 10))],
      [next('X', [...range('a', 0, 2), ...range('z', 0, 8)])],
    );
    expect(r.ids).to.deep.equal(['X']);
    expect(r.changes.map((c) => c.event).sort()).to.deep.equal(['born', 'dissolved']);
  });

  it('never gives two rings the same id', () => {
    const r = matchRings(
      [prev('X', range('q', 0, 3))],
      [next('X', range('z', 0, 4)), next('Y', range('q', 0, 3))],
    );
    expect(new Set(r.ids).size).to.equal(2);
    expect(r.ids[1]).to.equal('X');
    expect(r.ids[0]).to.equal('X-2');
  });
});
