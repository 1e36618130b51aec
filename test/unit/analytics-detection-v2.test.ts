// Detection v2 on hand-built worlds: generic identifiers, named parties (victims), trimming, counter-evidence, the model.
import { expect } from 'chai';
import type { IncidenceRow } from '../../src/analytics/evidence.types.js';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { fileHarassmentComplaint } from '../support/debtor-complaints.js';
import { detectRings } from '../../src/analytics/detect-rings.js';
import { DEFAULT_DETECTION_PARAMS } from '../../src/analytics/detection-params.js';
import type { DetectedRing, DetectionResult } from '../../src/analytics/ring.types.js';
import { identifierSurprise } from '../../src/analytics/ring-features.js';
import { ringProbability } from '../../src/analytics/ring-probability.js';
import { SCORE_MODEL } from '../../src/analytics/score-model.js';
import { calibrationTable, fitLogistic } from '../../src/analytics/calibration.js';

const REPORT = DEFAULT_DETECTION_PARAMS.reportMinScore;

function ringOf(result: DetectionResult, actorId: string): DetectedRing | undefined {
  return result.rings.find((r) => r.members.some((m) => m.actorId === actorId));
}

const has = (actorId: string, kind: string, value: string): IncidenceRow => ({
  actorId,
  identifierKind: 'identifier',
  identifier: `${kind}:${value}`,
  via: 'has',
  source: 'platform-x',
});

/** A deterministic stream of ids, so the worlds below are the same every run. */
function* counter(prefix: string): Generator<string> {
  for (let i = 0; ; i++) yield `${prefix}${i}`;
}

/** Ordinary users: each has 30 friends of their own and 3 friends each shared with a few others of the crowd. */
function organicCrowd(b: EvidenceGraphBuilder, prefix: string, users: number): string[] {
  const ids: string[] = [];
  const names = counter(`${prefix}-F`);
  for (let u = 0; u < users; u++) {
    const id = `${prefix}-U${u}`;
    ids.push(id);
    b.addActor({ id, kind: 'person' });
    for (let f = 0; f < 30; f++) b.addIncidence(has(id, 'friend', names.next().value!));
    for (let k = 1; k <= 3; k++) b.addIncidence(has(id, 'friend', `${prefix}-common-${(u * k) % 17}`));
  }
  return ids;
}

describe('analytics: detection v2', () => {
  describe('generic identifiers (structure alone)', () => {
    it('a bot farm of 25 sharing 200 rare friends reaches the report threshold; an organic crowd does not', () => {
      const b = new EvidenceGraphBuilder();
      const crowd = organicCrowd(b, 'O', 120);
      const bots = Array.from({ length: 25 }, (_, i) => `BOT${String(i).padStart(2, '0')}`);
      for (const [i, bot] of bots.entries()) {
        b.addActor({ id: bot, kind: 'person' });
        // each purchased bot befriends 40 of the farm's 200 target accounts, picked by a fixed LCG
        const picked = new Set<number>();
        for (let x = i + 1; picked.size < 40;) {
          x = (x * 48271) % 2147483647; // Park–Miller: exact in doubles
          picked.add(x % 200);
        }
        for (const f of picked) b.addIncidence(has(bot, 'friend', `target-${f}`));
      }
      const result = detectRings(b);
      const farm = ringOf(result, 'BOT00');
      expect(farm, 'the farm is a candidate').to.not.equal(undefined);
      expect(farm!.members.map((m) => m.actorId).every((id) => id.startsWith('BOT'))).to.equal(true);
      expect(farm!.score, JSON.stringify(farm!.probabilityTerms)).to.be.at.least(REPORT);
      expect(farm!.members[0]!.evidence[0]!.kind).to.equal('shared_identifier');
      const reportedOrganic = result.rings.filter(
        (r) => r.score >= REPORT && r.members.some((m) => crowd.includes(m.actorId)),
      );
      expect(reportedOrganic.map((r) => r.members.length)).to.deep.equal([]);
    });

    it('a family sharing one home Wi-Fi is a household, not a ring', () => {
      const b = new EvidenceGraphBuilder();
      for (const id of ['W1', 'W2', 'W3', 'W4']) {
        b.addActor({ id, kind: 'person' });
        b.addIncidence(has(id, 'wifi', 'AA:BB:CC:00:11:22'));
      }
      const ring = ringOf(detectRings(b), 'W1')!;
      expect(ring.members).to.have.length(4);
      expect(ring.score).to.be.lessThan(REPORT);
      expect(ring.counterEvidence.map((c) => c.pattern)).to.deep.equal(['household']);
      expect(ring.counterEvidence[0]!.reason).to.match(/household/);
    });
  });

  describe('named parties (被投诉方)', () => {
    /**
     * A collection gang: 4 collectors share two phones and a device and pay the boss; 30 debtors each complain
     * about a collector phone they were called from. The debtors share nothing with each other.
     */
    function collectionGang(b: EvidenceGraphBuilder): { collectors: string[]; debtors: string[] } {
      const collectors = ['COL-BOSS', 'COL-1', 'COL-2', 'COL-3'];
      for (const [i, c] of collectors.entries()) {
        b.addActor({ id: c, kind: 'person' });
        b.addIncidence({
          actorId: c,
          identifierKind: 'phone',
          identifier: `+861700000000${i % 2}`,
          via: 'uses',
          source: 'telco',
        });
        b.addIncidence({
          actorId: c,
          identifierKind: 'phone',
          identifier: `+86170000001${i}`,
          via: 'uses',
          source: 'telco',
        });
        b.addIncidence({
          actorId: c,
          identifierKind: 'device',
          identifier: 'DEV-GANG',
          via: 'device',
          source: 'telco',
        });
        b.addIncidence({
          actorId: c,
          identifierKind: 'account',
          identifier: `ACC-${c}`,
          via: 'holds',
          source: 'bank',
        });
        if (c !== 'COL-BOSS') {
          for (let t = 0; t < 3; t++) {
            b.addTransfer({
              transferId: `T-${c}-${t}`,
              fromActor: c,
              toActor: 'COL-BOSS',
              fromAccount: `ACC-${c}`,
              toAccount: 'ACC-COL-BOSS',
              amount: 5000,
              at: `2024-03-0${t + 1}T10:00:00Z`,
              source: 'bank',
            });
          }
        }
      }
      const debtors: string[] = [];
      for (let d = 0; d < 30; d++) {
        const id = `DEBTOR-${d}`;
        debtors.push(id);
        b.addActor({ id, kind: 'person' });
        b.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: `+86139100000${String(d).padStart(2, '0')}`,
          via: 'uses',
          source: 'bank',
        });
        const filing = fileHarassmentComplaint(b, id, d);
        b.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: `+86170000001${d % 4}`,
          via: 'named',
          recordId: filing,
          source: 'regulator',
          at: `2024-04-01T01:00:00Z`,
        });
      }
      return { collectors, debtors };
    }

    it('debtors who name the collectors are victims, never members, and never tie to each other', () => {
      const b = new EvidenceGraphBuilder();
      const { collectors, debtors } = collectionGang(b);
      const result = detectRings(b);
      const ring = ringOf(result, 'COL-BOSS')!;
      expect(ring.members.map((m) => m.actorId).sort()).to.deep.equal([...collectors].sort());
      expect(ring.victims.map((v) => v.actorId).sort()).to.deep.equal([...debtors].sort());
      const victim = ring.victims.find((v) => v.actorId === 'DEBTOR-1')!;
      expect(victim.namedMemberIds).to.deep.equal(['COL-1']);
      expect(victim.identifiers).to.deep.equal(['phone:+861700000011']);
      expect(victim.recordIds).to.deep.equal(['C-D1']);
      expect(victim.sources).to.deep.equal(['regulator']);
      expect(result.rings.some((r) => r.members.some((m) => m.actorId.startsWith('DEBTOR')))).to.equal(false);
      expect(ring.features.named).to.be.closeTo(Math.log1p(30 / 4), 1e-9); // 30 outside namers, 4 members
    });

    it('debtors who also paid the gang stay victims, not members', () => {
      const b = new EvidenceGraphBuilder();
      const { collectors, debtors } = collectionGang(b);
      // every debtor holds an account and pays the boss twice: money ties them to the gang
      for (const d of debtors) {
        b.addIncidence({
          actorId: d,
          identifierKind: 'account',
          identifier: `ACC-${d}`,
          via: 'holds',
          source: 'bank',
        });
        for (let t = 0; t < 2; t++) {
          b.addTransfer({
            transferId: `T-${d}-${t}`,
            fromActor: d,
            toActor: 'COL-BOSS',
            fromAccount: `ACC-${d}`,
            toAccount: 'ACC-COL-BOSS',
            amount: 800,
            at: `2024-03-1${t}T10:00:00Z`,
            source: 'bank',
          });
        }
      }
      const result = detectRings(b);
      const ring = ringOf(result, 'COL-BOSS')!;
      expect(ring.members.map((m) => m.actorId).sort()).to.deep.equal([...collectors].sort());
      expect(ring.victims.map((v) => v.actorId).sort()).to.deep.equal([...debtors].sort());
      expect(result.rings.some((r) => r.members.some((m) => m.actorId.startsWith('DEBTOR')))).to.equal(false);
    });

    it('a filer naming its own phone accuses nobody', () => {
      const b = new EvidenceGraphBuilder();
      for (const id of ['S1', 'S2', 'S3']) {
        b.addActor({ id, kind: 'person' });
        b.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: '+8613900000001',
          via: 'uses',
          source: 's',
        });
      }
      b.addIncidence({
        actorId: 'S1',
        identifierKind: 'phone',
        identifier: '+8613900000001',
        via: 'named',
        recordId: 'C-1',
        source: 's',
      });
      const ring = ringOf(detectRings(b), 'S1')!;
      expect(ring.victims).to.deep.equal([]);
    });
  });

  describe('trimming weakly attached members', () => {
    it('drops a user who shares one friend with a dense farm, keeps the farm whole', () => {
      const b = new EvidenceGraphBuilder();
      for (let i = 0; i < 12; i++) {
        b.addActor({ id: `F${i}`, kind: 'person' });
        for (let f = 0; f < 20; f++) b.addIncidence(has(`F${i}`, 'friend', `farm-target-${f}`));
      }
      b.addActor({ id: 'LONER', kind: 'person' });
      b.addIncidence(has('LONER', 'friend', 'farm-target-3'));
      b.addIncidence(has('LONER', 'friend', 'elsewhere-1'));
      const result = detectRings(b);
      const farm = ringOf(result, 'F0')!;
      expect(farm.members).to.have.length(12);
      expect(ringOf(result, 'LONER')).to.equal(undefined);
      expect(result.stats.trimmedActors).to.be.at.least(1);
    });
  });

  describe('the null model', () => {
    it('gives no surprise to what any connected group must share, and more for rarer, denser sharing', () => {
      // 4 people on one phone: 3 co-memberships, exactly the 3 ties a connected group of 4 needs
      expect(identifierSurprise([{ members: 4, actorCount: 4 }], 4, 20_000)).to.equal(0);
      const rare = identifierSurprise(
        Array.from({ length: 50 }, () => ({ members: 3, actorCount: 3 })),
        10,
        20_000,
      );
      const common = identifierSurprise(
        Array.from({ length: 50 }, () => ({ members: 3, actorCount: 40 })),
        10,
        20_000,
      );
      expect(rare).to.be.greaterThan(common);
      expect(common).to.be.greaterThan(0);
      expect(identifierSurprise([{ members: 3, actorCount: 3 }], 10, 20)).to.be.lessThan(rare);
    });

    it('counter-evidence lowers the probability, and the terms say so', () => {
      const features = {
        size: Math.log(6),
        density: 1,
        multiplex: 1,
        identifierSurprise: 5,
        exclusivity: 1,
        handOff: 0.5,
        behaviour: 0,
        money: 1,
        activity: 1,
        variety: 0.6,
        named: 0,
        closure: 1,
        pairDepth: 1,
        cohesion: Math.log(3),
        routedMoney: 1,
      };
      const plain = ringProbability(features, []);
      const explained = ringProbability(features, [{ pattern: 'household', reason: 'r' }]);
      expect(explained.probability).to.be.lessThan(plain.probability);
      expect(explained.terms.find((t) => t.feature === 'counter_evidence')!.logOdds).to.be.closeTo(
        -(SCORE_MODEL.counterLogOdds + (SCORE_MODEL.patternLogOdds?.household ?? 0)),
        1e-3,
      );
      // a firm's clientele: the fees and hand-offs are the services' own, so the domain part says nothing
      const services = ringProbability(features, [{ pattern: 'shared_services', reason: 'r' }]);
      expect(services.terms.filter((t) => t.part === 'domain')).to.deep.equal([]);
      const structureOnly = ringProbability(
        { ...features, handOff: 0, money: 0, variety: 0, routedMoney: 0 },
        [{ pattern: 'shared_services', reason: 'r' }],
      );
      expect(services.probability).to.equal(structureOnly.probability);
      expect(services.probability).to.be.lessThan(plain.probability);
      expect(services.terms.find((t) => t.feature === 'counter_evidence')!.logOdds).to.be.lessThan(
        -(SCORE_MODEL.patternLogOdds?.shared_services ?? 0),
      );
    });
  });

  describe('households', () => {
    it("a member's family sharing its home things leaves the ring; the ring's own members stay", () => {
      const b = new EvidenceGraphBuilder();
      b.addActor({ id: 'ORG', kind: 'person' });
      b.addIncidence({
        actorId: 'ORG',
        identifierKind: 'phone',
        identifier: '+8613000000000',
        via: 'uses',
        source: 'telco',
      });
      const members = Array.from({ length: 8 }, (_, i) => `M${i}`);
      for (const [i, m] of members.entries()) {
        b.addActor({ id: m, kind: 'person' });
        b.addFiling({
          id: `C-${m}`,
          type: 'complaint',
          actorId: m,
          filedAt: `2024-05-0${1 + (i % 7)}T09:00:00+08:00`,
          institution: 'Bank A',
          category: 'fee_refund',
          source: 'regulator',
        });
        // every member writes the organizer's phone as the contact on its complaint, and shares a device with the next
        b.addIncidence({
          actorId: m,
          identifierKind: 'phone',
          identifier: '+8613000000000',
          via: 'contact',
          recordId: `C-${m}`,
          source: 'regulator',
        });
        b.addIncidence({
          actorId: m,
          identifierKind: 'device',
          identifier: `dev-${i}`,
          via: 'device',
          source: 'app',
        });
        b.addIncidence({
          actorId: m,
          identifierKind: 'device',
          identifier: `dev-${(i + 1) % 8}`,
          via: 'device',
          source: 'app',
        });
      }
      // M0's spouse and child: the home phone, the family tablet, the joint card and the home Wi-Fi
      for (const id of ['M0', 'FAM1', 'FAM2']) {
        if (id !== 'M0') b.addActor({ id, kind: 'person' });
        b.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: '+8613900000099',
          via: 'uses',
          source: 'telco',
        });
        b.addIncidence({
          actorId: id,
          identifierKind: 'device',
          identifier: 'home-tablet',
          via: 'device',
          source: 'app',
        });
        b.addIncidence({
          actorId: id,
          identifierKind: 'account',
          identifier: '6222000000009999',
          via: 'holds',
          source: 'bank',
        });
        b.addIncidence(has(id, 'wifi', 'home-ssid'));
      }
      const ring = ringOf(detectRings(b), 'M0');
      expect(ring, 'the ring is a candidate').to.not.equal(undefined);
      const ids = ring!.members.map((m) => m.actorId);
      expect(ids).to.include.members(['ORG', ...members]);
      expect(ids).to.not.include('FAM1');
      expect(ids).to.not.include('FAM2');
    });
  });

  describe('calibration fitting', () => {
    it('recovers the coefficients of a logistic world and holds non-negative ones at 0', () => {
      const samples: { x: number[]; y: number; w: number }[] = [];
      for (let i = 0; i < 2000; i++) {
        const x1 = ((i * 37) % 200) / 100 - 1;
        const x2 = ((i * 53) % 200) / 100 - 1;
        const p = 1 / (1 + Math.exp(-(0.5 + 2 * x1 - 1.5 * x2)));
        samples.push({ x: [x1, x2], y: p, w: 1 }); // expected labels: the fit of a proportion
      }
      const free = fitLogistic(samples, { l2: 0 });
      expect(free[0]).to.be.closeTo(0.5, 0.01);
      expect(free[1]).to.be.closeTo(2, 0.01);
      expect(free[2]).to.be.closeTo(-1.5, 0.01);
      const held = fitLogistic(samples, { l2: 0, nonNegative: [1] });
      expect(held[2]).to.equal(0);
      expect(held[1]).to.be.greaterThan(0);
    });

    it('bins predictions and observed shares', () => {
      const bins = calibrationTable([
        { p: 0.05, y: 0 },
        { p: 0.95, y: 1 },
        { p: 0.92, y: 0 },
      ]);
      expect(bins).to.have.length(10);
      expect(bins[0]).to.include({ rings: 1, observed: 0 });
      expect(bins[9]).to.include({ rings: 2, observed: 0.5 });
    });
  });
});
