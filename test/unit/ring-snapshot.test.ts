// The report a run writes with a ring, and the report made from it with the parts read live.
import { expect } from 'chai';
import type { DetectedRing } from '../../src/analytics/index.js';
import { reportFromSnapshot, ringSnapshot } from '../../src/rings/ring-snapshot.js';

function member(actorId: string, role: 'organizer' | 'agent' | 'participant', strength: number) {
  return { actorId, kind: 'person' as const, role, strength, summary: `${actorId} summary`, evidence: [] };
}

const detected = {
  members: [
    member('A-3', 'participant', 1),
    member('A-2', 'participant', 2),
    member('A-1', 'participant', 2),
    member('A-9', 'agent', 0.5),
    member('A-8', 'organizer', 0.1),
  ],
  score: 87,
  probability: 0.87,
  breakdown: [],
  typology: 'complaint_mill',
  typologyReason: 'a template',
  filingIds: ['C-1', 'C-2'],
} as unknown as DetectedRing;

const filings = [
  { id: 'C-1', type: 'complaint', filedBy: 'A-1', text: 'x', channel: null, namedParties: [] },
  {
    id: 'C-2',
    type: 'claim',
    filedBy: 'A-2',
    kind: 'surrender',
    namedParties: [{ kind: 'phone', name: null }],
  },
];

describe('ring snapshot', () => {
  const snapshot = ringSnapshot('run-1', { id: 'R-1', rank: 3, reported: true, detected }, filings);

  it('orders members as the ring query does (organizers, agents, the rest; strongest first; then by id)', () => {
    expect(snapshot.members.map((m) => m.id)).to.deep.equal(['A-8', 'A-9', 'A-1', 'A-2', 'A-3']);
    expect(snapshot).to.include({ runId: 'run-1', id: 'R-1', rank: 3, size: 5, probability: 0.87 });
  });

  it('keeps filings without their empty fields and type, split into complaints and claims', () => {
    expect(snapshot.complaints).to.deep.equal([{ id: 'C-1', filedBy: 'A-1', text: 'x' }]);
    expect(snapshot.claims).to.deep.equal([
      { id: 'C-2', filedBy: 'A-2', kind: 'surrender', namedParties: [{ kind: 'phone' }] },
    ]);
    expect(snapshot.victims).to.deep.equal([]);
  });

  it('shows the members as stored now and the review status, and no member without an actor record', () => {
    const review = { status: 'confirmed' as const, updatedAt: null, by: 'k', caseReference: null };
    const report = reportFromSnapshot(snapshot, {
      review,
      members: [
        { id: 'A-8', name: 'renamed', kind: 'agent', sources: ['bank:demo'] },
        { id: 'A-9', kind: 'person' },
        { id: 'A-1', name: null, kind: 'person', sources: null },
        { id: 'A-2', kind: 'person' },
      ],
      neo4jBrowser: { query: 'q', params: { runId: 'run-1', ringId: 'R-1' }, paramsCommand: ':params {}' },
    });
    expect(report.review).to.equal(review);
    expect(report.members.map((m) => [m.id, m.name, m.kind, m.sources, m.role])).to.deep.equal([
      ['A-8', 'renamed', 'agent', ['bank:demo'], 'organizer'],
      ['A-9', null, 'person', [], 'agent'],
      ['A-1', null, 'person', [], 'participant'],
      ['A-2', null, 'person', [], 'participant'],
    ]);
    expect(report.complaints).to.equal(snapshot.complaints);
  });
});
