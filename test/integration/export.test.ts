// Evidence exports against the real app and Neo4j: every file opened back with the tools a prosecutor would use.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { expect } from 'chai';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphmlIds } from 'graphology-graphml';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { verifyBundle } from '../../src/export/bundle-verify.js';
import { BUNDLE_FILES } from '../../src/export/export.service.js';
import { unzipFiles, zipFiles } from '../../src/export/zip-archive.js';
import { HOTLINE, HONEST, MILL_MEMBERS, MILL_ORGANIZER, smallWorld } from '../fixtures/small-world.js';
import { KEYS, bearer, clearDatabase, logLines, testContext } from '../support/test-context.js';
import { binary } from '../support/binary-body.js';
import { detectRings, topRingId } from '../support/world-setup.js';

type Json = Record<string, unknown>;

const ID_NUMBER = '11010519491231002X';
const HOTLINE_E164 = '+861095588000';
const ORGANIZER_PHONE = '+8613900000001';
// user text with markup, a formula, quotes, a newline and a control character that XML cannot carry
const NASTY_TEXT =
  '=HYPERLINK("http://evil.example")</script><script>alert(1)</script> & "引号" <b>粗</b>\n第二行\u0001';
const NASTY_ID = 'C-MILL-1-nasty';

/** GraphML read with graphology, keyed by the export keys each node and edge carries (its ids are NMTOKENs). */
function parseGraphml(_type: typeof MultiDirectedGraph, xml: string): MultiDirectedGraph {
  const raw = parseGraphmlIds(MultiDirectedGraph, xml);
  const g = new MultiDirectedGraph();
  raw.forEachNode((_id, { key, ...attrs }) => g.addNode(String(key), attrs));
  raw.forEachEdge((_id, { key, ...attrs }, source, target) =>
    g.addDirectedEdgeWithKey(
      String(key),
      String(raw.getNodeAttribute(source, 'key')),
      String(raw.getNodeAttribute(target, 'key')),
      attrs,
    ),
  );
  return g;
}

/** Extra records: an ID number for the organizer, and one member complaint with hostile text and the hotline. */
function extraRecords(): Json {
  const world = smallWorld();
  const organizer = (world.actors as Json[]).find((a) => a.id === MILL_ORGANIZER)!;
  return {
    actors: [{ ...organizer, idNumber: ID_NUMBER }],
    complaints: [
      {
        id: NASTY_ID,
        filedAt: '2026-03-03T10:00:00+08:00',
        complainantId: MILL_MEMBERS[0],
        institution: '某某消费金融',
        category: 'fee_refund',
        contactPhone: HOTLINE,
        text: NASTY_TEXT,
        source: 'regulator:12378',
      },
    ],
  };
}

describe('evidence exports (real Neo4j)', () => {
  let ctx: AppContext;
  let ringId: string;
  let bundle: Buffer;
  let files: Map<string, Buffer>;
  let publicKey: string;
  let logStart = 0;

  const exportAs = (role: keyof typeof KEYS, query: string, id = ringId) =>
    request(ctx.app)
      .get(`/v1/rings/${id}/export${query}`)
      .set('authorization', bearer(role))
      .buffer(true)
      .parse(binary);

  before(async () => {
    logStart = logLines.length;
    ctx = await testContext();
    await clearDatabase(ctx.db.driver);
    for (const doc of [smallWorld(), extraRecords()])
      await request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(doc).expect(200);
    await detectRings(ctx, { seed: 7, hubThreshold: 20 });
    ringId = await topRingId(ctx, 'prosecutor');
    const res = await exportAs('prosecutor', '?format=bundle').expect(200);
    bundle = res.body as Buffer;
    files = new Map();
    for (const e of await unzipFiles(bundle)) files.set(e.name, e.data!);
    publicKey = (await request(ctx.app).get('/v1/export-key').set('authorization', bearer('prosecutor'))).body
      .publicKey as string;
  });
  after(async () => {
    await ctx.close();
  });

  const text = (name: string) => files.get(name)!.toString('utf8');
  const nodeRows = () =>
    parseCsv(files.get('nodes.csv')!, { bom: true, columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];

  it('answers a zip download with every file, named for the ring', async () => {
    const res = await exportAs('prosecutor', '').expect(200);
    expect(res.headers['content-type']).to.equal('application/zip');
    expect(res.headers['content-disposition']).to.match(
      new RegExp(`^attachment; filename="ringmap-${ringId}-\\d{8}T\\d{6}Z\\.zip"$`),
    );
    expect([...files.keys()].sort()).to.deep.equal(
      [...BUNDLE_FILES, 'VERIFY.txt', 'manifest.json', 'manifest.sig'].sort(),
    );
  });

  it('writes GraphML and GEXF that parse back into the same nodes and edges', () => {
    const graphml = parseGraphml(MultiDirectedGraph, text('graph.graphml'));
    const gexf = parseGexf(MultiDirectedGraph, text('graph.gexf'));
    const csvIds = nodeRows().map((r) => r.id!);
    expect(graphml.nodes().sort()).to.deep.equal([...csvIds].sort());
    expect(gexf.nodes().sort()).to.deep.equal(graphml.nodes().sort());
    expect(graphml.edges().sort()).to.deep.equal(gexf.edges().sort());
    expect(graphml.size).to.be.greaterThan(graphml.order);
    const viz = new Set(['x', 'y', 'size', 'color']);
    graphml.forEachNode((key, attrs) => {
      const g = Object.fromEntries(Object.entries(gexf.getNodeAttributes(key)).filter(([k]) => !viz.has(k)));
      expect(g, key).to.deep.equal(attrs);
    });
    graphml.forEachEdge((key, attrs, source, target) => {
      expect(gexf.getEdgeAttributes(key), key).to.deep.equal(attrs);
      expect([gexf.source(key), gexf.target(key)]).to.deep.equal([source, target]);
      expect(attrs).to.include.keys('relationship', 'evidenceKind', 'source');
      // identifier links have no event date (only load times); every other link is dated by its event
      if (!['HOLDS', 'USES_PHONE', 'USES_DEVICE'].includes(String(attrs.relationship)))
        expect(attrs).to.include.keys('date');
    });
    // members with their roles; the hostile text survives, minus the control character XML cannot hold
    expect(graphml.getNodeAttributes(`actor:${MILL_ORGANIZER}`)).to.include({
      kind: 'actor',
      member: true,
      role: 'organizer',
      hasIdNumber: true,
    });
    for (const m of MILL_MEMBERS)
      expect(graphml.getNodeAttribute(`actor:${m}`, 'role'), m).to.be.oneOf(['member', 'agent']);
    expect(graphml.getNodeAttribute(`complaint:${NASTY_ID}`, 'text')).to.equal(
      NASTY_TEXT.replace('\u0001', ''),
    );
    expect(gexf.getNodeAttribute(`complaint:${NASTY_ID}`, 'text')).to.equal(NASTY_TEXT.replace('\u0001', ''));
    const rels = new Set(graphml.mapEdges((_k, a) => a.relationship as string));
    expect([...rels]).to.include.members([
      'USES_PHONE',
      'HOLDS',
      'FILED',
      'AGAINST',
      'CONTACT',
      'PAYOUT_TO',
      'REPRESENTED_BY',
      'TRANSFERRED',
    ]);
  });

  it('keeps a hub phone as a node without pulling in anyone else who uses it', () => {
    const g = parseGraphml(MultiDirectedGraph, text('graph.graphml'));
    expect(g.getNodeAttributes(`phone:${HOTLINE_E164}`)).to.include({ hub: true, kind: 'phone' });
    expect(g.inDegree(`phone:${HOTLINE_E164}`)).to.equal(1);
    const actors = g.filterNodes((_k, a) => a.kind === 'actor');
    expect(actors.sort()).to.deep.equal([MILL_ORGANIZER, ...MILL_MEMBERS].map((m) => `actor:${m}`).sort());
    for (const h of HONEST) expect(g.hasNode(`actor:${h}`)).to.equal(false);
  });

  it('writes CSVs with a BOM and proper quoting that parse back', () => {
    for (const name of ['nodes.csv', 'edges.csv'])
      expect([...files.get(name)!.subarray(0, 3)], name).to.deep.equal([0xef, 0xbb, 0xbf]);
    const nodes = nodeRows();
    const nasty = nodes.find((r) => r.id === `complaint:${NASTY_ID}`)!;
    // a cell that would start a spreadsheet formula gets an apostrophe; everything else is verbatim
    expect(nasty.text).to.equal(`'${NASTY_TEXT}`);
    expect(nodes.find((r) => r.id === `actor:${MILL_ORGANIZER}`)).to.include({
      name: '王代理',
      role: 'organizer',
    });
    // a phone number is written so a spreadsheet keeps it as text: ="+86…"
    expect(nodes.find((r) => r.id === `phone:${ORGANIZER_PHONE}`)!.ref).to.equal(`="${ORGANIZER_PHONE}"`);
    const edges = parseCsv(files.get('edges.csv')!, { bom: true, columns: true }) as Record<string, string>[];
    const graphml = parseGraphml(MultiDirectedGraph, text('graph.graphml'));
    expect(edges.map((e) => e.id).sort()).to.deep.equal(graphml.edges().sort());
    for (const e of edges) expect(e.from && e.to && e.relationship && e.evidenceKind, e.id).to.be.a('string');
  });

  it('writes a well-formed ANX chart with typed entities and dated links', () => {
    const anx = text('chart.anx');
    expect(XMLValidator.validate(anx)).to.equal(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      // decode character references such as &#10; (a newline kept inside an attribute)
      htmlEntities: true,
      isArray: (name) =>
        ['ChartItem', 'Attribute', 'EntityType', 'LinkType', 'AttributeClass'].includes(name),
    }).parse(anx) as { Chart: Json };
    const chart = doc.Chart as {
      EntityTypeCollection: { EntityType: Json[] };
      LinkTypeCollection: { LinkType: Json[] };
      ChartItemCollection: { ChartItem: Json[] };
    };
    const items = chart.ChartItemCollection.ChartItem;
    const entities = items.filter((i) => i.End);
    const links = items.filter((i) => i.Link);
    const graphml = parseGraphml(MultiDirectedGraph, text('graph.graphml'));
    expect(entities).to.have.length(graphml.order);
    expect(links).to.have.length(graphml.size);
    const typeNames = chart.EntityTypeCollection.EntityType.map((t) => t.Name);
    expect(typeNames).to.include.members(['Agent', 'Person', 'Phone', 'Account', 'Complaint', 'Institution']);
    const entityIds = new Set<string>();
    const byIdentity = new Map<string, Json>();
    for (const e of entities) {
      const entity = (e.End as Json).Entity as Json;
      entityIds.add(String(e.Id));
      byIdentity.set(String(entity.Identity), e);
      const icon = (entity.Icon as Json).IconStyle as Json;
      expect(typeNames).to.include(icon.Type);
    }
    for (const l of links) {
      const link = l.Link as Json;
      expect(entityIds.has(String(link.End1Reference)) && entityIds.has(String(link.End2Reference))).to.equal(
        true,
      );
      expect((link.LinkStyle as Json).Type).to.be.a('string');
      expect(l.Label).to.be.a('string');
    }
    expect(byIdentity.get(`actor:${MILL_ORGANIZER}`)!.Label).to.equal(`王代理 (${MILL_ORGANIZER})`);
    const nasty = byIdentity.get(`complaint:${NASTY_ID}`)!;
    expect(nasty.Description).to.equal(NASTY_TEXT.replace('\u0001', ''));
    expect(nasty).to.include({ DateSet: 'true', DateTime: '2026-03-03T02:00:00' });
    const transfer = links.find((l) => String(l.Label).startsWith('transferred'))!;
    expect(transfer).to.include({ DateSet: 'true' });
  });

  it('puts the ring report in ring.json exactly as GET /v1/rings/:id returns it', async () => {
    const res = await request(ctx.app).get(`/v1/rings/${ringId}`).set('authorization', bearer('prosecutor'));
    expect(text('ring.json')).to.equal(res.text);
  });

  it('writes a manifest with the key name, the run parameters, every hash and the sources', async () => {
    const m = JSON.parse(text('manifest.json')) as Json;
    expect(m).to.include({ exportedBy: 'pros', ringId, format: 'ringmap-evidence-bundle/1' });
    expect(m.ringmapVersion).to.match(/^\d+\.\d+\.\d+/);
    expect(m.runParams).to.include({ seed: 7, hubThreshold: 20, resolution: 1 });
    expect(m.runId).to.equal(JSON.parse(text('ring.json')).runId);
    expect(Date.parse(String(m.exportedAt))).to.be.closeTo(Date.now(), 120_000);
    const listed = m.files as { name: string; sha256: string; bytes: number }[];
    expect(listed.map((f) => f.name)).to.deep.equal([...BUNDLE_FILES, 'VERIFY.txt']);
    for (const f of listed)
      expect(f.sha256, f.name).to.equal(createHash('sha256').update(files.get(f.name)!).digest('hex'));
    expect(m.sources).to.include.members(['regulator:12378', 'bank:demo']);
    expect(m.publicKey).to.equal(publicKey);
    for (const [name, data] of files) {
      const s = data.toString('utf8');
      for (const key of Object.values(KEYS)) expect(s, name).not.to.contain(key);
    }
  });

  it('never exports the ID-number hash', async () => {
    const s = ctx.db.driver.session();
    let hash: string;
    try {
      const r = await s.run('MATCH (a:Actor {id: $id}) RETURN a.idNumberHash AS h', { id: MILL_ORGANIZER });
      hash = r.records[0]!.get('h') as string;
    } finally {
      await s.close();
    }
    expect(hash).to.match(/^[0-9a-f]{64}$/);
    for (const [name, data] of files) {
      const s = data.toString('utf8');
      expect(s, name).not.to.contain('idNumberHash');
      expect(s, name).not.to.contain(hash);
      expect(s, name).not.to.contain(ID_NUMBER);
    }
  });

  it('verifies an untouched bundle against the published key; without one only when told to trust its own', async () => {
    const v = await verifyBundle(bundle, publicKey);
    expect(v.problems).to.deep.equal([]);
    expect(v).to.include({ ok: true, signature: 'valid', keySource: 'given' });
    expect(v.warnings).to.deep.equal([]);
    const unpinned = await verifyBundle(bundle);
    expect(unpinned).to.include({ ok: false, signature: 'valid', keySource: 'embedded' });
    expect(unpinned.problems.join(' ')).to.contain('no public key given');
    const embedded = await verifyBundle(bundle, undefined, { trustEmbeddedKey: true });
    expect(embedded).to.include({ ok: true, signature: 'valid', keySource: 'embedded' });
    expect(embedded.warnings.join(' ')).to.contain('internally consistent');
  });

  it('names the file when one byte of any file is changed', async () => {
    for (const name of files.keys()) {
      const altered = [...files].map(([n, d]) => {
        if (n !== name) return { name: n, data: d };
        const copy = Buffer.from(d);
        const at = Math.floor(copy.length / 2);
        copy[at] = copy[at]! ^ 0x01;
        return { name: n, data: copy };
      });
      const v = await verifyBundle(await zipFiles(altered, new Date()), publicKey);
      expect(v.ok, name).to.equal(false);
      expect(v.problems.join('\n'), name).to.contain(name);
      if (name === 'VERIFY.txt' || BUNDLE_FILES.includes(name as (typeof BUNDLE_FILES)[number])) {
        const check = v.files.find((f) => f.name === name)!;
        expect(check.status).to.equal('altered');
        expect(check.expected).to.not.equal(check.actual);
        expect(v.signature).to.equal('valid');
      } else {
        // a flipped byte can also leave manifest.json no JSON at all, and then nothing is checked against it
        expect(v.signature, name).to.be.oneOf(
          name === 'manifest.json' ? ['invalid', 'unchecked'] : ['invalid'],
        );
      }
    }
  });

  it('catches a byte flipped inside the archive itself, and missing or added files', async () => {
    // flip a byte inside report.html's stored data (the largest entry), as a careless copy might
    const raw = Buffer.from(bundle);
    const at = raw.indexOf(Buffer.from('report.html')) + 400;
    raw[at] = raw[at]! ^ 0xff;
    const v = await verifyBundle(raw, publicKey);
    expect(v.ok).to.equal(false);
    expect(v.problems.join('\n')).to.contain('report.html');

    const without = [...files].filter(([n]) => n !== 'nodes.csv').map(([name, data]) => ({ name, data }));
    const missing = await verifyBundle(await zipFiles(without, new Date()), publicKey);
    expect(missing.files.find((f) => f.name === 'nodes.csv')!.status).to.equal('missing');
    expect(missing.problems.join('\n')).to.contain('nodes.csv');

    const added = [...files].map(([name, data]) => ({ name, data }));
    added.push({ name: 'notes.txt', data: Buffer.from('added later') });
    const extra = await verifyBundle(await zipFiles(added, new Date()), publicKey);
    expect(extra.extra).to.deep.equal(['notes.txt']);
    expect(extra.ok).to.equal(false);
  });

  it('fails a bad signature, and a bundle re-signed with another key when the real key is given', async () => {
    const other = generateKeyPairSync('ed25519');
    const forged = sign(null, files.get('manifest.json')!, other.privateKey).toString('base64');
    const entries = [...files].map(([name, data]) => ({
      name,
      data: name === 'manifest.sig' ? Buffer.from(forged) : data,
    }));
    const v = await verifyBundle(await zipFiles(entries, new Date()), publicKey);
    expect(v).to.include({ ok: false, signature: 'invalid' });
    expect(v.problems.join('\n')).to.match(/bad signature.*manifest\.sig/);
    const garbage = [...files].map(([name, data]) => ({
      name,
      data: name === 'manifest.sig' ? Buffer.from('not a signature') : data,
    }));
    expect((await verifyBundle(await zipFiles(garbage, new Date()), publicKey)).signature).to.equal(
      'invalid',
    );
    expect((await verifyBundle(Buffer.from('not a zip'))).ok).to.equal(false);
  });

  it('serves each format as one file with its content type and a filename', async () => {
    const cases: [string, RegExp, string][] = [
      ['graphml', /^application\/graphml\+xml/, 'graph.graphml'],
      ['gexf', /^application\/gexf\+xml/, 'graph.gexf'],
      ['csv', /^text\/csv/, 'nodes.csv'],
      ['csv&table=edges', /^text\/csv/, 'edges.csv'],
      ['anx', /^application\/xml/, 'chart.anx'],
      ['json', /^application\/json/, 'ring.json'],
      ['html', /^text\/html/, 'report.html'],
    ];
    for (const [format, type, file] of cases) {
      const res = await exportAs('admin', `?format=${format}`).expect(200);
      expect(res.headers['content-type'], format).to.match(type);
      expect(res.headers['content-disposition'], format).to.match(
        new RegExp(`^attachment; filename="ringmap-${ringId}-\\d{8}T\\d{6}Z-${file.replace('.', '\\.')}"$`),
      );
      expect(res.headers['cache-control']).to.equal('no-store');
      if (file !== 'report.html' && file !== 'chart.anx') {
        // the same data as in the bundle (the ANX and HTML carry the export time)
        expect((res.body as Buffer).equals(files.get(file)!), format).to.equal(true);
      }
    }
  });

  it('refuses analysts and ingest keys, bad formats and unknown rings', async () => {
    await exportAs('analyst', '').expect(403);
    await exportAs('ingest', '').expect(403);
    await request(ctx.app).get(`/v1/rings/${ringId}/export`).expect(401);
    const bad = await request(ctx.app)
      .get(`/v1/rings/${ringId}/export?format=pdf`)
      .set('authorization', bearer('prosecutor'))
      .expect(400);
    expect(bad.body.detail).to.contain('format');
    await request(ctx.app)
      .get(`/v1/rings/${ringId}/export?colour=red`)
      .set('authorization', bearer('prosecutor'))
      .expect(400);
    await exportAs('prosecutor', '', 'R-0000000000').expect(404);
    await exportAs('prosecutor', '', 'not-a-ring').expect(400);
  });

  it('records every export and lists them newest first for admins only', async () => {
    const res = await exportAs('prosecutor', '?format=graphml').expect(200);
    const sha = createHash('sha256')
      .update(res.body as Buffer)
      .digest('hex');
    expect(res.headers['x-content-sha256']).to.equal(sha);
    const list = await request(ctx.app).get('/v1/exports').set('authorization', bearer('admin')).expect(200);
    const exports = list.body.exports as Json[];
    expect(exports[0]).to.include({ ringId, format: 'graphml', keyName: 'pros', sha256: sha });
    expect(exports[0]!.id).to.equal(res.headers['x-export-id']);
    const bundleSha = createHash('sha256').update(bundle).digest('hex');
    expect(exports.find((e) => e.sha256 === bundleSha)).to.include({ format: 'bundle', keyName: 'pros' });
    const ats = exports.map((e) => Date.parse(String(e.at)));
    expect([...ats].sort((a, b) => b - a)).to.deep.equal(ats);
    for (const e of exports) expect(e.runId).to.match(/^run-/);
    const one = await request(ctx.app)
      .get('/v1/exports?limit=1')
      .set('authorization', bearer('admin'))
      .expect(200);
    expect(one.body.exports).to.have.length(1);
    await request(ctx.app).get('/v1/exports?limit=100000').set('authorization', bearer('admin')).expect(200);
    await request(ctx.app).get('/v1/exports?limit=0').set('authorization', bearer('admin')).expect(400);
    await request(ctx.app).get('/v1/exports').set('authorization', bearer('analyst')).expect(403);
    await request(ctx.app).get('/v1/exports').set('authorization', bearer('prosecutor')).expect(403);
  });

  it('publishes the verification key to any key holder', async () => {
    const res = await request(ctx.app)
      .get('/v1/export-key')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(res.body.algorithm).to.equal('Ed25519');
    expect(res.body.publicKey).to.match(/^-----BEGIN PUBLIC KEY-----/);
    expect(res.body.fingerprint).to.match(/^sha256:[0-9a-f]{64}$/);
    // the same key for every role: answers are masked for analysts, and a masked key would verify nothing
    expect(res.body.publicKey).to.equal(publicKey);
    expect(JSON.parse(text('manifest.json')).publicKeyFingerprint).to.equal(res.body.fingerprint);
    await request(ctx.app).get('/v1/export-key').expect(401);
  });

  it('logs exports without phone or account numbers', () => {
    const mine = logLines.slice(logStart);
    expect(mine.filter((l) => l.includes('evidence export')).length).to.be.greaterThan(0);
    for (const l of mine) {
      expect(l).not.to.contain(ORGANIZER_PHONE);
      expect(l).not.to.contain('ACC-ORG');
    }
  });
});
