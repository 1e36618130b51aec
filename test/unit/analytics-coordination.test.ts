// Rings that share no identifier: found through template texts, lockstep filing and fees, and explained by them.
import { expect } from 'chai';
import { Rng } from '../../seed/rng.js';
import { disguiseText } from '../../seed/text-disguise.js';
import type { DetectedRing, DetectionResult } from '../../src/analytics/index.js';
import { EvidenceGraphBuilder, detectRings, resolveDetectionParams } from '../../src/analytics/index.js';

const TEMPLATE =
  '尊敬的监管领导：我叫{name}，自{date}起{inst}以担保费、咨询费名义累计收取我{amount}元，该项收费从未经过我本人确认，属于典型的霸王条款，' +
  '明显违背了监管部门关于减费让利的要求。请贵机构在十五日内将{amount}元原路退回，并出具书面说明；否则我将通过12378热线和法律途径继续维权。';
const OWN_WORDS = [
  '手机银行一直闪退，登录不了',
  '转账失败但是钱被扣了，客服电话打不通',
  '还款日系统故障，自动扣款没有成功，怕算我逾期',
  '扫码支付显示失败却扣了款',
  'APP提示系统维护，工资卡里的钱取不出来',
  '网银转账一直显示处理中，急用钱',
];
const NAMES = [
  '张伟',
  '李娜',
  '王芳',
  '刘洋',
  '陈静',
  '杨磊',
  '赵敏',
  '黄强',
  '周杰',
  '吴丽',
  '徐涛',
  '孙悦',
];
const at = (day: number, minutes: number): string => {
  const t = Date.parse(`2026-04-${String(day).padStart(2, '0')}T09:00:00+08:00`) + minutes * 60_000;
  return new Date(t).toISOString();
};

/**
 * A mill of 10 clients who each use their own phone and card: it files their complaints in four sessions
 * (two against one lender, two against a bank), each text a disguised copy of its template, and takes a fee
 * into one of two collection accounts of its organizer. Next to it: 80 honest consumers complaining about an
 * outage of one bank within two hours, twice, in their own words.
 */
function world(): { builder: EvidenceGraphBuilder; clients: string[]; crowd: string[] } {
  const rng = Rng.fromSeed(17);
  const b = new EvidenceGraphBuilder();
  const clients = Array.from({ length: 10 }, (_, i) => `M${String(i).padStart(2, '0')}`);
  b.addActor({ id: 'ORG', kind: 'agent' });
  for (const acc of ['ORG-1', 'ORG-2'])
    b.addIncidence({ actorId: 'ORG', identifierKind: 'account', identifier: acc, via: 'holds', source: 's' });
  const sessions = [
    { day: 3, inst: '某某消费金融' },
    { day: 10, inst: '某某消费金融' },
    { day: 17, inst: '某某银行' },
    { day: 24, inst: '某某银行' },
  ];
  let n = 0;
  clients.forEach((c, i) => {
    b.addActor({ id: c, kind: 'person' });
    b.addIncidence({
      actorId: c,
      identifierKind: 'phone',
      identifier: `+86138000000${i}`,
      via: 'uses',
      source: 's',
    });
    b.addIncidence({
      actorId: c,
      identifierKind: 'account',
      identifier: `ACC-${c}`,
      via: 'holds',
      source: 's',
    });
    sessions.forEach((s, k) => {
      if ((i + k) % 5 === 0) return; // not every client joins every session
      const text = disguiseText(
        rng,
        TEMPLATE.replace('{name}', NAMES[i]!)
          .replace('{date}', `2025年${(i % 12) + 1}月${k + 1}日`)
          .replace('{inst}', s.inst)
          .replaceAll('{amount}', String(1000 + 137 * i)),
        { homophones: i % 2 ? 0.3 : 0, traditional: i % 3 === 0, fullWidth: k % 2 === 0, marks: 0.02 },
      );
      b.addFiling({
        id: `C-${String(++n).padStart(3, '0')}`,
        type: 'complaint',
        actorId: c,
        filedAt: at(s.day, 5 * i + k),
        institution: s.inst,
        category: 'fee_refund',
        text,
        source: 'regulator:nfra',
      });
    });
    b.addTransfer({
      transferId: `T-${c}`,
      fromActor: c,
      toActor: 'ORG',
      fromAccount: `ACC-${c}`,
      toAccount: i % 2 ? 'ORG-1' : 'ORG-2',
      amount: 800 + i,
      at: at(26, i * 30),
      source: 'bank:X',
    });
  });
  const crowd = Array.from({ length: 80 }, (_, i) => `U${String(i).padStart(3, '0')}`);
  for (const day of [5, 12]) {
    crowd.forEach((u, i) => {
      b.addActor({ id: u, kind: 'person' });
      b.addFiling({
        id: `O-${day}-${u}`,
        type: 'complaint',
        actorId: u,
        filedAt: at(day, i % 100),
        institution: '某某银行',
        category: 'outage',
        text: `${OWN_WORDS[i % OWN_WORDS.length]!}，第${i}位，${rng.pick(['希望尽快处理', '要求赔偿', '请给个说法'])}`,
        source: 'bank:X',
      });
    });
  }
  return { builder: b, clients, crowd };
}

describe('analytics: coordination rings (no shared identifier)', () => {
  let result: DetectionResult;
  let ring: DetectedRing;
  let clients: string[];
  let crowd: string[];

  before(() => {
    const w = world();
    ({ clients, crowd } = w);
    result = detectRings(w.builder, { seed: 3 });
    ring = result.rings.find((r) => r.members.some((m) => m.actorId === 'M00'))!;
  });

  it('finds the mill, organizer included, from texts, timing and fees alone', () => {
    expect(ring, 'a ring with M00').to.not.equal(undefined);
    expect(ring.members.map((m) => m.actorId)).to.deep.equal(['M00', ...clients.slice(1), 'ORG'].sort());
    expect(ring.score, JSON.stringify(ring.breakdown)).to.be.at.least(50);
    expect(ring.typology).to.equal('complaint_mill');
    expect(ring.typologyReason)
      .to.match(/near-identical texts/)
      .and.match(/lockstep/);
    expect(ring.sharedIdentifiers).to.deep.equal([]);
  });

  it('explains each member by its template, its lockstep filing and its fee', () => {
    const member = ring.members.find((m) => m.actorId === 'M01')!;
    const kinds = member.evidence.map((e) => e.kind);
    expect(kinds).to.include.members(['template_text', 'lockstep', 'transfer']);
    expect(member.summary).to.match(/^sent 1 transfer \(801\) to organizer ORG/);
    expect(member.summary).to.match(
      /filed C-\d+ whose text matches template TPL-\d+ \(\d\.\d\d\) used by 10 members/,
    );
    expect(member.summary).to.match(
      /filed within 2h of \d+ members against 某某消费金融\/某某银行 on up to \d occasions/,
    );
    const template = member.evidence.find((e) => e.kind === 'template_text')!;
    expect(template.identifierKind).to.equal('template');
    expect(template.similarity).to.be.at.least(0.7);
  });

  it('shows the template, the bursts and the collection accounts of the ring', () => {
    expect(ring.templates).to.have.length(1);
    expect(ring.templates[0]!.memberCount).to.equal(10);
    expect(ring.templates[0]!.text).to.contain('{姓名}').and.contain('{数}');
    expect(ring.bursts.map((b) => [b.institution, b.memberIds.length])).to.deep.equal([
      ['某某消费金融', 8],
      ['某某消费金融', 8],
      ['某某银行', 8],
      ['某某银行', 8],
    ]);
    expect(ring.collections.map((c) => [c.account, c.payerIds.length, c.amount])).to.deep.equal([
      ['ORG-1', 5, 4025],
      ['ORG-2', 5, 4020],
    ]);
  });

  it('does not report the outage crowd, and records its filings as crowds', () => {
    const crowdSet = new Set(crowd);
    const { reportMinScore } = resolveDetectionParams({});
    for (const r of result.rings.filter((x) => x.score >= reportMinScore)) {
      expect(r.members.filter((m) => crowdSet.has(m.actorId))).to.deep.equal([]);
    }
    expect(result.crowds).to.have.length(2);
    expect(result.crowds.every((c) => c.institution === '某某银行' && c.actorCount >= 41)).to.equal(true);
    // only the mill's 10 clients are linked by lockstep: C(10,2) pairs at most, none from the crowd
    expect(result.stats.lockstepLinks).to.be.within(1, 45);
  });

  it('times its stages, text included', () => {
    expect(Object.keys(result.timings)).to.include.members([
      'graph',
      'text',
      'lockstep',
      'money',
      'communities',
      'assembly',
    ]);
  });
});
