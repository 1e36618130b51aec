// report.html in a real headless Chromium, opened from disk with the network blocked: drawn, clickable, inert.
// The page's script is the one `npm run build` bundles (built here into a temporary file, read as the compiled
// service reads dist/export/report-page.js).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import type { ExportEdge, ExportNode } from '../../src/export/export.types.js';
import { renderReportHtml } from '../../src/export/report-html.js';
import { ReportScript } from '../../src/export/report-script.js';
import { buildReportScript } from '../../src/export/report-script.build.js';
import { unzipFiles } from '../../src/export/zip-archive.js';
import { MILL_MEMBERS, MILL_ORGANIZER, smallWorld } from '../fixtures/small-world.js';
import { bearer, clearDatabase, testContext } from '../support/test-context.js';
import { binary } from '../support/binary-body.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve('test-output', 'report.png');
const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=1</script>';

/** What the functions run by page.evaluate see (the project's TypeScript has no DOM library). */
interface PageGlobals {
  ringmapReport?: {
    ready: boolean;
    nodeCount: number;
    renderedNodeCount(): number;
    viewportPosition(key: string): { x: number; y: number };
    clickNode(key: string): boolean;
    labelBoxes(): { key: string; x1: number; x2: number; y1: number; y2: number }[];
    labelledNodes(): string[];
    colours(): { nodes: string[]; edges: string[] };
  };
  __pwned?: number;
  document: {
    querySelectorAll(selector: string): Iterable<{
      getAttribute(name: string): string | null;
      textContent: string | null;
    }> & { length: number };
    getElementById(id: string): { dataset: Record<string, string | undefined> } | null;
  };
}

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium's screenshots are) into RGBA pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG (bit depth or interlace)');
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (!channels) throw new Error(`unsupported PNG colour type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 4);
  const prev = Buffer.alloc(stride);
  const line = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    raw.copy(line, 0, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i]! + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * channels]!;
      out[o + 1] = line[x * channels + 1]!;
      out[o + 2] = line[x * channels + 2]!;
      out[o + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    line.copy(prev);
  }
  return { width, height, rgba: out };
}

describe('report.html in a browser (real Neo4j, headless Chromium)', () => {
  let ctx: AppContext;
  let browser: Browser | undefined;
  let page: Page;
  let htmlFile: string;
  let dir: string | undefined;
  let scriptFile: string;
  let nodeCount: number;
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];

  before(async function () {
    // NOTE: never skipped: a missing browser is a broken environment, and this test must say so.
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is missing at ${CHROMIUM}; install it (apt-get install -y chromium) to run this test`,
      );
    dir = mkdtempSync(path.join(tmpdir(), 'ringmap-report-'));
    scriptFile = (await buildReportScript(path.join(dir, 'report-page.js'))).file;
    ctx = await testContext({}, { reportScriptFile: scriptFile });
    await clearDatabase(ctx.db.driver);
    const world = smallWorld();
    (world.complaints as Record<string, unknown>[]).push({
      id: 'C-HOSTILE',
      filedAt: '2026-03-03T10:00:00+08:00',
      complainantId: MILL_MEMBERS[1],
      institution: '某某消费金融',
      category: 'fee_refund',
      contactPhone: '13900000001',
      text: HOSTILE,
    });
    await request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(world).expect(200);
    const started = await request(ctx.app)
      .post('/v1/runs')
      .set('authorization', bearer('analyst'))
      .send({ seed: 7, hubThreshold: 20 })
      .expect(202);
    expect((await ctx.runs.waitFor(started.body.runId as string)).status).to.equal('succeeded');
    const rings = await request(ctx.app)
      .get('/v1/rings')
      .set('authorization', bearer('prosecutor'))
      .expect(200);
    const res = await request(ctx.app)
      .get(`/v1/rings/${rings.body.rings[0].id as string}/export?format=bundle`)
      .set('authorization', bearer('prosecutor'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const files = new Map((await unzipFiles(res.body as Buffer)).map((e) => [e.name, e.data!]));
    nodeCount = files.get('nodes.csv')!.toString('utf8').trim().split('\r\n').length - 1;
    htmlFile = path.join(dir, 'report.html');
    writeFileSync(htmlFile, files.get('report.html')!);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.on('request', (r) => {
      if (!r.url().startsWith('file:')) outsideRequests.push(r.url());
    });
    await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('dialog', (d) => {
      pageErrors.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).ringmapReport?.ready, undefined, {
      timeout: 30_000,
    });
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every node of the ring on the sigma canvas', async () => {
    const counts = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const r = g.ringmapReport!;
      return {
        nodeCount: r.nodeCount,
        rendered: r.renderedNodeCount(),
        canvases: g.document.querySelectorAll('#graph canvas').length,
      };
    });
    expect(counts.nodeCount).to.equal(nodeCount);
    expect(counts.rendered).to.equal(nodeCount);
    expect(counts.canvases).to.be.greaterThan(0);
    await page.waitForTimeout(300);
    const shot = decodePng(await page.locator('#graph').screenshot());
    let ink = 0;
    let organizerRed = 0;
    for (let i = 0; i < shot.rgba.length; i += 4) {
      const [r, g, b] = [shot.rgba[i]!, shot.rgba[i + 1]!, shot.rgba[i + 2]!];
      if (r < 235 || g < 235 || b < 235) ink++;
      if (Math.abs(r - 0xd6) < 20 && Math.abs(g - 0x27) < 30 && Math.abs(b - 0x28) < 30) organizerRed++;
    }
    const share = ink / (shot.width * shot.height);
    expect(share, 'share of drawn pixels').to.be.greaterThan(0.005);
    expect(organizerRed, 'pixels in the organizer colour').to.be.greaterThan(20);
  });

  it('shows a member and its evidence in the side panel when clicked', async () => {
    const key = `actor:${MILL_ORGANIZER}`;
    const at = await page.evaluate(
      (k) => (globalThis as unknown as PageGlobals).ringmapReport!.viewportPosition(k),
      key,
    );
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForFunction(
      (k) => (globalThis as unknown as PageGlobals).document.getElementById('panel')?.dataset.node === k,
      key,
      { timeout: 5000 },
    );
    const panel = await page.locator('#panel').innerText();
    expect(panel).to.contain('王代理');
    expect(panel).to.contain('organizer');
    expect(panel).to.contain('Why this member is in the ring');
    expect(panel).to.match(/contact phone|payout account|representation|transfer/);

    // and a plain member through the hook
    const member = `actor:${MILL_MEMBERS[0]}`;
    await page.evaluate((k) => (globalThis as unknown as PageGlobals).ringmapReport!.clickNode(k), member);
    const memberPanel = await page.locator('#panel').innerText();
    expect(memberPanel).to.contain(MILL_MEMBERS[0]);
    expect(memberPanel).to.contain('Links');
    expect(memberPanel).to.match(/filed|uses phone|holds account/);
  });

  it('shows the narrative, renders hostile text as text, and made no request off the disk', async () => {
    const body = await page.locator('main').innerText();
    for (const heading of [
      'Typology',
      'Score breakdown',
      'Timeline',
      'Money flows',
      'Template',
      'Complaints',
    ])
      expect(body).to.contain(heading);
    expect(body).to.contain('complaint_mill');
    expect(body).to.contain(HOSTILE);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).to.equal(undefined);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(outsideRequests).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });
  it('has a legend for every node and link colour it draws', async () => {
    const colours = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).ringmapReport!.colours(),
    );
    // NOTE: no named helper inside evaluate: tsx would wrap it in a __name() the page does not have
    const legend = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        nodes: [...g.document.querySelectorAll('.legend .chip.node')].map((e) =>
          e.getAttribute('data-colour'),
        ),
        edges: [...g.document.querySelectorAll('.legend .chip.edge')].map((e) =>
          e.getAttribute('data-colour'),
        ),
      };
    });
    expect(colours.nodes.length).to.be.greaterThan(3);
    expect(legend.nodes).to.include.members(colours.nodes);
    expect(legend.edges).to.include.members(colours.edges);
    expect(colours.edges.length).to.equal(2);
  });

  it('names fields in words and dates only events', async () => {
    await page.evaluate(
      (k) => (globalThis as unknown as PageGlobals).ringmapReport!.clickNode(k),
      `actor:${MILL_ORGANIZER}`,
    );
    const fields = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('#panel table.kv th')].map(
        (e) => e.textContent ?? '',
      ),
    );
    expect(fields.length).to.be.greaterThan(5);
    for (const f of fields) expect(f, 'a field name, not words').not.to.match(/[a-z][A-Z]|_/);
    expect(fields).to.include.members(['reported by', 'has an ID number on file', 'role in the ring']);
    expect(fields).to.include('first loaded into ringmap (not an event)');
    const links = await page.locator('#panel ul.links').innerText();
    expect(links).to.match(/uses phone[^\n]*\n[^\n]*no event date/);
    expect(links).to.match(/on 2026-03-0\dT\d\d:\d\d:\d\d\.\d{3}Z \(UTC\)/);
  });

  it('labels a 28-member ring without overlapping labels', async () => {
    const members = Array.from({ length: 28 }, (_, i) => `M-${String(i + 1).padStart(2, '0')}`);
    const nodes: ExportNode[] = [];
    const edges: ExportEdge[] = [];
    const node = (
      kind: ExportNode['kind'],
      ref: string,
      label: string,
      attributes: ExportNode['attributes'],
    ) => nodes.push({ key: `${kind}:${ref}`, kind, label, attributes: { ref, ...attributes } });
    node('actor', 'ORG', '王代理 (ORG)', { member: true, role: 'organizer' });
    node('phone', '+8613900000001', '+8613900000001', { hub: false });
    node('institution', '某某消费金融', '某某消费金融', {});
    members.forEach((m, i) => {
      node('actor', m, `会员${i + 1}号消费者 (${m})`, { member: true, role: 'member' });
      node('complaint', `C-${m}`, `complaint C-${m}`, { filedAt: '2026-03-01T01:10:00.000Z' });
      const link = (rel: ExportEdge['relationship'], from: string, to: string) =>
        edges.push({
          key: `${rel}:${from}->${to}`,
          from,
          to,
          relationship: rel,
          attributes: { relationship: rel },
        });
      link('FILED', `actor:${m}`, `complaint:C-${m}`);
      link('CONTACT', `complaint:C-${m}`, 'phone:+8613900000001');
      link('AGAINST', `complaint:C-${m}`, 'institution:某某消费金融');
    });
    edges.push({
      key: 'USES_PHONE:actor:ORG->phone:+8613900000001',
      from: 'actor:ORG',
      to: 'phone:+8613900000001',
      relationship: 'USES_PHONE',
      attributes: { relationship: 'USES_PHONE' },
    });
    const html = renderReportHtml({
      report: { id: 'R-0000000028', typology: 'complaint_mill', members: [], complaints: [] },
      subgraph: { ringId: 'R-0000000028', runId: 'run-1', nodes, edges },
      exportedAt: '2026-12-02T00:00:00.000Z',
      exportedBy: 'test',
      version: '0.0.0',
      script: await new ReportScript(scriptFile).get(),
    });
    const file = path.join(dir!, 'ring-28.html');
    writeFileSync(file, html);
    const big = await page.context().newPage();
    try {
      await big.goto(pathToFileURL(file).href);
      await big.waitForFunction(
        () => (globalThis as unknown as PageGlobals).ringmapReport?.ready,
        undefined,
        {
          timeout: 30_000,
        },
      );
      const { boxes, labelled } = await big.evaluate(() => {
        const r = (globalThis as unknown as PageGlobals).ringmapReport!;
        return { boxes: r.labelBoxes(), labelled: r.labelledNodes() };
      });
      // every label sigma has to draw is a placed one, and no two placed boxes overlap
      expect([...labelled].sort()).to.deep.equal(boxes.map((b) => b.key).sort());
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
          expect(overlap, `${a.key} / ${b.key}`).to.equal(false);
        }
      expect(labelled).to.include('actor:ORG');
      expect(labelled.filter((k) => k.startsWith('actor:M-')).length).to.be.greaterThan(8);
    } finally {
      await big.close();
    }
  });
});
