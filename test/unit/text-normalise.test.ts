// Normalisation of Chinese complaint texts: width, traditional characters, homophones, punctuation, masks.
import { expect } from 'chai';
import { HOMOPHONES } from '../../seed/text-disguise.js';
import {
  NAME_MASK,
  NUMBER_MASK,
  displayText,
  foldText,
  normaliseText,
  pinyinOf,
} from '../../src/text/normalise-text.js';

describe('text: normaliseText', () => {
  it('folds full-width digits, letters and punctuation to half-width', () => {
    expect(foldText('ＡＰＰ转账１２３元，')).to.equal('app转账123元,');
    expect(normaliseText('退还１２３４５元').text).to.equal(normaliseText('退还12345元').text);
  });

  it('turns traditional characters into simplified ones', () => {
    expect(foldText('違規收取費用，強烈要求退還')).to.equal('违规收取费用,强烈要求退还');
    const traditional = normaliseText('本人於貴行辦理業務，被違規收取保險費用');
    const simplified = normaliseText('本人于贵行办理业务，被违规收取保险费用');
    expect(traditional.text).to.equal(simplified.text);
    expect(traditional.tokens).to.deep.equal(simplified.tokens);
  });

  it('gives homophone evasions the same pinyin tokens (葆费 for 保费)', () => {
    const honest = normaliseText('要求退还保费和违规收取的费用');
    const evasive = normaliseText('耀球蜕孩葆废和韦归手取的费用');
    expect(evasive.text).to.not.equal(honest.text);
    expect(evasive.tokens).to.deep.equal(honest.tokens);
    expect(honest.tokens.slice(0, 4)).to.deep.equal(['yao', 'qiu', 'tui', 'hai']);
  });

  it('reads every homophone the seed world uses exactly like the character it replaces', () => {
    for (const [plain, homophone] of Object.entries(HOMOPHONES)) {
      expect(pinyinOf(foldText(homophone)), `${plain} / ${homophone}`).to.equal(pinyinOf(plain));
    }
  });

  it('drops punctuation, whitespace and invisible characters inserted to break exact matching', () => {
    const clean = normaliseText('强烈要求全额退还上述费用');
    const noisy = normaliseText('强烈·要求 全额\u200b退还、上述~费用！！');
    expect(noisy.text).to.equal(clean.text);
  });

  it('masks amounts, dates and card tails, in Arabic or Chinese numerals', () => {
    const a = normaliseText('于2026年3月4日被扣收12,345.67元，尾号6222');
    const b = normaliseText('于２０２５年１１月２０日被扣收伍仟元，尾号1234');
    expect(a.text).to.equal(b.text);
    expect(a.text).to.equal(
      `于${NUMBER_MASK}年${NUMBER_MASK}月${NUMBER_MASK}日被扣收${NUMBER_MASK}元尾号${NUMBER_MASK}`,
    );
  });

  it('masks names after the words that introduce them', () => {
    const a = normaliseText('本人张伟，身份证尾号1234。姓名：李小红；我叫王芳，联系人：赵强');
    const b = normaliseText('本人欧阳娜娜，身份证尾号9876。姓名：刘洋；我叫陈静，联系人：孙明');
    expect(a.text).to.equal(b.text);
    expect(a.text.startsWith(`本人${NAME_MASK}身份证`)).to.equal(true);
    expect(displayText(a.text)).to.contain('本人{姓名}身份证尾号{数}');
  });

  it('leaves ordinary words after 本人 alone when no name follows', () => {
    expect(normaliseText('在未经本人同意的情况下扣费').text).to.equal('在未经本人同意的情况下扣费');
  });

  it('gives one token per character of the normalised text', () => {
    const n = normaliseText('投诉ＡＢ银行：退还100元');
    expect(n.tokens).to.have.length([...n.text].length);
  });
});
