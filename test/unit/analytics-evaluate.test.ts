// Detection quality numbers on a hand-made truth and a hand-made set of detected rings.
import { expect } from 'chai';
import { evaluate } from '../../src/analytics/evaluate.js';

describe('analytics: evaluate', () => {
  const truth = {
    rings: [
      { id: 'P1', typology: 'complaint_mill', actorIds: ['a', 'b', 'c', 'd'] },
      { id: 'P2', typology: 'stock_tips', actorIds: ['e', 'f', 'g'] },
      { id: 'P3', typology: 'complaint_mill', actorIds: ['x', 'y', 'z'] },
    ],
  };
  const rings = [
    { id: 'R1', score: 80, actorIds: ['a', 'b', 'c'] }, // J(P1) = 3/4
    { id: 'R2', score: 60, actorIds: ['e', 'f', 'h1', 'h2'] }, // J(P2) = 2/5: not a match
    { id: 'R3', score: 40, actorIds: ['x', 'y', 'z'] }, // a perfect match, but not reported
    { id: 'R4', score: 55, actorIds: ['h3', 'h4', 'h5'] }, // honest people only
  ];

  it('counts recall, per-typology recall, precision, mean best Jaccard and honest actors caught', () => {
    const result = evaluate(rings, truth, {
      reportMinScore: 50,
      honestActorCount: 100,
      ringActorIds: truth.rings.flatMap((r) => r.actorIds),
    });
    expect(result.reportedRings).to.equal(3);
    expect(result.recall).to.deep.equal({ recovered: 1, total: 3, share: 0.3333 });
    expect(result.perTypology).to.deep.equal({
      complaint_mill: { recovered: 1, total: 2, share: 0.5 },
      stock_tips: { recovered: 0, total: 1, share: 0 },
    });
    expect(result.precision).to.deep.equal({ matching: 1, reported: 3, share: 0.3333 });
    expect(result.meanBestJaccard).to.equal(0.3833); // (0.75 + 0.4 + 0) / 3
    expect(result.honestInReported).to.deep.equal({ count: 5, honestActorCount: 100, share: 0.05 });
    expect(result.planted).to.deep.equal([
      { id: 'P1', typology: 'complaint_mill', size: 4, bestRingId: 'R1', jaccard: 0.75 },
      { id: 'P2', typology: 'stock_tips', size: 3, bestRingId: 'R2', jaccard: 0.4 },
      { id: 'P3', typology: 'complaint_mill', size: 3, bestRingId: null, jaccard: 0 },
    ]);
  });

  it('recovers the third ring once the threshold lets it be reported', () => {
    const result = evaluate(rings, truth, { reportMinScore: 40, honestActorCount: 100 });
    expect(result.recall.recovered).to.equal(2);
    expect(result.perTypology.complaint_mill).to.deep.equal({ recovered: 2, total: 2, share: 1 });
    expect(result.precision).to.deep.equal({ matching: 2, reported: 4, share: 0.5 });
  });

  it('reports null shares when there is nothing to divide by', () => {
    const result = evaluate([], { rings: [] }, { reportMinScore: 50, honestActorCount: 0 });
    expect(result.recall.share).to.equal(null);
    expect(result.precision.share).to.equal(null);
    expect(result.meanBestJaccard).to.equal(null);
    expect(result.honestInReported.share).to.equal(null);
  });
});
