// Hand-built debt-collection worlds for the analytics unit tests: a debtor's harassment complaint to a bank.
import type { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';

/** Files debtor number `d`'s harassment complaint (`C-D<d>`, against Bank A, in April 2024); returns its id. */
export function fileHarassmentComplaint(b: EvidenceGraphBuilder, debtorId: string, d: number): string {
  const filing = `C-D${d}`;
  b.addFiling({
    id: filing,
    type: 'complaint',
    actorId: debtorId,
    filedAt: `2024-04-${String(1 + (d % 28)).padStart(2, '0')}T09:00:00+08:00`,
    institution: 'Bank A',
    category: 'collection_harassment',
    source: 'regulator',
  });
  return filing;
}
