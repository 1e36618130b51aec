// Config parsing: defaults, API keys, and errors that name the variable.
import { availableParallelism } from 'node:os';
import { expect } from 'chai';
import { ConfigError, loadConfig, parseApiKeys } from '../../src/config.js';

describe('config', () => {
  it('fills defaults and freezes the result', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(8080);
    expect(c.neo4j.uri).to.equal(undefined);
    expect(c.neo4j.bundled.port).to.equal(7687);
    expect(c.runNice).to.equal(10);
    expect(Object.isFrozen(c)).to.equal(true);
    expect(Object.isFrozen(c.neo4j.bundled)).to.equal(true);
  });

  it('parses role:key and role:name:key pairs', () => {
    const keys = parseApiKeys('analyst:0123456789abcdef0, admin:root:fedcba9876543210f');
    expect(keys).to.deep.equal([
      { name: 'analyst-1', role: 'analyst', key: '0123456789abcdef0' },
      { name: 'root', role: 'admin', key: 'fedcba9876543210f' },
    ]);
  });

  it('names the variable of every bad value', () => {
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', RINGMAP_API_KEYS: 'boss:0123456789abcdef0' });
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      const vars = (e as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).to.deep.equal(['NEO4J_URI', 'PORT', 'RINGMAP_API_KEYS']);
      expect((e as ConfigError).message).to.contain('unknown role "boss"');
    }
  });

  it("takes a run's nice increment from 0 (off) to 19 (the lowest priority)", () => {
    expect(loadConfig({ RINGMAP_RUN_NICE: '0' }).runNice).to.equal(0);
    expect(loadConfig({ RINGMAP_RUN_NICE: '19' }).runNice).to.equal(19);
    for (const bad of ['-1', '20', 'low'])
      expect(() => loadConfig({ RINGMAP_RUN_NICE: bad }), bad)
        .to.throw(ConfigError)
        .with.property('message')
        .that.contains('RINGMAP_RUN_NICE');
  });

  it('requires keys and the ID secret when the server asks for them', () => {
    expect(() => loadConfig({}, { require: { apiKeys: true, secret: true } }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/RINGMAP_API_KEYS.*RINGMAP_ID_HMAC_SECRET/);
  });

  it('refines communities in one thread per core unless RINGMAP_DETECT_THREADS says how many', () => {
    expect(loadConfig({}).detectThreads).to.equal(availableParallelism());
    expect(loadConfig({ RINGMAP_DETECT_THREADS: '1' }).detectThreads).to.equal(1);
    expect(() => loadConfig({ RINGMAP_DETECT_THREADS: '0' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('RINGMAP_DETECT_THREADS');
  });

  it('rejects short keys and duplicate names', () => {
    expect(() => parseApiKeys('admin:short')).to.throw(/at least 16/);
    expect(() => parseApiKeys('admin:a:0123456789abcdef0,analyst:a:0123456789abcdef1')).to.throw(/duplicate/);
  });
});
