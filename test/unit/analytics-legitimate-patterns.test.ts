// Legitimate structures on hand-built worlds: clienteles of services, crowds of victims, and what tells them from rings.
import { expect } from 'chai';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { detectRings } from '../../src/analytics/detect-rings.js';
import { resolveDetectionParams } from '../../src/analytics/detection-params.js';
import { buildRingContext } from '../../src/analytics/ring-context.js';
import { recognisePatterns } from '../../src/analytics/legitimate-patterns.js';
import { transformFeature } from '../../src/analytics/ring-probability.js';

const day = (d: number): string => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();

/**
 * A law firm: its landline (used by the firm) on every client's complaint as contact, one lawyer representing
 * them all, each client paying the firm's account one fee. `spreadDays` is how far apart the clients file.
 */
function lawFirm(b: EvidenceGraphBuilder, clients: number, spreadDays: number): string[] {
  b.addActor({ id: 'FIRM', kind: 'organization' });
  b.addIncidence({
    actorId: 'FIRM',
    identifierKind: 'phone',
    identifier: '+862100000001',
    via: 'uses',
    source: 'registry',
  });
  b.addIncidence({
    actorId: 'FIRM',
    identifierKind: 'account',
    identifier: 'ACC-FIRM',
    via: 'holds',
    source: 'bank',
  });
  b.addIncidence({
    actorId: 'LAWYER',
    identifierKind: 'agent',
    identifier: 'LAWYER',
    via: 'is_agent',
    source: 'registry',
  });
  const ids: string[] = [];
  for (let c = 0; c < clients; c++) {
    const id = `CLIENT-${c}`;
    ids.push(id);
    const at = day(Math.round((c * spreadDays) / Math.max(1, clients - 1)));
    b.addActor({ id, kind: 'person' });
    b.addIncidence({
      actorId: id,
      identifierKind: 'account',
      identifier: `ACC-${id}`,
      via: 'holds',
      source: 'bank',
    });
    b.addFiling({
      id: `F-${id}`,
      type: 'complaint',
      actorId: id,
      filedAt: at,
      institution: `Bank ${c % 5}`,
      category: 'fee_refund',
      source: 'regulator',
    });
    for (const [kind, identifier, via] of [
      ['phone', '+862100000001', 'contact'],
      ['agent', 'LAWYER', 'represented_by'],
    ] as const) {
      b.addIncidence({
        actorId: id,
        identifierKind: kind,
        identifier,
        via,
        recordId: `F-${id}`,
        source: 'regulator',
      });
    }
    b.addTransfer({
      transferId: `FEE-${id}`,
      fromActor: id,
      toActor: 'FIRM',
      fromAccount: `ACC-${id}`,
      toAccount: 'ACC-FIRM',
      amount: 3000,
      at,
      source: 'bank',
    });
  }
  return ids;
}

function patternsOfRingWith(b: EvidenceGraphBuilder, actorId: string): string[] {
  const result = detectRings(b);
  const ring = result.rings.find((r) => r.members.some((m) => m.actorId === actorId));
  expect(ring, `a candidate ring holding ${actorId}`).to.not.equal(undefined);
  return ring!.counterEvidence.map((c) => c.pattern);
}

describe('analytics: legitimate patterns', () => {
  describe('shared_services', () => {
    it("recognises a firm's clients who file over months and each pay one fee", () => {
      const b = new EvidenceGraphBuilder();
      lawFirm(b, 12, 300);
      const patterns = patternsOfRingWith(b, 'CLIENT-0');
      expect(patterns).to.include('shared_services');
    });

    it('does not recognise the same structure when everyone files within two weeks (a campaign)', () => {
      const b = new EvidenceGraphBuilder();
      lawFirm(b, 12, 14);
      expect(patternsOfRingWith(b, 'CLIENT-0')).to.not.include('shared_services');
    });

    it('does not recognise it when the fees are paid back to the clients (a cut returned)', () => {
      const b = new EvidenceGraphBuilder();
      const clients = lawFirm(b, 12, 300);
      for (const c of clients) {
        b.addTransfer({
          transferId: `BACK-${c}`,
          fromActor: 'FIRM',
          toActor: c,
          fromAccount: 'ACC-FIRM',
          toAccount: `ACC-${c}`,
          amount: 1500,
          at: day(320),
          source: 'bank',
        });
      }
      expect(patternsOfRingWith(b, 'CLIENT-0')).to.not.include('shared_services');
    });

    /** Each client also files a claim `daysBeforeFee` days before it pays the firm its fee. */
    function claimsBeforeFees(b: EvidenceGraphBuilder, clients: string[], daysBeforeFee: number): void {
      clients.forEach((c, i) => {
        const feeDay = Math.round((i * 300) / (clients.length - 1));
        b.addFiling({
          id: `CL-${c}`,
          type: 'claim',
          actorId: c,
          filedAt: day(feeDay - daysBeforeFee),
          institution: `Insurer ${i % 3}`,
          category: 'surrender',
          source: 'insurer',
        });
        b.addIncidence({
          actorId: c,
          identifierKind: 'phone',
          identifier: '+862100000001',
          via: 'contact',
          recordId: `CL-${c}`,
          source: 'insurer',
        });
      });
    }

    it('does not recognise it when the clients pay within weeks after their own claims (a cut of the payout)', () => {
      const b = new EvidenceGraphBuilder();
      claimsBeforeFees(b, lawFirm(b, 12, 300), 20);
      expect(patternsOfRingWith(b, 'CLIENT-0')).to.not.include('shared_services');
    });

    it('still recognises it when the fees came long after the claims', () => {
      const b = new EvidenceGraphBuilder();
      claimsBeforeFees(b, lawFirm(b, 12, 300), 200);
      expect(patternsOfRingWith(b, 'CLIENT-0')).to.include('shared_services');
    });
  });

  describe('victims', () => {
    /** Buyers of a stock-tips scam: each paid the scammer's account and names it in a complaint. */
    function buyers(b: EvidenceGraphBuilder, n: number, shareWifi: boolean): string[] {
      b.addActor({ id: 'TIPSTER', kind: 'person' });
      b.addIncidence({
        actorId: 'TIPSTER',
        identifierKind: 'account',
        identifier: 'ACC-TIPS',
        via: 'holds',
        source: 'bank',
      });
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = `BUYER-${i}`;
        ids.push(id);
        b.addActor({ id, kind: 'person' });
        b.addIncidence({
          actorId: id,
          identifierKind: 'account',
          identifier: `ACC-${id}`,
          via: 'holds',
          source: 'bank',
        });
        if (shareWifi)
          b.addIncidence({
            actorId: id,
            identifierKind: 'identifier',
            identifier: 'wifi:library',
            via: 'has',
            source: 'isp',
          });
        b.addTransfer({
          transferId: `PAY-${id}`,
          fromActor: id,
          toActor: 'TIPSTER',
          fromAccount: `ACC-${id}`,
          toAccount: 'ACC-TIPS',
          amount: 2000,
          at: day(i),
          source: 'bank',
        });
        b.addFiling({
          id: `C-${id}`,
          type: 'complaint',
          actorId: id,
          filedAt: day(i + 30),
          institution: 'Broker A',
          category: 'investment_advice',
          source: 'regulator',
        });
        b.addIncidence({
          actorId: id,
          identifierKind: 'account',
          identifier: 'ACC-TIPS',
          via: 'named',
          recordId: `C-${id}`,
          source: 'regulator',
        });
      }
      return ids;
    }

    it('takes out of a ring the filers who name a party and are tied to it only by money', () => {
      const b = new EvidenceGraphBuilder();
      const ids = buyers(b, 8, false);
      const result = detectRings(b);
      for (const id of ids)
        expect(result.rings.some((r) => r.members.some((m) => m.actorId === id))).to.equal(false);
    });

    it('recognises a crowd whose members mostly name the party they complain about (victim_crowd)', () => {
      const b = new EvidenceGraphBuilder();
      buyers(b, 8, true);
      const graph = b.build(resolveDetectionParams({}));
      const members = Array.from({ length: 8 }, (_, i) => `BUYER-${i}`);
      const ctx = buildRingContext(graph, members);
      const found = recognisePatterns(ctx, 0, 0).map((c) => c.pattern);
      expect(found).to.include('victim_crowd');
      expect(
        recognisePatterns(buildRingContext(graph, ['TIPSTER', 'BUYER-0']), 0, 0).map((c) => c.pattern),
      ).to.not.include('victim_crowd');
    });
  });

  it('reads density on a log scale, so a loose web of any size scores lower than a tight group', () => {
    expect(transformFeature('density', 1)).to.equal(0);
    expect(transformFeature('density', 0.01)).to.be.closeTo(Math.log(0.01), 1e-12);
    expect(transformFeature('density', 0)).to.be.closeTo(Math.log(0.001), 1e-12);
  });
});
