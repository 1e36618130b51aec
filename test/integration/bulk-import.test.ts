// npm run import's two paths against real Neo4j: one world loaded over HTTP, with the offline importer and with the
// batched writes gives the same graph (every node, relationship and property but the load times).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import neo4j, { type Driver } from 'neo4j-driver';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import {
  importOffline,
  importOnline,
  inputFiles,
  unresolvedRefs,
  validateInput,
} from '../../src/import/bulk-import.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../../src/bundled/bundled-neo4j.js';
import { generateWorld } from '../../seed/world.generator.js';
import { bearer, clearDatabase, testConfig, testContext } from '../support/test-context.js';

/**
 * Records the seed world does not have: filer corrections, named parties, multi-line and quoted texts, sources, ties
 * with event times (a tie's own, its record's, one tie reported by two sources and again in a later request).
 */
const EXTRA = [
  {
    type: 'actor',
    id: 'X-1',
    name: '带"引号"的名字',
    phones: [{ number: '13800000001', observedAt: '2026-02-01T10:00:00+08:00' }],
    source: 'bank:A',
  },
  {
    type: 'actor',
    id: 'X-1',
    kind: 'agent',
    observedAt: '2026-02-10T00:00:00Z',
    phones: ['13800000002'],
    identifiers: [
      { kind: 'wechat', value: 'wx_x1', observedAt: '2026-03-01T08:00:00+08:00' },
      { kind: 'email', value: 'A@B.CN' },
    ],
    source: 'platform:B',
  },
  {
    type: 'actor',
    id: 'X-2',
    accounts: [{ id: 'ACC-X2', kind: 'bank', institution: '招商银行', observedAt: '2026-01-05T00:00:00Z' }],
    idNumber: '11010519491231002X',
  },
  {
    type: 'actor',
    id: 'X-3',
    devices: [{ id: 'dev-x3', observedAt: '2026-02-20T09:00:00+09:00' }],
    identifiers: [{ kind: 'wechat', value: 'wx_x1' }],
  },
  {
    type: 'complaint',
    id: 'XC-1',
    filedAt: '2026-03-04T09:12:00+08:00',
    complainantId: 'X-2',
    institution: '新机构',
    category: 'fee_refund',
    text: '第一行\n第二行，"引号"，催收员用13912345678天天打电话',
    namedParties: [{ kind: 'wechat', value: 'wx_cuishou', name: '王经理' }],
    representativeId: 'X-1',
    contactPhone: '13800000002',
    payoutAccount: 'ACC-X2',
    amount: 5000,
  },
  {
    type: 'claim',
    id: 'XL-1',
    filedAt: '2026-03-05T10:00:00Z',
    claimantId: 'X-2',
    insurer: '新保险',
    kind: 'surrender',
    namedParties: [{ kind: 'account', value: 'ACC-NAMED' }],
  },
  {
    type: 'transfer',
    id: 'XT-1',
    from: 'ACC-X2',
    to: 'ACC-NEW',
    amount: 800,
    at: '2026-03-06T10:00:00+08:00',
  },
  {
    type: 'actor',
    id: 'X-1',
    phones: [{ number: '+86 138 0000 0001', observedAt: '2026-01-15T00:00:00Z' }],
    source: 'platform:B',
  },
];
/** Sent after the rest (another request, another chunk): the complaint's filer changes. */
const CORRECTION = { ...EXTRA[4], complainantId: 'X-3', channel: 'web', source: 'regulator:C' };
/** Also sent after the rest: a device reported again, later. */
const LATER = { type: 'actor', id: 'X-3', devices: [{ id: 'dev-x3', observedAt: '2026-04-01T00:00:00Z' }] };

const LINES_PER_CHUNK = 5000;
const SOURCE = 'feeder'; // the ingest key's name: the source of records that name none, over HTTP

describe('npm run import (offline importer and batched writes) against HTTP ingest', function () {
  this.timeout(900_000);
  let ctx: AppContext;
  let dir: string;
  let viaHttp: string[];

  before(async () => {
    ctx = await testContext();
    await clearDatabase(ctx.db.driver);
    dir = mkdtempSync(path.join(tmpdir(), 'ringmap-import-'));
    const world = generateWorld({ actors: 1500, seed: 5 });
    const lines = [...world.records, ...EXTRA].map((r) => JSON.stringify(r));
    writeFileSync(path.join(dir, 'a-world.ndjson'), lines.join('\n') + '\n');
    writeFileSync(
      path.join(dir, 'b-correction.ndjson'),
      [CORRECTION, LATER].map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    for (const file of inputFiles(dir)) {
      const text = (await import('node:fs')).readFileSync(file, 'utf8').split('\n').filter(Boolean);
      for (let i = 0; i < text.length; i += LINES_PER_CHUNK) {
        await request(ctx.app)
          .post('/v1/ingest')
          .set('authorization', bearer('ingest'))
          .set('content-type', 'application/x-ndjson')
          .send(text.slice(i, i + LINES_PER_CHUNK).join('\n'))
          .expect(200);
      }
    }
    viaHttp = await dump(ctx.db.driver);
  });
  after(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the offline importer writes the graph HTTP ingest wrote', async () => {
    const input = await validateInput(inputFiles(dir), {
      idHmacSecret: testConfig().idHmacSecret,
      source: SOURCE,
      linesPerChunk: LINES_PER_CHUNK,
    });
    expect(input.errors).to.deep.equal([]);
    expect(await unresolvedRefs(input, undefined)).to.deep.equal([]);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-import-db-'));
    try {
      const res = await importOffline(input.batches, { dataDir, workDir: path.join(dataDir, 'work') });
      expect(res.nodes).to.be.greaterThan(3000);
      const db = await startBundledNeo4j({ dataDir, port: await freePort(), heapMb: 512, pageCacheMb: 64 });
      const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password), {
        disableLosslessIntegers: true,
      });
      try {
        const imported = await dump(driver);
        expect(imported.length).to.equal(viaHttp.length);
        expect(imported).to.deep.equal(viaHttp);
      } finally {
        await driver.close();
      }
    } finally {
      await stopBundledNeo4j(dataDir, { removeData: true });
    }
  });

  it('the dump holds what the test sends beyond the seed world (so the comparison could fail)', () => {
    const has = (s: string) => viaHttp.some((l) => l.includes(s));
    expect(has('Correction ')).to.equal(true);
    expect(has('CORRECTED ')).to.equal(true);
    expect(has('第一行\\n第二行')).to.equal(true);
    expect(has('带\\"引号\\"的名字')).to.equal(true);
    expect(has('"sources","bank:A,platform:B"')).to.equal(true);
    expect(has('"observedAt","2026-03-01T08:00:00+08:00"')).to.equal(true);
    // one phone tie reported by two sources: its earliest and latest time; a device reported again a request later
    expect(
      has('"lastObservedAt","2026-02-01T10:00:00+08:00"],["observedAt","2026-01-15T00:00:00Z"]'),
    ).to.equal(true);
    expect(
      has('"lastObservedAt","2026-04-01T00:00:00Z"],["observedAt","2026-02-20T09:00:00+09:00"]'),
    ).to.equal(true);
    expect(viaHttp.filter((l) => l.startsWith('NAMES ')).length).to.be.greaterThan(2);
  });

  it('the batched writes into a database that holds data write the same graph', async () => {
    await clearDatabase(ctx.db.driver);
    // a record already there: the database is not empty, as when a party's second load arrives
    await request(ctx.app)
      .post('/v1/ingest')
      .set('authorization', bearer('ingest'))
      .send({ actors: [{ ...EXTRA[0], type: undefined }] })
      .expect(200);
    const input = await validateInput(inputFiles(dir), {
      idHmacSecret: testConfig().idHmacSecret,
      source: SOURCE,
      linesPerChunk: LINES_PER_CHUNK,
    });
    expect(await unresolvedRefs(input, (ids) => ctx.ingest.knownActors(ids))).to.deep.equal([]);
    await importOnline(ctx.ingest, input.batches, { parallel: 2 });
    const online = await dump(ctx.db.driver);
    // NOTE: the lines that differ, not 22,000 lines side by side, so that a failure names the records
    const missing = viaHttp.filter((line) => !online.includes(line));
    const extra = online.filter((line) => !viaHttp.includes(line));
    expect({ missing, extra }).to.deep.equal({ missing: [], extra: [] });
  });

  it('refuses an input with a bad record, naming its file, line and field', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'ringmap-import-bad-'));
    try {
      mkdirSync(bad, { recursive: true });
      writeFileSync(
        path.join(bad, 'x.ndjson'),
        [
          JSON.stringify({ type: 'actor', id: 'B-1', phones: ['not a phone'] }),
          JSON.stringify({
            type: 'complaint',
            id: 'BC-1',
            filedAt: '2026-03-04T09:12:00+08:00',
            complainantId: 'NOBODY',
            institution: 'x',
            category: 'other',
          }),
        ].join('\n'),
      );
      const input = await validateInput(inputFiles(bad), {
        idHmacSecret: 's',
        source: 's',
        linesPerChunk: 10,
      });
      expect(input.errors.map((e) => [e.file, e.line, e.field])).to.deep.equal([
        ['x.ndjson', 1, 'phones[0]'],
      ]);
      const missing = await unresolvedRefs(input, undefined);
      expect(missing.map((e) => [e.file, e.line, e.field, e.message])).to.deep.equal([
        ['x.ndjson', 2, 'complainantId', 'references unknown actor "NOBODY"'],
      ]);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

const BOOKKEEPING = 'n:AuditEntry OR n:AuditChain OR n:ApiKey OR n:KeyLock OR n:WriteMark';
const LOAD_TIMES = new Set(['firstSeen', 'lastSeen']);
const KEY = `CASE WHEN {n}:Correction THEN {n}.field + ':' + {n}.from + '>' + {n}.to ELSE coalesce({n}.id, {n}.number, {n}.name, {n}.key) END`;

/** Every node and relationship with its properties but the load times (firstSeen, lastSeen; a correction's at). */
async function dump(driver: Driver): Promise<string[]> {
  const clean = (props: Record<string, unknown>, labels: string) =>
    JSON.stringify(
      Object.keys(props)
        .filter((k) => !LOAD_TIMES.has(k) && !(labels === 'Correction' && k === 'at'))
        .sort()
        .map((k) => [k, String(props[k])]),
    );
  const n = await driver.executeQuery(
    `MATCH (n) WHERE NOT (${BOOKKEEPING}) RETURN labels(n) AS l, properties(n) AS p`,
  );
  const r = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE NOT (${BOOKKEEPING.replaceAll('n:', 'a:')}) RETURN type(r) AS t, ${KEY.replaceAll('{n}', 'a')} AS a, ${KEY.replaceAll('{n}', 'b')} AS b, properties(r) AS p`,
  );
  const nodes = n.records.map((x) => {
    const labels = (x.get('l') as string[]).sort().join(':');
    return `${labels} ${clean(x.get('p') as Record<string, unknown>, labels)}`;
  });
  const rels = r.records.map(
    (x) =>
      `${x.get('t') as string} ${x.get('a') as string}->${x.get('b') as string} ${clean(x.get('p') as Record<string, unknown>, '')}`,
  );
  return [...nodes, ...rels].sort();
}
