// Phone and card numbers found in complaint texts, and generic identifier values: what is taken and what is not.
import { expect } from 'chai';
import { extractNamedParties, idNumberCheckValid, luhnValid } from '../../src/ingest/named-parties.js';
import { normaliseIdentifierValue } from '../../src/ingest/identifier-value.js';

const phone = (value: string) => ({ kind: 'phone', value });
const card = (value: string) => ({ kind: 'account', value });

describe('named parties found in complaint texts', () => {
  it('finds a mainland mobile written in the text', () => {
    expect(extractNamedParties('催收员用13812345678天天打电话骚扰')).to.deep.equal([phone('+8613812345678')]);
  });

  it('finds a mobile with +86 / 86 / 0086 and spaces or dashes, as one normalised phone', () => {
    for (const t of [
      '+86 138-1234-5678',
      '对方号码86 13812345678',
      '电话：0086-138 1234 5678，说不还钱就上门',
      '（+86）13812345678 自称是律师',
      '联系方式１３８１２３４５６７８', // full-width digits
    ]) {
      expect(extractNamedParties(t), t).to.deep.equal([phone('+8613812345678')]);
    }
  });

  it('finds a bank card grouped in fours and checks it with Luhn', () => {
    expect(extractNamedParties('转账到对方卡号6222 0212 3456 7890 128')).to.deep.equal([
      card('6222021234567890128'),
    ]);
    expect(extractNamedParties('他让我把钱打到6222021234567890128这张卡上')).to.deep.equal([
      card('6222021234567890128'),
    ]);
    expect(luhnValid('6222021234567890128')).to.equal(true);
    // one digit off: not a card, and not a phone either
    expect(extractNamedParties('转账到6222021234567890127')).to.deep.equal([]);
  });

  it('finds landlines only when the area code is set apart', () => {
    expect(extractNamedParties('请联系010-66108608或(0755)86013388')).to.deep.equal([
      phone('+861066108608'),
      phone('+8675586013388'),
    ]);
    // without a separator a landline cannot be told from any other number
    expect(extractNamedParties('编码01066108608')).to.deep.equal([]);
  });

  it('keeps the order of appearance, drops repeats and what the filing itself gave', () => {
    const t =
      '代理人13900000001收了我3000元手续费，让我把钱转到6222021234567890128，又用138-1234-5678打给我，13900000001';
    expect(extractNamedParties(t)).to.deep.equal([
      phone('+8613900000001'),
      card('6222021234567890128'),
      phone('+8613812345678'),
    ]);
    expect(
      extractNamedParties(t, { contactPhone: '+8613900000001', payoutAccount: '6222021234567890128' }),
    ).to.deep.equal([phone('+8613812345678')]);
  });

  it('takes no amount, date, order number or ID number for a party', () => {
    for (const t of [
      '要求退还全部息费5000元，共计12,000.00元',
      '2026年3月4日9点12分，借款日期2026-03-04，20260304还款',
      '订单号2024031512345678901，交易流水号 6222021234567890128',
      '本人身份证号11010519491231002X，请核实',
      '身份证620102198506121353', // a valid ID number that happens to pass Luhn and start like a UnionPay card
      '工单编号 13812345678901',
      '合同号BX13812345678',
    ]) {
      expect(extractNamedParties(t), t).to.deep.equal([]);
    }
    expect(idNumberCheckValid('620102198506121353')).to.equal(true);
    expect(luhnValid('620102198506121353')).to.equal(true);
  });

  it('answers nothing for empty or digit-free text', () => {
    expect(extractNamedParties(null)).to.deep.equal([]);
    expect(extractNamedParties('')).to.deep.equal([]);
    expect(extractNamedParties('天天打电话骚扰，态度恶劣')).to.deep.equal([]);
  });
});

describe('generic identifier values', () => {
  it('lower-cases emails, writes MACs upper-case with colons, IPs canonical', () => {
    expect(normaliseIdentifierValue('email', ' Zhang.Wei@Example.COM ')).to.deep.equal({
      ok: true,
      value: 'zhang.wei@example.com',
    });
    for (const raw of ['aa-bb-cc-dd-ee-0f', 'AABB.CCDD.EE0F', 'aabbccddee0f', 'aa:bb:cc:dd:ee:0f']) {
      expect(normaliseIdentifierValue('mac', raw), raw).to.deep.equal({
        ok: true,
        value: 'AA:BB:CC:DD:EE:0F',
      });
    }
    expect(normaliseIdentifierValue('ip', '2001:DB8:0:0:0:0:0:1')).to.deep.equal({
      ok: true,
      value: '2001:db8::1',
    });
    expect(normaliseIdentifierValue('ip', '10.1.2.3')).to.deep.equal({ ok: true, value: '10.1.2.3' });
  });

  it('refuses malformed MACs and IPs, control characters, empty and over-long values', () => {
    expect(normaliseIdentifierValue('mac', 'aa:bb:cc').ok).to.equal(false);
    expect(normaliseIdentifierValue('ip', '300.1.1.1').ok).to.equal(false);
    expect(normaliseIdentifierValue('ip', '010.1.1.1').ok).to.equal(false);
    expect(normaliseIdentifierValue('wechat', 'wx\u0007id').ok).to.equal(false);
    expect(normaliseIdentifierValue('wechat', '   ').ok).to.equal(false);
    expect(normaliseIdentifierValue('address', 'x'.repeat(257)).ok).to.equal(false);
  });

  it('keeps other kinds as sent, trimmed', () => {
    expect(normaliseIdentifierValue('wechat', ' wxid_AB12 ')).to.deep.equal({ ok: true, value: 'wxid_AB12' });
    expect(normaliseIdentifierValue('friend', '1234')).to.deep.equal({ ok: true, value: '1234' });
  });
});
