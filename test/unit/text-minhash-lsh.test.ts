// MinHash estimates and LSH candidates: known near-duplicates are found, unrelated texts give no pairs.
import { expect } from 'chai';
import { Rng } from '../../seed/rng.js';
import { disguiseText } from '../../seed/text-disguise.js';
import { normaliseText } from '../../src/text/normalise-text.js';
import { MinHasher, estimateSimilarity, jaccard, lshCandidates } from '../../src/text/minhash-lsh.js';

const TEMPLATE =
  '本人{name}，身份证尾号{tail}，于{date}发现贵行在未经本人同意的情况下违规收取各项费用共计{amount}元，严重侵害了金融消费者的合法权益。' +
  '依据消费者权益保护法及相关监管规定，强烈要求全额退还上述费用，否则本人将向金融监管总局及媒体进一步反映。';
const NAMES = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴丽'];

/** A filled copy of the template, disguised one way or another: the evasions a mill uses. */
function copy(rng: Rng, i: number): string {
  const text = TEMPLATE.replace('{name}', NAMES[i % NAMES.length]!)
    .replace('{tail}', rng.digits(4))
    .replace('{date}', `2026年${rng.int(1, 12)}月${rng.int(1, 28)}日`)
    .replace('{amount}', String(rng.int(500, 90_000)));
  return disguiseText(rng, text, {
    homophones: i % 3 === 0 ? 0.3 : 0,
    traditional: i % 4 === 1,
    fullWidth: i % 2 === 0,
    marks: i % 5 === 2 ? 0.04 : 0,
  });
}

const UNRELATED = [
  '手机银行一直闪退，登录不了，已经三天了，客服说在修复，希望尽快恢复。',
  '信用卡年费没有提前通知就扣了，要求退还并解释收费依据。',
  '在网点排队两个多小时没有人办理，工作人员态度冷漠，建议增加窗口。',
  '理财产品到期不能兑付，客户经理失联，请监管部门介入调查。',
  '催收人员每天打十几个电话给我的家人和同事，严重影响生活。',
  '征信报告上有一笔不是我办理的贷款，要求核实并删除记录。',
  '保险业务员承诺的收益和合同写的完全不一样，属于销售误导。',
  '扫码支付显示失败却扣了款，钱到现在也没有退回来。',
  '账户突然被冻结无法转账，没有任何短信通知，影响工资发放。',
  '提前还款被收取高额违约金，合同里并没有写明这一条款。',
];

describe('text: MinHash and LSH', () => {
  const hasher = new MinHasher({ seed: 7, numHashes: 64, shingleSize: 4 });
  const rng = Rng.fromSeed(3);
  const copies = Array.from({ length: 40 }, (_, i) => copy(rng, i));

  it('estimates the Jaccard resemblance within the sampling error', () => {
    const a = hasher.shingles(normaliseText(UNRELATED[0]!).tokens);
    const b = hasher.shingles(normaliseText(`${UNRELATED[0]!}另外扣了我的短信费。`).tokens);
    const exact = jaccard(a, b);
    expect(exact).to.be.within(0.5, 0.95);
    expect(estimateSimilarity(hasher.signature(a), hasher.signature(b))).to.be.closeTo(exact, 0.15);
    expect(estimateSimilarity(hasher.signature(a), hasher.signature(a))).to.equal(1);
  });

  it('sees through the disguises: disguised copies of one template resemble each other', () => {
    const signatures = copies.map((t) => hasher.signatureOf(normaliseText(t).tokens));
    for (let i = 1; i < signatures.length; i++) {
      expect(estimateSimilarity(signatures[0]!, signatures[i]!), copies[i]).to.be.at.least(0.7);
    }
  });

  it('finds every pair of near-duplicates among unrelated texts, and no pair of unrelated texts', () => {
    const texts = [...copies, ...UNRELATED];
    const signatures = texts.map((t) => hasher.signatureOf(normaliseText(t).tokens));
    const { pairs } = lshCandidates(signatures, { bands: 16, rows: 4, maxBucket: 200 });
    const verified = pairs.filter(([i, j]) => estimateSimilarity(signatures[i]!, signatures[j]!) >= 0.7);
    const n = copies.length;
    expect(verified.filter(([i, j]) => i < n && j < n)).to.have.length((n * (n - 1)) / 2);
    expect(verified.filter(([, j]) => j >= n)).to.deep.equal([]);
    expect(pairs.filter(([i]) => i >= n)).to.deep.equal([]);
  });

  it('chains an oversized bucket instead of expanding it, and reports its size per item', () => {
    const signatures = copies.map((t) => hasher.signatureOf(normaliseText(t).tokens));
    const { pairs, chainedBuckets, largestBucket } = lshCandidates(signatures, {
      bands: 16,
      rows: 4,
      maxBucket: 10,
      groups: copies.map((_, i) => i % 20),
    });
    expect(chainedBuckets).to.be.above(0);
    expect(pairs.length).to.be.below((copies.length * (copies.length - 1)) / 2);
    expect(Math.max(...largestBucket)).to.equal(20); // distinct groups, not items
  });

  it('gives the same signatures for the same seed and different ones for another seed', () => {
    const tokens = normaliseText(copies[0]!).tokens;
    const again = new MinHasher({ seed: 7, numHashes: 64, shingleSize: 4 });
    const other = new MinHasher({ seed: 8, numHashes: 64, shingleSize: 4 });
    expect([...again.signatureOf(tokens)]).to.deep.equal([...hasher.signatureOf(tokens)]);
    expect([...other.signatureOf(tokens)]).to.not.deep.equal([...hasher.signatureOf(tokens)]);
  });
});
