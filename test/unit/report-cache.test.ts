// The report cache: hits, invalidation by what an answer was built from, reads racing a write, TTL, sharing.
import { expect } from 'chai';
import { ReportCache } from '../../src/rings/report-cache.js';
import { maskPersonalData } from '../../src/http/masking.js';

function counter(value: () => object, deps: string[]) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n++;
    return { value: value(), deps };
  };
  return { calls, load };
}

describe('report cache', () => {
  it('answers a second request from memory and counts hits and misses', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    const { calls, load } = counter(() => ({ id: 'R-1' }), ['ring:R-1']);
    const a = await cache.get('k', load);
    const b = await cache.get('k', load);
    expect(calls.n).to.equal(1);
    expect(b).to.equal(a);
    expect(cache.stats).to.deep.equal({ hits: 1, misses: 1 });
  });

  it('drops exactly the entries built from an invalidated dependency', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    const ring = counter(() => ({ id: 'R-1' }), ['actor:A-1', 'filing:C-1']);
    const other = counter(() => ({ id: 'R-2' }), ['actor:A-2']);
    await cache.get('ring1', ring.load);
    await cache.get('ring2', other.load);
    cache.invalidate(['filing:C-1']);
    await cache.get('ring1', ring.load);
    await cache.get('ring2', other.load);
    expect(ring.calls.n).to.equal(2);
    expect(other.calls.n).to.equal(1);
  });

  it('does not keep an answer whose read was overtaken by a write', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const load = async () => {
      n++;
      if (n === 1) await gate; // the first read is still in flight when the write lands
      return { value: { version: n }, deps: ['actor:A-1'] };
    };
    const first = cache.get('actor', load);
    cache.invalidate(['actor:A-1']);
    release();
    expect(await first).to.deep.equal({ version: 1 });
    expect(await cache.get('actor', load)).to.deep.equal({ version: 2 });
    expect(await cache.get('actor', load)).to.deep.equal({ version: 2 });
    expect(n).to.equal(2);
  });

  it('shares one read between concurrent misses of a key', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    const { calls, load } = counter(() => ({ id: 'R-1' }), []);
    const [a, b, c] = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    expect(calls.n).to.equal(1);
    expect(a).to.equal(b).and.to.equal(c);
  });

  it('serves nothing older than its TTL, and with ttlMs 0 reads every time', async () => {
    const short = new ReportCache({ max: 10, ttlMs: 20 });
    const s = counter(() => ({}), []);
    await short.get('k', s.load);
    await new Promise((r) => setTimeout(r, 40));
    await short.get('k', s.load);
    expect(s.calls.n).to.equal(2);

    const off = new ReportCache({ max: 10, ttlMs: 0 });
    const o = counter(() => ({}), []);
    await off.get('k', o.load);
    await off.get('k', o.load);
    expect(o.calls.n).to.equal(2);
    expect(off.size).to.equal(0);
  });

  it('keeps at most max entries and forgets the evicted ones in its dependency index', async () => {
    const cache = new ReportCache({ max: 2, ttlMs: 60_000 });
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => ({ value: { k }, deps: [`actor:${k}`] }));
    expect(cache.size).to.equal(2);
    cache.invalidate(['actor:a', 'actor:b', 'actor:c']);
    expect(cache.size).to.equal(0);
  });

  it('freezes what it stores, and the masking shares one masked copy of a frozen answer', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    const value = await cache.get('k', async () => ({
      value: { members: [{ id: 'A-1', phones: ['+8613812348000'] }] },
      deps: [],
    }));
    expect(Object.isFrozen(value)).to.equal(true);
    expect(Object.isFrozen(value.members[0])).to.equal(true);
    const masked = maskPersonalData(value, 'masked');
    expect(masked.members[0]!.phones).to.deep.equal(['+86 138****8000']);
    expect(maskPersonalData(value, 'masked')).to.equal(masked);
    expect(maskPersonalData(value, 'full')).to.equal(value);
  });

  it('does not keep a failed read', async () => {
    const cache = new ReportCache({ max: 10, ttlMs: 60_000 });
    let n = 0;
    const load = async () => {
      n++;
      if (n === 1) throw new Error('Neo4j went away');
      return { value: { ok: true }, deps: [] };
    };
    let failed: unknown;
    await cache.get('k', load).catch((e: unknown) => (failed = e));
    expect((failed as Error).message).to.equal('Neo4j went away');
    expect(await cache.get('k', load)).to.deep.equal({ ok: true });
  });
});
