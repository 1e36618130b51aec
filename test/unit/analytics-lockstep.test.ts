// Lockstep filing on hand-made timelines: a repeated pattern links, one coincidence does not, a crowd is quarantined.
import { expect } from 'chai';
import type { LockstepFiling } from '../../src/analytics/lockstep.js';
import { findLockstep } from '../../src/analytics/lockstep.js';

const PARAMS = { windowMinutes: 120, minRepetitions: 3, maxCrowd: 40 };
let counter = 0;
const pad = (n: number): string => String(n).padStart(2, '0');
const at = (day: number, hour: number, minute = 0): string =>
  `2026-03-${pad(day)}T${pad(hour + Math.floor(minute / 60))}:${pad(minute % 60)}:00+08:00`;
const filing = (actorId: string, institution: string, filedAt: string): LockstepFiling => ({
  id: `C-${String(++counter).padStart(4, '0')}`,
  actorId,
  institution,
  filedAt,
});

describe('analytics: lockstep', () => {
  it('links actors filing against the same institutions in the same windows, session after session', () => {
    const filings = [
      // three sessions of a mill: a, b and c within 90 minutes each time
      ...['a', 'b', 'c'].map((x, i) => filing(x, '中国人寿', at(2, 10, i * 40))),
      ...['a', 'b', 'c'].map((x, i) => filing(x, '招商银行', at(9, 14, i * 30))),
      ...['a', 'b', 'c'].map((x, i) => filing(x, '中国人寿', at(20, 9, i * 45))),
      // d joins only one session: a coincidence, not a pattern
      filing('d', '中国人寿', at(2, 11, 10)),
    ];
    const result = findLockstep(filings, PARAMS);
    expect(result.matches.map((m) => [m.actorA, m.actorB, m.episodes.length])).to.deep.equal([
      ['a', 'b', 3],
      ['a', 'c', 3],
      ['b', 'c', 3],
    ]);
    const ab = result.matches[0]!;
    expect(ab.episodes.map((e) => e.institution)).to.deep.equal(['中国人寿', '招商银行', '中国人寿']);
    expect(ab.episodes[0]!.at).to.equal('2026-03-02T02:00:00.000Z');
    expect(result.crowds).to.deep.equal([]);
  });

  it('does not link on one coincidence, nor on several filings of one session', () => {
    const filings = [
      filing('x', '中国银行', at(5, 9, 0)),
      filing('y', '中国银行', at(5, 9, 30)),
      filing('x', '中国银行', at(5, 9, 50)),
      filing('y', '中国银行', at(5, 10, 20)),
      // same people, other institution but far apart in time
      filing('x', '工商银行', at(6, 9, 0)),
      filing('y', '工商银行', at(8, 9, 0)),
    ];
    const result = findLockstep(filings, PARAMS);
    expect(result.matches).to.deep.equal([]);
    expect(result.stats.coincidences).to.equal(4);
    expect(result.stats.coincidingPairs).to.equal(1);
  });

  it('needs the same target: filings at the same times against different institutions do not coincide', () => {
    const filings = [1, 2, 3, 4].flatMap((day) => [
      filing('p', '中国银行', at(day, 10)),
      filing('q', '交通银行', at(day, 10, 5)),
    ]);
    expect(findLockstep(filings, PARAMS).matches).to.deep.equal([]);
  });

  it('quarantines an outage crowd, even one that comes back, and pairs nobody inside it', () => {
    const crowd = Array.from({ length: 120 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    const filings = [4, 11, 18].flatMap((day) =>
      crowd.map((u, i) => filing(u, '中国农业银行', at(day, 9 + Math.floor(i / 60), i % 60))),
    );
    const result = findLockstep(filings, PARAMS);
    expect(result.matches).to.deep.equal([]);
    expect(result.crowds).to.have.length(3);
    for (const c of result.crowds) {
      expect(c.institution).to.equal('中国农业银行');
      expect(c.actorCount).to.equal(120);
      expect(c.reason).to.contain('crowd');
    }
    expect(result.stats.crowdFilings).to.equal(360);
  });

  it('keeps a ring visible next to a crowd at the same institution on another day', () => {
    const crowd = Array.from({ length: 60 }, (_, i) => filing(`u${i}`, '中国农业银行', at(4, 9, i % 60)));
    const ring = [10, 12, 14].flatMap((day) =>
      ['r1', 'r2', 'r3', 'r4'].map((r, i) => filing(r, '中国农业银行', at(day, 15, i * 10))),
    );
    const result = findLockstep([...crowd, ...ring], PARAMS);
    expect(result.crowds).to.have.length(1);
    expect(result.matches).to.have.length(6);
  });

  it('gives the same result whatever the order of the rows', () => {
    const filings = [1, 2, 3].flatMap((day) =>
      ['a', 'b', 'c'].map((x, i) => filing(x, '中国人寿', at(day, 10, i * 20))),
    );
    const forward = findLockstep(filings, PARAMS);
    const backward = findLockstep([...filings].reverse(), PARAMS);
    expect(JSON.stringify(backward)).to.equal(JSON.stringify(forward));
  });
});
