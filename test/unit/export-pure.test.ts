// The pure parts of evidence exports: escaping in every format, the template finder, layout, signing-key config.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { ConfigError, loadConfig } from '../../src/config.js';
import { findComplaintTemplate } from '../../src/export/complaint-template.js';
import { csvCell, writeNodesCsv } from '../../src/export/csv.writer.js';
import { positionsOf } from '../../src/export/export-graph.js';
import type { RingSubgraph } from '../../src/export/export.types.js';
import { graphmlId, writeGraphml } from '../../src/export/graphml.writer.js';
import { utcTime, utcTimes } from '../../src/shared/utc-time.js';
import { escapeHtml, jsonForScript } from '../../src/export/report-html.js';
import { inlineSafe, ReportScript } from '../../src/export/report-script.js';
import {
  generateSigningKeyPem,
  resolveSigningKeyValue,
  signerFromPem,
  verifySignature,
} from '../../src/export/signing-key.js';
import { xmlAttr, xmlText } from '../../src/export/xml-text.js';

const tiny: RingSubgraph = {
  ringId: 'R-abcdef',
  runId: 'run-1',
  nodes: [
    {
      key: 'actor:A',
      kind: 'actor',
      label: '张伟 (A)',
      attributes: { ref: 'A', member: true, role: 'organizer', strength: 2.5 },
    },
    {
      key: 'complaint:C',
      kind: 'complaint',
      label: 'complaint C',
      attributes: { ref: 'C', text: 'a < b & "c"\n第二行\u0007' },
    },
    {
      key: 'phone:+8613800000000',
      kind: 'phone',
      label: '+8613800000000',
      attributes: { ref: '+8613800000000', hub: false },
    },
  ],
  edges: [
    {
      key: 'FILED:actor:A->complaint:C',
      from: 'actor:A',
      to: 'complaint:C',
      relationship: 'FILED',
      attributes: { relationship: 'FILED', source: 's' },
    },
    {
      key: 'CONTACT:complaint:C->phone:+8613800000000',
      from: 'complaint:C',
      to: 'phone:+8613800000000',
      relationship: 'CONTACT',
      attributes: { relationship: 'CONTACT' },
    },
  ],
};

describe('export: escaping', () => {
  it('gives GraphML NMTOKEN ids, one per key, readable where they can be', () => {
    expect(graphmlId('phone:+8613900000001')).to.equal('phone:_2b_8613900000001');
    expect(graphmlId('institution:某某消费金融')).to.equal('institution:某某消费金融');
    expect(graphmlId('HOLDS:actor:A_1->account:X')).to.equal('HOLDS:actor:A_5f_1-_3e_account:X');
    // `_` is escaped too, so two keys never share an id
    expect(graphmlId('a_2b_')).to.not.equal(graphmlId('a+'));
    for (const key of ['x y', 'a#b', 'c/d', 'é', '😀'])
      expect(graphmlId(key)).to.match(/^[A-Za-z0-9.:\-_]+$/);
  });

  it('writes every date-time in UTC and leaves plain dates and other text alone', () => {
    expect(utcTime('2026-03-01T09:10:00+08:00')).to.equal('2026-03-01T01:10:00.000Z');
    expect(utcTime('2026-03-01T09:10+08:00[Asia/Shanghai]')).to.equal('2026-03-01T01:10:00.000Z');
    expect(utcTime('2026-03-01')).to.equal('2026-03-01');
    expect(utcTime('run-20260301')).to.equal('run-20260301');
    expect(utcTimes({ a: ['2026-03-01T00:00:00Z'], n: 1, b: null })).to.deep.equal({
      a: ['2026-03-01T00:00:00.000Z'],
      n: 1,
      b: null,
    });
  });

  it('quotes CSV cells that need it, disarms formulas, and keeps digit identifiers as text', () => {
    expect(csvCell('plain')).to.equal('plain');
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell('say "hi"\nbye')).to.equal('"say ""hi""\nbye"');
    expect(csvCell('=1+1')).to.equal("'=1+1");
    expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvCell('-2+3+cmd|x')).to.equal("'-2+3+cmd|x");
    // text a spreadsheet would take for a number or a date stays text: ="…" (quoted for CSV)
    expect(csvCell('+8613812345678')).to.equal('"=""+8613812345678"""');
    expect(csvCell('6222021234567890123')).to.equal('"=""6222021234567890123"""');
    expect(csvCell('2026-03-01')).to.equal('"=""2026-03-01"""');
    expect(csvCell('1E5')).to.equal('"=""1E5"""');
    expect(csvCell('C-1')).to.equal('C-1');
    expect(csvCell(-12.5)).to.equal('-12.5');
    expect(csvCell(true)).to.equal('true');
    expect(writeNodesCsv(tiny).startsWith('\uFEFFid,kind,label,')).to.equal(true);
  });

  it('escapes XML text and attributes and drops characters XML cannot carry', () => {
    expect(xmlText('a < b & c > d')).to.equal('a &lt; b &amp; c &gt; d');
    expect(xmlAttr(`"q" 'a'\n\t`)).to.equal('&quot;q&quot; &apos;a&apos;&#10;&#9;');
    expect(xmlText('x\u0000\u0007y')).to.equal('xy');
    expect(xmlText('emoji 😀 stays')).to.equal('emoji 😀 stays');
  });

  it('writes GraphML that graphology-graphml reads back with types', () => {
    const g = parseGraphml(MultiDirectedGraph, writeGraphml(tiny, { creator: 'test' }));
    expect(g.order).to.equal(3);
    expect(g.size).to.equal(2);
    expect(g.getNodeAttributes('actor:A')).to.deep.equal({
      key: 'actor:A',
      label: '张伟 (A)',
      kind: 'actor',
      ref: 'A',
      member: true,
      role: 'organizer',
      strength: 2.5,
    });
    expect(g.getNodeAttribute('complaint:C', 'text')).to.equal('a < b & "c"\n第二行');
  });

  it('embeds JSON in a script element without anything that could close it, and escapes HTML', () => {
    const v = { t: '</script><!-- & \u2028' };
    const s = jsonForScript(v);
    expect(s).not.to.match(/[<>&\u2028]/);
    expect(JSON.parse(s)).to.deep.equal(v);
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).to.equal(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(inlineSafe('var s="</script>";var t="<!--"')).to.equal('var s="<\\/script>";var t="<\\!--"');
  });

  it('reads the built viewer script made safe to inline, and names npm run build when it is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ringmap-script-'));
    const file = path.join(dir, 'report-page.js');
    writeFileSync(file, 'var s="</script>";');
    expect(await new ReportScript(file).get()).to.equal('var s="<\\/script>";');
    const missing = new ReportScript(path.join(dir, 'absent.js'));
    await missing.get().then(
      () => expect.fail('a missing script must not read as empty'),
      (e: Error) => expect(e.message).to.match(/not built .*npm run build/),
    );
    // a failure is not kept: once built, the same reader succeeds
    writeFileSync(path.join(dir, 'absent.js'), 'ok');
    expect(await missing.get()).to.equal('ok');
  });
});

describe('export: complaint template', () => {
  it('picks the most typical text and scores the others against it, ignoring digits', () => {
    const t = findComplaintTemplate([
      { id: 'C-1', text: '本人要求贵司退还全部违规收取的息费1200元，否则将向监管部门投诉。' },
      { id: 'C-2', text: '本人要求贵司退还全部违规收取的息费3400元，否则将向监管部门投诉。' },
      { id: 'C-3', text: '本人要求贵公司退还全部违规收取的息费，否则向监管部门投诉。' },
      { id: 'C-4', text: '信用卡被盗刷，请尽快处理。' },
      { id: 'C-5', text: null },
    ])!;
    expect(['C-1', 'C-2']).to.include(t.exemplarId);
    expect(t.matches).to.have.length(4);
    expect(t.matches.find((m) => m.id === 'C-2')!.similarity).to.equal(1);
    expect(t.matches[t.matches.length - 1]!.id).to.equal('C-4');
    expect(t.matching).to.equal(3);
    expect(findComplaintTemplate([{ id: 'x' }])).to.equal(undefined);
  });
});

describe('export: layout', () => {
  it('gives the same positions for the same graph', () => {
    const a = positionsOf(tiny);
    const b = positionsOf({ ...tiny, nodes: [...tiny.nodes], edges: [...tiny.edges] });
    expect(a).to.deep.equal(b);
    for (const p of Object.values(a)) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).to.equal(true);
  });
});

describe('export: signing key configuration', () => {
  const pem = generateSigningKeyPem();

  it('accepts a PEM, a one-line PEM with \\n and a file: path, and signs verifiably', () => {
    expect(resolveSigningKeyValue(pem)).to.equal(pem.trim() + '\n');
    expect(resolveSigningKeyValue(pem.trim().replace(/\n/g, '\\n'))).to.equal(pem.trim() + '\n');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ringmap-key-')), 'k.pem');
    writeFileSync(file, pem);
    expect(resolveSigningKeyValue(`file:${file}`)).to.equal(pem.trim() + '\n');
    const s = signerFromPem(pem);
    const data = Buffer.from('manifest');
    expect(verifySignature(data, s.sign(data), s.publicKeyPem)).to.equal(true);
    expect(verifySignature(Buffer.from('other'), s.sign(data), s.publicKeyPem)).to.equal(false);
    expect(s.fingerprint).to.match(/^sha256:[0-9a-f]{64}$/);
  });

  it('rejects other keys and names the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    for (const bad of [String(rsa), 'not a key', 'file:/nonexistent/key.pem']) {
      try {
        loadConfig({ RINGMAP_EXPORT_SIGNING_KEY: bad });
        expect.fail('should have thrown');
      } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as ConfigError).problems.map((p) => p.variable)).to.deep.equal([
          'RINGMAP_EXPORT_SIGNING_KEY',
        ]);
        expect((e as Error).message).not.to.contain('PRIVATE KEY-----\n');
      }
    }
  });

  it('requires a key of a server on a configured Neo4j, and not of one on the bundled database', () => {
    const server = {
      RINGMAP_API_KEYS: 'admin:0123456789abcdef0',
      RINGMAP_ID_HMAC_SECRET: '0123456789abcdef',
    };
    const opts = { require: { apiKeys: true, secret: true } };
    expect(() => loadConfig({ ...server, NEO4J_URI: 'bolt://db:7687' }, opts))
      .to.throw(ConfigError)
      .with.property('message')
      .that.contains('RINGMAP_EXPORT_SIGNING_KEY');
    expect(
      loadConfig({ ...server, NEO4J_URI: 'bolt://db:7687', RINGMAP_EXPORT_SIGNING_KEY: pem }, opts)
        .exportSigningKey,
    ).to.be.a('string');
    expect(loadConfig(server, opts).exportSigningKey).to.equal(undefined);
    expect(loadConfig({ NEO4J_URI: 'bolt://db:7687' }).exportSigningKey).to.equal(undefined);
  });
});
