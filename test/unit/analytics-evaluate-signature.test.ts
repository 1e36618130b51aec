// Evaluation by ring signature (identifier / coordination) and of incident crowds reported as rings.
import { expect } from 'chai';
import { evaluate } from '../../src/analytics/evaluate.js';

describe('analytics: evaluate by signature and incident crowds', () => {
  const truth = {
    rings: [
      { id: 'P1', typology: 'complaint_mill', signature: 'identifier', actorIds: ['a', 'b', 'c', 'd'] },
      { id: 'P2', typology: 'complaint_mill', signature: 'coordination', actorIds: ['e', 'f', 'g'] },
      { id: 'P3', typology: 'credit_repair', signature: 'coordination', actorIds: ['x', 'y', 'z'] },
      { id: 'P4', typology: 'stock_tips', actorIds: ['s', 't', 'u'] },
    ],
    noise: {
      incidents: [
        { institution: '某某银行', actorIds: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10'] },
        { institution: '某某支付', actorIds: ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9', 'v10'] },
        { institution: '某某证券', actorIds: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10'] },
      ],
    },
  };
  const rings = [
    { id: 'R1', score: 80, actorIds: ['a', 'b', 'c', 'd'] },
    { id: 'R2', score: 70, actorIds: ['e', 'f', 'g', 'h'] }, // J(P2) = 3/4
    { id: 'R3', score: 60, actorIds: ['u1', 'u2', 'u3', 'u4'] }, // J(crowd 1) = 0.4
    { id: 'R4', score: 60, actorIds: ['v1', 'v2', 'h1', 'h2'] }, // half of it from crowd 2, J = 2/12
    { id: 'R5', score: 60, actorIds: ['w1', 'h3', 'h4', 'h5'] }, // a quarter from crowd 3: not the crowd
    { id: 'R6', score: 40, actorIds: ['w2', 'w3', 'w4', 'w5', 'w6'] }, // the crowd, but not reported
  ];
  const result = evaluate(rings, truth, { reportMinScore: 50, honestActorCount: 100 });

  it('reports recall per signature, rings without one counting as identifier', () => {
    expect(result.perSignature).to.deep.equal({
      coordination: { recovered: 1, total: 2, share: 0.5 },
      identifier: { recovered: 1, total: 2, share: 0.5 },
    });
  });

  it('flags an incident crowd overlapping a reported ring by Jaccard ≥ 0.3 or half of its members', () => {
    expect(result.incidents.total).to.equal(3);
    expect(result.incidents.reported).to.equal(2);
    expect(result.incidents.crowds).to.deep.equal([
      { institution: '某某银行', size: 10, reportedAs: [{ ringId: 'R3', jaccard: 0.4, crowdShare: 1 }] },
      { institution: '某某支付', size: 10, reportedAs: [{ ringId: 'R4', jaccard: 0.1667, crowdShare: 0.5 }] },
      { institution: '某某证券', size: 10, reportedAs: [] },
    ]);
  });

  it('has no incidents to check when the truth records none', () => {
    const plain = evaluate(rings, { rings: truth.rings }, { reportMinScore: 50, honestActorCount: 100 });
    expect(plain.incidents).to.deep.equal({ total: 0, reported: 0, crowds: [] });
  });
});
