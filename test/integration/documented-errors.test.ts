// Every documented error answer (409, 413, 415, 429, 503, /readyz 503; 400 and 404 on every GET) provoked for
// real; the contract recorder (test/support/contract-recorder.ts) checks each against the document's schema for it.
import { createServer, Socket, type Server } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { buildOpenApiDocument } from '../../src/api-document.js';
import { VERSION } from '../../src/version.js';
import { KEYS, bearer, testConfig, testContext } from '../support/test-context.js';
import { createContext } from '../../src/app-context.js';
import { createLogger } from '../../src/logger.js';
import { loadWorld } from '../support/world-setup.js';

const ERROR_STATUSES = ['409', '413', '415', '429', '503'];

interface Documented {
  method: 'get' | 'post' | 'delete';
  path: string;
  status: string;
}

/** The documented (method, path, status) of every answer with one of `statuses`, read from the document. */
function documentedErrors(statuses = ERROR_STATUSES): Documented[] {
  const doc = buildOpenApiDocument(VERSION) as unknown as {
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) =>
      Object.keys(op.responses ?? {})
        .filter((s) => statuses.includes(s))
        .map((status) => ({ method: method as Documented['method'], path, status })),
    ),
  );
}

/** A concrete URL, role and body for a documented path (the answers here come before any handler looks at them). */
function requestFor(path: string): { url: string; role: keyof typeof KEYS; body?: object } {
  const url = path
    .replace('{id}', path.startsWith('/v1/runs') ? 'run-20260101-000000-abcd' : 'R-0000000000')
    .replace('{name}', 'someone');
  if (path === '/v1/ingest') return { url, role: 'ingest', body: { actors: [{ id: 'E-1' }] } };
  if (path === '/v1/score')
    return {
      url,
      role: 'analyst',
      body: {
        type: 'complaint',
        id: 'C-E-1',
        filedAt: '2026-03-04T10:00:00+08:00',
        complainantId: 'H-1',
        institution: '某某消费金融',
        category: 'fee_refund',
      },
    };
  if (path.endsWith('/export')) return { url: `${url}?format=json`, role: 'prosecutor' };
  return { url, role: 'admin', body: path === '/v1/keys' ? { name: 'k-e', role: 'analyst' } : {} };
}

/** A TCP relay between the service and Neo4j, to take the database away (and nothing else) while the test runs. */
function relay(target: URL): Promise<{ uri: string; cut: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        uri: `bolt://127.0.0.1:${port}`,
        cut: () =>
          new Promise((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    }),
  );
}

describe('documented error answers against real ones (real Neo4j)', function () {
  this.timeout(300_000);
  const documented = documentedErrors();

  async function call(
    ctx: AppContext,
    method: Documented['method'],
    url: string,
    role?: keyof typeof KEYS,
    body?: object,
    contentType?: string,
  ): Promise<request.Response> {
    let req = request(ctx.app)[method](url);
    if (role) req = req.set('authorization', bearer(role));
    if (contentType) req = req.set('content-type', contentType);
    return body === undefined ? req : req.send(contentType ? JSON.stringify(body) : body);
  }

  it('knows which error answers the document promises', () => {
    expect(documented.length).to.be.greaterThan(40);
    for (const s of ERROR_STATUSES) expect(documented.map((d) => d.status)).to.include(s);
  });

  it('409 (a run in progress, a key name taken, the last admin key, a transfer id taken), 413, 415: as documented', async () => {
    // a run held in its detection thread, so that the next start meets it
    const gate = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(gate, 2, 60_000);
    let started: () => void = () => {};
    const detecting = new Promise<void>((r) => (started = r));
    const ctx = await testContext(
      {},
      { runHooks: { detectionGate: gate.buffer as SharedArrayBuffer, detectionStarted: () => started() } },
    );
    try {
      await loadWorld(ctx);
      await ctx.keys.refresh();
      const { runId } = await ctx.runs.start({ seed: 1, hubThreshold: 20 });
      await detecting;
      try {
        expect((await call(ctx, 'post', '/v1/runs', 'analyst', { seed: 2 })).status).to.equal(409);
      } finally {
        Atomics.store(gate, 0, 1);
        Atomics.notify(gate, 0);
        await ctx.runs.waitFor(runId);
      }
      await call(ctx, 'post', '/v1/keys', 'admin', { name: 'dup', role: 'analyst' });
      expect(
        (await call(ctx, 'post', '/v1/keys', 'admin', { name: 'dup', role: 'analyst' })).status,
      ).to.equal(409);
      expect((await call(ctx, 'post', '/v1/keys/root/rotate', 'admin')).status).to.equal(409);
      expect((await call(ctx, 'delete', '/v1/keys/root', 'admin')).status).to.equal(409);
      // a transfer id already recorded between other accounts
      const transfer = (to: string) => ({
        transfers: [{ id: 'T-409', from: 'ACC-409-A', to, amount: 1, at: '2026-03-04T10:00:00+08:00' }],
      });
      await call(ctx, 'post', '/v1/ingest', 'ingest', transfer('ACC-409-B'));
      expect((await call(ctx, 'post', '/v1/ingest', 'ingest', transfer('ACC-409-C'))).status).to.equal(409);
    } finally {
      await ctx.close();
    }
    const small = await testContext({ RINGMAP_INGEST_MAX_BYTES: '4096' });
    try {
      const ctx = small;
      const big = {
        actors: Array.from({ length: 200 }, (_, i) => ({ id: `BIG-${i}`, name: '某某某某某某' })),
      };
      expect((await call(ctx, 'post', '/v1/ingest', 'ingest', big)).status).to.equal(413);
      expect(
        (await call(ctx, 'post', '/v1/runs', 'analyst', { seed: 1, note: 'x'.repeat(20_000) })).status,
      ).to.equal(413);
      expect(
        (
          await call(ctx, 'post', '/v1/keys', 'admin', {
            name: 'k',
            role: 'analyst',
            pad: 'x'.repeat(70_000),
          })
        ).status,
      ).to.equal(413);
      expect((await call(ctx, 'post', '/v1/ingest', 'ingest', { actors: [] }, 'text/plain')).status).to.equal(
        415,
      );
    } finally {
      await ctx.close();
    }
  });

  it('429 on every route that documents it, once a key has spent its budget', async () => {
    const ctx = await testContext({ RINGMAP_RATE_LIMIT_PER_MIN: '1' });
    try {
      for (const role of Object.keys(KEYS) as (keyof typeof KEYS)[])
        await request(ctx.app).get('/v1/me').set('authorization', bearer(role));
      // NOTE: /metrics documents the failed-authentication lockout, not a per-key budget (abuse.test.ts provokes it)
      for (const d of documented.filter((x) => x.status === '429' && x.path.startsWith('/v1'))) {
        const r = requestFor(d.path);
        const res = await call(ctx, d.method, r.url, r.role, d.method === 'get' ? undefined : r.body);
        expect(res.status, `${d.method.toUpperCase()} ${d.path}`).to.equal(429);
      }
    } finally {
      await ctx.close();
    }
  });

  it('400 for a parameter of the wrong shape or one it does not know, 404 for an id no one has, on every GET that documents them', async () => {
    const ctx = await testContext();
    try {
      const gets = (status: string) =>
        documentedErrors([status]).filter((d) => d.method === 'get' && d.path.startsWith('/v1'));
      expect(gets('400').length, 'GET routes documenting 400').to.be.greaterThan(10);
      for (const d of gets('400')) {
        const r = requestFor(d.path);
        // a path parameter no id can be (too long for any); on a route without one, a query parameter it does not know
        const query = r.url.split('?')[1];
        const url = d.path.includes('{')
          ? `${d.path.replace(/\{[^}]+\}/g, 'x'.repeat(300))}${query ? `?${query}` : ''}`
          : `${r.url}${query ? '&' : '?'}unknownParameter=1`;
        const res = await call(ctx, 'get', url, r.role);
        expect(res.status, `GET ${url}: ${JSON.stringify(res.body)}`).to.equal(400);
      }
      expect(gets('404').length, 'GET routes documenting 404').to.be.greaterThan(4);
      for (const d of gets('404')) {
        const r = requestFor(d.path);
        const res = await call(ctx, 'get', r.url, r.role);
        expect(res.status, `GET ${r.url}: ${JSON.stringify(res.body)}`).to.equal(404);
      }
    } finally {
      await ctx.close();
    }
  });

  it('503 on every route that documents it, /readyz included, while Neo4j is out of reach', async () => {
    const link = await relay(new URL(process.env.NEO4J_URI!));
    // no export signing key either: the public key route answers its documented 503 (not configured)
    const base = testConfig();
    const ctx = await createContext(
      Object.freeze({ ...base, neo4j: { ...base.neo4j, uri: link.uri }, exportSigningKey: undefined }),
      createLogger('fatal'),
      {
        driverConfig: {
          maxTransactionRetryTime: 300,
          connectionTimeout: 500,
          connectionAcquisitionTimeout: 1000,
        },
      },
    );
    try {
      await ctx.keys.refresh();
      await link.cut();
      // NOTE: the audit trail is what refuses every /v1 request while its writes fail; wait for its first failed
      // write (an audited request queues an entry), so that a route checking its body before touching the database
      // is not asked before then (it would rightly answer 400 to the empty body)
      await call(ctx, 'get', '/v1/me', 'admin', undefined);
      const deadline = Date.now() + 15_000;
      while (ctx.audit.healthy && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(ctx.audit.healthy, 'the audit trail noticed the database is away').to.equal(false);
      for (const d of documented.filter((x) => x.status === '503')) {
        const r = requestFor(d.path);
        const res = await call(
          ctx,
          d.method,
          r.url,
          d.path.startsWith('/v1') ? r.role : undefined,
          d.method === 'get' ? undefined : r.body,
        );
        expect(res.status, `${d.method.toUpperCase()} ${d.path}: ${JSON.stringify(res.body)}`).to.equal(503);
      }
    } finally {
      await ctx.close().catch(() => {});
    }
  });
});
