// co_payment evidence names its records: the fee transfers, the banks that reported them, and each member's own fees.
import { expect } from 'chai';
import type { FilingRow, TransferRow } from '../../src/analytics/evidence.types.js';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { explainMembers } from '../../src/analytics/ring-explain.js';
import { buildRingContext } from '../../src/analytics/ring-context.js';
import { assignRoles } from '../../src/analytics/ring-roles.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00+08:00');
const PAYERS = ['c1', 'c2', 'c3'];

const filing = (actorId: string, day: number): FilingRow => ({
  id: `F-${actorId}`,
  type: 'complaint',
  actorId,
  filedAt: new Date(T0 + day * DAY).toISOString(),
  institution: '某某消费金融',
  category: 'fee_refund',
  source: 'regulator:12378',
});
const fee = (from: string, day: number, source: string): TransferRow => ({
  transferId: `T-${from}`,
  fromActor: from,
  toActor: 'boss',
  fromAccount: `ACC-${from}`,
  toAccount: 'ACC-COLLECT',
  amount: 800,
  at: new Date(T0 + day * DAY).toISOString(),
  source,
});

describe('analytics: co_payment evidence', () => {
  const builder = new EvidenceGraphBuilder().addRows({
    filings: PAYERS.map((id, i) => filing(id, i)),
    transfers: PAYERS.map((id, i) => fee(id, i + 1, i === 2 ? 'bank:B' : 'bank:A')),
  });
  const graph = builder.build({ seed: 1 });

  it('lists the sources of the fee transfers it rests on', () => {
    const e = graph.evidenceBetween('c1', 'c3').find((x) => x.kind === 'co_payment');
    expect(e, 'co_payment between c1 and c3').to.not.equal(undefined);
    expect(e!.recordIds).to.deep.equal(['T-c1', 'T-c3']);
    expect(e!.sources).to.deep.equal(['bank:A', 'bank:B']);
  });

  it("gives each member its own fees as ownRecordIds, and the evidence's sources", () => {
    const ctx = buildRingContext(graph, PAYERS);
    const members = explainMembers(ctx, assignRoles(ctx));
    for (const m of members) {
      const item = m.evidence.find((x) => x.kind === 'co_payment');
      expect(item, m.actorId).to.not.equal(undefined);
      expect(item!.ownRecordIds, m.actorId).to.deep.equal([`T-${m.actorId}`]);
      expect(item!.sources.length, m.actorId).to.be.greaterThan(0);
      expect(item!.recordIds).to.include(`T-${m.actorId}`);
    }
  });
});
