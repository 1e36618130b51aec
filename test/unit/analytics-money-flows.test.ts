// Collection accounts: filers paying fees into one account are linked; shop customers and busy accounts are not.
import { expect } from 'chai';
import type { TransferRow } from '../../src/analytics/evidence.types.js';
import { findCoPayments } from '../../src/analytics/money-flows.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00+08:00');
let n = 0;
const pay = (from: string, to: string, account: string, day: number, amount: number): TransferRow => ({
  transferId: `T-${String(++n).padStart(3, '0')}`,
  fromActor: from,
  toActor: to,
  fromAccount: `acc-${from}`,
  toAccount: account,
  amount,
  at: new Date(T0 + day * DAY).toISOString(),
  source: 'bank:X',
});

describe('analytics: money flows (co-payment)', () => {
  const filed = new Map<string, number[]>([
    ['c1', [T0 - 3 * DAY]],
    ['c2', [T0 + 2 * DAY]],
    ['c3', [T0 + 10 * DAY, T0 + 40 * DAY]],
    ['late', [T0 + 200 * DAY]],
  ]);
  const times = (id: string): readonly number[] => filed.get(id) ?? [];
  const params = { maxPayers: 50, minPayers: 3, windowDays: 60 };

  it('links filers who pay the same account around the time they file, with the amounts summed', () => {
    const transfers = [
      pay('c1', 'boss', 'collect-1', 5, 1000),
      pay('c2', 'boss', 'collect-1', 6, 1500),
      pay('c3', 'boss', 'collect-1', 7, 500),
      pay('c3', 'boss', 'collect-1', 30, 250),
      // paid far from any filing of its own: an ordinary payment, not a fee
      pay('late', 'boss', 'collect-1', 8, 999),
    ];
    const result = findCoPayments(transfers, times, params);
    expect(result.accounts).to.have.length(1);
    expect(result.accounts[0]).to.include({ account: 'collect-1', allPayers: 4, count: 4, amount: 3250 });
    expect(result.accounts[0]!.payerIds).to.deep.equal(['c1', 'c2', 'c3']);
    expect(result.accounts[0]!.holderIds).to.deep.equal(['boss']);
    expect(result.matches.map((m) => [m.actorA, m.actorB, m.count, m.amount])).to.deep.equal([
      ['c1', 'c2', 2, 2500],
      ['c1', 'c3', 3, 1750],
      ['c2', 'c3', 3, 2250],
    ]);
  });

  it('needs several filers: customers who never complain, or too few payers, link nobody', () => {
    const shop = ['s1', 's2', 's3', 's4'].map((s, i) => pay(s, 'shop', 'till', i, 30));
    const two = [pay('c1', 'x', 'acc-x', 1, 10), pay('c2', 'x', 'acc-x', 1, 10)];
    const result = findCoPayments([...shop, ...two], times, params);
    expect(result.matches).to.deep.equal([]);
    expect(result.accounts).to.deep.equal([]);
  });

  it('leaves an account paid by more actors than maxPayers alone (a platform or a big shop)', () => {
    const transfers = [
      ...['c1', 'c2', 'c3'].map((c) => pay(c, 'p', 'platform', 1, 100)),
      ...Array.from({ length: 60 }, (_, i) => pay(`buyer-${i}`, 'p', 'platform', 2, 20)),
    ];
    const result = findCoPayments(transfers, times, params);
    expect(result.matches).to.deep.equal([]);
    expect(result.stats.busyAccounts).to.equal(1);
  });

  it('counts a transfer into a joint account once, although it arrives once per holder', () => {
    const t = pay('c1', 'h1', 'joint', 1, 100);
    const transfers = [
      t,
      { ...t, toActor: 'h2' },
      pay('c2', 'h1', 'joint', 1, 100),
      pay('c3', 'h1', 'joint', 1, 100),
    ];
    const result = findCoPayments(transfers, times, params);
    expect(result.accounts[0]).to.include({ count: 3, amount: 300 });
    expect(result.accounts[0]!.holderIds).to.deep.equal(['h1', 'h2']);
  });
});
