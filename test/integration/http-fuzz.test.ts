// Fuzzing the HTTP API (real Neo4j, a real listening server on 127.0.0.1): 10,000 random and malformed requests
// (methods, paths, parameters, headers, content types, encodings, bodies) must get no 5xx and crash nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { KEYS, bearer, clearDatabase, logLines, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const BOOTSTRAP_NAMES = new Set(['feeder', 'ana', 'pros', 'root']);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const printable = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

const weird = fc.constantFrom(
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '$x',
  '\u0000',
  '%',
  '%E0%A4%A',
  '..',
  '__proto__',
  'constructor',
  'R-0123456789',
  'MILL-1',
  'MILL-ORG',
  'run-20260101000000-abcdef',
  '+8613900000001',
  '张伟',
  'x'.repeat(5000),
);

/** A path parameter: encoded random text, or raw (possibly invalid) percent-encoding. */
const param = fc.oneof(
  weird.map((v) => (v.startsWith('%') ? v : encodeURIComponent(v))),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/),
);

const pathArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '/v1/ingest',
      '/v1/runs',
      '/v1/rings',
      '/v1/score',
      '/v1/allowlist',
      '/v1/audit',
      '/v1/keys',
      '/v1/exports',
      '/v1/export-key',
    ),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          '/v1/rings/:p',
          '/v1/rings/:p/history',
          '/v1/rings/:p/reviews',
          '/v1/rings/:p/export',
          '/v1/actors/:p',
          '/v1/runs/:p',
          '/v1/runs/:p/changes',
          '/v1/keys/:p/rotate',
          '/v1/keys/:p',
        ),
        param,
      )
      .map(([t, p]) => t.replace(':p', p)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/metrics',
      '/',
      '/v1',
      '/v1/',
      '//v1//rings',
      '/v1/rings/',
      '/v2/rings',
    ),
  },
  { weight: 1, arbitrary: fc.array(param, { maxLength: 5 }).map((ps) => `/${ps.join('/')}`) },
);

const queryValue = fc.oneof(
  weird.map(encodeURIComponent),
  fc.integer({ min: -5, max: 100_000 }).map(String),
  printable(20).map(encodeURIComponent),
  fc.constantFrom('true', 'false', '', '%', '%zz'),
);
const queryArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'limit',
            'minScore',
            'typology',
            'cursor',
            'status',
            'partial',
            'since',
            'until',
            'key',
            'actor',
            'ring',
            'includeUnchanged',
            'format',
            'table',
            'x',
            'limit[]',
            '__proto__',
          ),
          queryValue,
        ),
        { maxLength: 4 },
      )
      .map((kv) => `?${kv.map(([k, v]) => `${k}=${v}`).join('&')}`),
  },
  { weight: 1, arbitrary: printable(40).map((s) => `?${s.replace(/[# ]/g, '')}`) },
);

const json = fc.jsonValue({ maxDepth: 3 });
const recordish = fc.dictionary(
  fc.constantFrom(
    'id',
    'type',
    'name',
    'phones',
    'accounts',
    'filedAt',
    'complainantId',
    'institution',
    'category',
    'amount',
    'from',
    'to',
    'at',
    'seed',
    'resolution',
    'status',
    'note',
    'kind',
    'identifier',
    'identifierKind',
    'reason',
    'role',
  ),
  fc.oneof(json, weird),
  { maxKeys: 6 },
);
const bodyArb: fc.Arbitrary<Buffer | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.oneof(json, recordish).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        fc.constantFrom('actors', 'complaints', 'claims', 'transfers', 'institutions', 'x'),
        fc.array(recordish, { maxLength: 3 }),
      )
      .map((d) => Buffer.from(JSON.stringify(d))),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(recordish, { maxLength: 4 })
      .map((rs) => Buffer.from(rs.map((r) => JSON.stringify({ type: 'actor', ...r })).join('\n'))),
  },
  { weight: 1, arbitrary: json.map((v) => Buffer.from((JSON.stringify(v) ?? '{').slice(0, -1))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 200_000 })
      .map((n) => Buffer.from(`{"actors":[{"id":"${'x'.repeat(n)}"}]}`)),
  },
);

const authArb = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.constantFrom(...(Object.keys(KEYS) as (keyof typeof KEYS)[])).map((r) => bearer(r)),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${KEYS.admin} extra`,
      `bearer ${KEYS.analyst}`,
      `Bearer ${'k'.repeat(8000)}`,
    ),
  },
  { weight: 1, arbitrary: printable(60) },
);

const requestArb: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('GET', 'POST') },
      { weight: 2, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') },
    ),
    path: pathArb,
    query: queryArb,
    auth: authArb,
    contentType: fc.option(
      fc.constantFrom(
        'application/json',
        'application/x-ndjson',
        'application/ndjson',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/json; charset=bogus',
        'application/problem+json',
        '*/*',
        'garbage',
      ),
      { nil: undefined },
    ),
    encoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus'), {
      freq: 8,
      nil: undefined,
    }),
    requestId: fc.option(printable(80), { nil: undefined }),
    body: bodyArb,
  })
  .map((r) => {
    const headers: Record<string, string> = {};
    // NOTE: key administration stays away from the suite's own keys, so the run does not lock itself out
    let auth = r.auth;
    const keyName = /^\/v1\/keys\/([^/?]+)/.exec(r.path)?.[1];
    if (keyName && BOOTSTRAP_NAMES.has(decodeURIComponentSafe(keyName)) && auth === bearer('admin'))
      auth = bearer('analyst');
    if (auth !== undefined) headers.authorization = auth;
    if (r.contentType) headers['content-type'] = r.contentType;
    if (r.encoding) headers['content-encoding'] = r.encoding;
    if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
    const body =
      r.method === 'GET' || r.method === 'HEAD'
        ? r.body && r.body.length < 100
          ? r.body
          : undefined
        : r.body;
    return { method: r.method, path: `${r.path}${r.query}`, headers, body };
  });

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function send(agent: http.Agent, port: number, r: FuzzRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
        agent,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

describe('HTTP API fuzz (real Neo4j, 10,000 requests)', function () {
  this.timeout(300_000);
  let ctx: AppContext;
  let server: http.Server;
  let port: number;

  before(async () => {
    ctx = await testContext({
      RINGMAP_RATE_LIMIT_PER_MIN: '10000000',
      RINGMAP_AUTH_FAILURES_PER_MIN: '10000000',
      RINGMAP_INGEST_MAX_BYTES: '65536',
    });
    await loadWorld(ctx);
    const { runId } = await ctx.runs.start({ seed: 7, hubThreshold: 20 });
    await ctx.runs.waitFor(runId);
    server = ctx.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await Promise.allSettled(ctx.runs.running().map((id) => ctx.runs.waitFor(id)));
    await clearDatabase(ctx.db.driver);
    await ctx.close();
  });

  it('answers every request with a status below 500, and keeps serving', async () => {
    const requests = fc.sample(requestArb, { numRuns: REQUESTS, seed: 4242 });
    const logStart = logLines.length;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        let status: number;
        try {
          status = await send(agent, port, r);
        } catch (e) {
          // a connection the server closed on purpose (e.g. after a 413 it stops reading) is not a crash
          status = -1;
          if (!/ECONNRESET|EPIPE|socket hang up/.test((e as Error).message))
            failures.push(`${r.method} ${r.path.slice(0, 80)}: ${(e as Error).message}`);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500)
          failures.push(
            `${status} ${r.method} ${r.path.slice(0, 100)} ${JSON.stringify(r.headers).slice(0, 200)} ${r.body?.toString('utf8').slice(0, 200) ?? ''}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    expect(failures.slice(0, 10)).to.deep.equal([]);
    const answered = [...statuses].filter(([s]) => s > 0).reduce((a, [, n]) => a + n, 0);
    expect(answered).to.be.at.least(REQUESTS * 0.99);
    // the fuzz reached past authentication and validation, not only the front door
    for (const s of [200, 400, 401, 403, 404])
      expect(statuses.get(s) ?? 0, `status ${s}`).to.be.greaterThan(20);
    expect(logLines.slice(logStart).filter((l) => l.includes('"unhandled error"'))).to.deep.equal([]);
    await request(ctx.app).get('/readyz').expect(200);
    await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
  });
});
