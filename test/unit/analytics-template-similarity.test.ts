// Templates from near-duplicate complaint texts: a ring's disguised copies match, a bank form's text is generic.
import { expect } from 'chai';
import { Rng } from '../../seed/rng.js';
import { disguiseText } from '../../seed/text-disguise.js';
import type { TextFiling } from '../../src/analytics/template-similarity.js';
import { findTemplates } from '../../src/analytics/template-similarity.js';

const MILL =
  '投诉人：{name}（身份证后四位{tail}）。自{date}起贵司以担保费、咨询费名义累计收取我{amount}元，该项收费从未经过我本人确认，' +
  '属于典型的霸王条款，明显违背了监管部门关于减费让利的要求。请贵机构在十五日内将{amount}元原路退回，并出具书面说明；否则我将通过12378热线和法律途径继续维权。';
const FORM =
  '【某银行客户投诉登记表】客户姓名：{name}；证件号码：尾号{tail}；投诉业务类别：账户管理；问题发生日期：{date}；涉及金额：{amount}元；' +
  '客户诉求：请核实处理。本人承诺以上所填信息真实、准确、完整，同意贵行调阅相关业务记录，并知悉投诉受理后将在十五个工作日内答复。';
const OWN_WORDS = [
  '手机银行一直闪退，登录不了，已经三天了，客服说在修复，希望尽快恢复正常使用。',
  '信用卡年费没有提前通知就扣了，要求退还并解释收费依据，不然我就销户。',
  '在网点排队两个多小时没有人办理，工作人员态度冷漠，建议增加窗口和人手。',
  '理财产品到期不能兑付，客户经理失联，请监管部门介入调查并督促兑付。',
];

function fill(rng: Rng, template: string): string {
  return template
    .replaceAll('{name}', rng.pick(['张伟', '李娜', '王芳', '刘洋', '陈静']))
    .replaceAll('{tail}', rng.digits(4))
    .replaceAll('{date}', `2026年${rng.int(1, 12)}月${rng.int(1, 28)}日`)
    .replaceAll('{amount}', String(rng.int(500, 90_000)));
}

describe('analytics: template similarity', () => {
  const rng = Rng.fromSeed(5);
  const filings: TextFiling[] = [];
  // a mill: 8 clients, two filings each, disguised
  for (let c = 0; c < 8; c++) {
    for (let k = 0; k < 2; k++) {
      const text = disguiseText(rng, fill(rng, MILL), {
        homophones: c % 2 === 0 ? 0.3 : 0,
        traditional: c % 3 === 0,
        fullWidth: k === 1,
        marks: c % 4 === 1 ? 0.03 : 0,
      });
      filings.push({ id: `C-m${c}${k}`, actorId: `mill-${c}`, text });
    }
  }
  // a bank's form: 30 unrelated customers
  for (let u = 0; u < 30; u++) filings.push({ id: `C-f${u}`, actorId: `form-${u}`, text: fill(rng, FORM) });
  // honest people in their own words; one of them repeats herself
  OWN_WORDS.forEach((text, i) => filings.push({ id: `C-o${i}`, actorId: `own-${i}`, text }));
  filings.push({ id: `C-o9`, actorId: 'own-0', text: OWN_WORDS[0]! });

  const result = findTemplates(filings, { seed: 1, minSimilarity: 0.7, genericThreshold: 20 });

  it("clusters the mill's disguised copies into one template and links every pair of its clients", () => {
    const mill = result.templates.filter((t) => t.actorIds.some((a) => a.startsWith('mill-')));
    expect(mill).to.have.length(1);
    expect(mill[0]!.actorIds).to.have.length(8);
    expect(mill[0]!.generic).to.equal(false);
    expect(mill[0]!.representativeText).to.contain('{姓名}').and.contain('{数}');
    const pairs = result.matches.filter((m) => m.actorA.startsWith('mill-'));
    expect(pairs).to.have.length(28);
    for (const m of pairs) {
      expect(m.similarity).to.be.at.least(0.7);
      expect(m.spread).to.equal(8);
      expect(m.actorB.startsWith('mill-')).to.equal(true);
    }
  });

  it('quarantines the text a form writes for everyone as generic, and links none of its users', () => {
    const form = result.templates.filter((t) => t.actorIds.some((a) => a.startsWith('form-')));
    expect(form.length).to.be.at.least(1);
    expect(form.every((t) => t.generic)).to.equal(true);
    expect(result.matches.filter((m) => m.actorA.startsWith('form-'))).to.deep.equal([]);
    expect(result.stats.genericTemplates).to.be.at.least(1);
  });

  it('links nobody writing in their own words, and ignores a person repeating herself', () => {
    expect(
      result.matches.filter((m) => m.actorA.startsWith('own-') || m.actorB.startsWith('own-')),
    ).to.deep.equal([]);
    expect(result.templates.filter((t) => t.actorIds.includes('own-0'))).to.deep.equal([]);
  });

  it('is deterministic whatever the row order', () => {
    const again = findTemplates([...filings].reverse(), {
      seed: 1,
      minSimilarity: 0.7,
      genericThreshold: 20,
    });
    expect(JSON.stringify(again)).to.equal(JSON.stringify(result));
  });
});
