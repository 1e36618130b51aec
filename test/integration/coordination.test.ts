// A ring that shares no identifier, end to end on the real Neo4j: complaint texts projected, templates and crowds reported.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';

const TEMPLATE =
  '尊敬的监管领导：我叫{name}，自{date}起{inst}以担保费、咨询费名义累计收取我{amount}元，该项收费从未经过我本人确认，属于典型的霸王条款，' +
  '明显违背了监管部门关于减费让利的要求。请贵机构在十五日内将{amount}元原路退回，并出具书面说明；否则我将通过12378热线和法律途径继续维权。';
const NAMES = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];
const TRADITIONAL: Readonly<Record<string, string>> = { 费: '費', 确: '確', 监: '監', 规: '規', 违: '違' };
const FULL_WIDTH = (s: string): string => s.replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
const at = (day: number, minutes: number): string =>
  new Date(
    Date.parse(`2026-04-${String(day).padStart(2, '0')}T09:00:00+08:00`) + minutes * 60_000,
  ).toISOString();

/** Eight clients of a mill, each with its own phone and card, three sessions, fees to two collection accounts; and a crowd. */
function world() {
  const institutions = [
    { name: '某某消费金融', institutionType: 'consumer_finance' },
    { name: '某某银行', institutionType: 'bank' },
  ];
  const actors: Record<string, unknown>[] = [
    { id: 'K-ORG', kind: 'agent', name: '刘某', accounts: ['6222020000009901', '6222020000009902'] },
  ];
  const complaints: Record<string, unknown>[] = [];
  const transfers: Record<string, unknown>[] = [];
  NAMES.forEach((name, i) => {
    const id = `K-${i}`;
    actors.push({ id, kind: 'person', name, phones: [`1390000010${i}`], accounts: [`622202000000100${i}`] });
    [3, 10, 17].forEach((day, k) => {
      let text = TEMPLATE.replace('{name}', name)
        .replace('{date}', `2025年${i + 1}月${k + 2}日`)
        .replace('{inst}', '某某消费金融')
        .replaceAll('{amount}', String(1000 + 77 * i));
      if (i % 2) text = [...text].map((c) => TRADITIONAL[c] ?? c).join('');
      if (k === 1) text = FULL_WIDTH(text);
      complaints.push({
        id: `K-C-${i}-${k}`,
        filedAt: at(day, 7 * i),
        complainantId: id,
        institution: '某某消费金融',
        category: 'fee_refund',
        contactPhone: `1390000010${i}`,
        text,
      });
    });
    transfers.push({
      id: `K-T-${i}`,
      from: `622202000000100${i}`,
      to: i % 2 ? '6222020000009901' : '6222020000009902',
      amount: 300 + i,
      at: at(20, 10 * i),
    });
  });
  for (let u = 0; u < 60; u++) {
    actors.push({ id: `K-U${u}`, kind: 'person', phones: [`13700000${String(u).padStart(3, '0')}`] });
    for (const day of [4, 11, 18]) {
      complaints.push({
        id: `K-O-${day}-${u}`,
        filedAt: at(day, u),
        complainantId: `K-U${u}`,
        institution: '某某银行',
        category: 'outage',
        text: `第${u}位客户：手机银行登录不了，${['转账失败', '扣款失败', '闪退'][u % 3]}，希望尽快处理。`,
      });
    }
  }
  return { institutions, actors, complaints, transfers };
}

describe('coordination rings (real Neo4j)', () => {
  let ctx: AppContext;
  let runId: string;

  before(async () => {
    ctx = await testContext();
    await loadWorld(ctx, world());
    const res = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 5, lockstepMinRepetitions: 3, lockstepWindowMinutes: 120 })
      .expect(202);
    runId = res.body.runId as string;
    const run = await ctx.runs.waitFor(runId);
    expect(run.status, String(run.error)).to.equal('succeeded');
  });
  after(async () => {
    await ctx.close();
  });

  it('records the coordination parameters, the text stage timing and the crowds with the run', async () => {
    const res = await request(ctx.app)
      .get(`/v1/runs/${runId}`)
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(res.body.params).to.include({ lockstepMinRepetitions: 3, lockstepWindowMinutes: 120 });
    expect(res.body.params.templateMinSimilarity).to.be.a('number');
    expect(Object.keys(res.body.stages)).to.include.members([
      'detection',
      'detection.text',
      'detection.lockstep',
    ]);
    expect(res.body.hubs.crowds).to.have.length(3);
    expect(res.body.hubs.crowds[0]).to.include({ institution: '某某银行', actorCount: 60 });
  });

  it('reports the mill with its template, bursts and collection accounts, and no crowd member', async () => {
    const list = await request(ctx.app)
      .get('/v1/rings?minScore=0')
      .set('authorization', bearer('analyst'))
      .expect(200);
    const summaries = list.body.rings as { id: string; typology: string; size: number }[];
    const mill = summaries.find((r) => r.size === 9);
    expect(mill, JSON.stringify(summaries)).to.not.equal(undefined);
    const res = await request(ctx.app)
      .get(`/v1/rings/${mill!.id}`)
      .set('authorization', bearer('prosecutor'))
      .expect(200);
    const report = res.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(report.typology).to.equal('complaint_mill');
    expect(report.reported).to.equal(true);
    expect(report.members.map((m: { id: string }) => m.id).sort()).to.deep.equal(
      ['K-ORG', ...NAMES.map((_, i) => `K-${i}`)].sort(),
    );
    expect(report.sharedIdentifiers).to.deep.equal([]);
    expect(report.templates).to.have.length(1);
    expect(report.templates[0]).to.include({ memberCount: 8 });
    expect(report.templates[0].text).to.contain('{姓名}');
    expect(report.bursts).to.have.length(3);
    expect(report.collections.map((c: { payerIds: string[] }) => c.payerIds.length)).to.deep.equal([4, 4]);
    const member = report.members.find((m: { id: string }) => m.id === 'K-1');
    expect(member.summary)
      .to.match(/matches template TPL-\d+/)
      .and.match(/filed within 2h of 7 members/);
    expect(member.evidence.map((e: { kind: string }) => e.kind)).to.include.members([
      'template_text',
      'lockstep',
    ]);
    // the crowd's look-alike texts may group some of its members, but never into a reported ring
    const reported = await request(ctx.app)
      .get('/v1/rings')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect((reported.body.rings as { id: string }[]).map((r) => r.id)).to.deep.equal([mill!.id]);
  });
});
