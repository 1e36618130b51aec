// Data minimisation: phone numbers, accounts and ID numbers are masked wherever they sit in an answer.
import { expect } from 'chai';
import { maskAccount, maskPersonalData, maskPhone, scrubText } from '../../src/http/masking.js';

describe('masking of personal data', () => {
  it('masks a phone as +CC first-3****last-4, and an account to its last 4 digits', () => {
    expect(maskPhone('+8613812348000')).to.equal('+86 138****8000');
    expect(maskPhone('13812348000')).to.equal('138****8000');
    expect(maskPhone('+861095588000')).to.equal('+86 ******8000');
    expect(maskAccount('6222021234567890')).to.equal('****7890');
    expect(maskAccount('ACC-1')).to.equal('****');
  });

  it('scrubs phone numbers, card numbers and ID numbers out of free text', () => {
    const text = scrubText(
      '联系电话13812348000，卡号6222021234567890，身份证11010519491231002X，+8613900000001',
    );
    expect(text).to.equal('联系电话138****8000，卡号****7890，身份证[ID number]，+86 139****0001');
    expect(scrubText('filed 2026-03-04T09:12:00+08:00 for 5000')).to.equal(
      'filed 2026-03-04T09:12:00+08:00 for 5000',
    );
  });

  it('scrubs parts of ID numbers written after an ID-number word, and 15-digit ones', () => {
    expect(scrubText('本人身份证尾号0991，卡号6222021234567890被扣款')).to.equal(
      '本人身份证尾号[ID number]，卡号****7890被扣款',
    );
    expect(scrubText('证件号后四位：099X。')).to.equal('证件号后四位：[ID number]。');
    expect(scrubText('身份证号码110105491231002')).to.equal('身份证号码[ID number]');
    expect(scrubText('身份证 末4位 1234')).to.equal('身份证 末4位 [ID number]');
    expect(scrubText('我于3月5日投诉')).to.equal('我于3月5日投诉');
  });

  it('masks a ring report: evidence identifiers by kind, summaries, filings, flows; ids stay usable', () => {
    const report = {
      id: 'R-0123456789',
      members: [
        {
          id: 'A-1',
          name: '王代理',
          summary:
            'organizer: 3 members have refunds paid into its account PAY-ACCOUNT-77; uses +8613900000001.',
          evidence: [
            {
              kind: 'payout_account',
              identifierKind: 'account',
              identifier: 'PAY-ACCOUNT-77',
              recordIds: ['C-1'],
            },
            { kind: 'representation', identifierKind: 'agent', identifier: 'A-1', recordIds: ['C-1'] },
            {
              kind: 'contact_phone',
              identifierKind: 'phone',
              identifier: '+8613900000001',
              recordIds: ['C-1'],
            },
          ],
        },
      ],
      sharedIdentifiers: [{ identifier: '+8613900000001', kind: 'phone', memberIds: ['A-1'] }],
      complaints: [
        {
          id: 'C-1',
          contactPhone: '+8613900000001',
          payoutAccount: 'PAY-ACCOUNT-77',
          text: '电话13900000001',
        },
      ],
      moneyFlows: [
        { kind: 'transfer', from: '6222020000000001', to: 'PAY-ACCOUNT-77' },
        { kind: 'payout', from: '中国工商银行', to: 'PAY-ACCOUNT-77' },
      ],
      timeline: [
        { transfers: [{ id: 'T-1', fromAccount: '6222020000000001', toAccount: 'PAY-ACCOUNT-77' }] },
      ],
    };
    const masked = maskPersonalData(report, 'masked');
    const json = JSON.stringify(masked);
    for (const secret of ['PAY-ACCOUNT-77', '6222020000000001', '8613900000001', '13900000001']) {
      expect(json).not.to.contain(secret);
    }
    expect(masked.members[0]!.summary).to.equal(
      'organizer: 3 members have refunds paid into its account ****T-77; uses +86 139****0001.',
    );
    expect(masked.members[0]!.evidence[1]!.identifier).to.equal('A-1');
    expect(masked.members[0]!.name).to.equal('王代理');
    expect(masked.moneyFlows[1]!.from).to.equal('中国工商银行');
    expect(masked.id).to.equal('R-0123456789');
    expect(maskPersonalData(report, 'full')).to.equal(report);
  });

  it('drops ID numbers and their hashes, and masks phone and account lists of an actor', () => {
    const masked = maskPersonalData(
      {
        id: 'A-1',
        idNumberHash: 'ab'.repeat(32),
        phones: [{ number: '+8613812348000', source: 's' }],
        accounts: [{ id: '6222020000007890', kind: 'bank' }],
        nested: { phones: ['+8613812348000'], accounts: ['6222020000007890'] },
        stats: { allowList: { entries: ['phone:+8613812348000', 'account:6222020000007890'] } },
      },
      'masked',
    );
    expect(masked).to.deep.equal({
      id: 'A-1',
      phones: [{ number: '+86 138****8000', source: 's' }],
      accounts: [{ id: '****7890', kind: 'bank' }],
      nested: { phones: ['+86 138****8000'], accounts: ['****7890'] },
      stats: { allowList: { entries: ['phone:+86 138****8000', 'account:****7890'] } },
    });
  });
});
