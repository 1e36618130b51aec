// Abuse resistance (real Neo4j): rate limits per key and for failed authentication, security headers, body size
// limits, capped pagination, and Cypher injection attempts in every string field and parameter.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { KEYS, bearer, countAll, snapshot, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';

const INJECTIONS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  '$x',
  '{id: $id}',
  '\u0000',
  'x\u0000y',
  '\\u0000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '13800138000; CALL db.clearQueryCaches()',
  'é'.repeat(300),
  'x'.repeat(70_000),
];

describe('abuse resistance (real Neo4j)', () => {
  describe('rate limits', () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await testContext({ RINGMAP_RATE_LIMIT_PER_MIN: '5', RINGMAP_AUTH_FAILURES_PER_MIN: '3' });
    });
    after(async () => {
      await ctx.close();
    });

    it('limits requests per key with a 429 problem and Retry-After; other keys and raised keys are unaffected', async () => {
      for (let i = 0; i < 5; i++)
        await request(ctx.app).get('/v1/runs').set('authorization', bearer('analyst')).expect(200);
      const res = await request(ctx.app).get('/v1/runs').set('authorization', bearer('analyst')).expect(429);
      expect(res.headers['content-type']).to.match(/problem\+json/);
      expect(res.body.title).to.equal('too_many_requests');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
      await request(ctx.app).get('/v1/rings').set('authorization', bearer('prosecutor')).expect(200);
      const raised = await request(ctx.app)
        .post('/v1/keys')
        .set('authorization', bearer('admin'))
        .send({ name: 'batch-1', role: 'analyst', rateLimitPerMin: 1000 })
        .expect(201);
      for (let i = 0; i < 12; i++) {
        await request(ctx.app).get('/v1/runs').set('authorization', `Bearer ${raised.body.key}`).expect(200);
      }
    });

    it('answers 429 to a client address after repeated failed authentications, not to a busy good client', async () => {
      // more requests in flight at once than the failure limit, with a good key (403: not for this role): they
      // count for nothing, only 401 answers do
      const busy = await Promise.all(
        Array.from({ length: 4 }, () =>
          request(ctx.app).get('/v1/rings').set('authorization', bearer('ingest')),
        ),
      );
      expect(busy.map((r) => r.status)).to.deep.equal([403, 403, 403, 403]);
      for (let i = 0; i < 3; i++)
        await request(ctx.app)
          .get('/v1/rings')
          .set('authorization', 'Bearer wrong-key-000000000')
          .expect(401);
      const res = await request(ctx.app)
        .get('/v1/rings')
        .set('authorization', 'Bearer wrong-key-000000000')
        .expect(429);
      expect(res.headers['retry-after']).to.match(/^\d+$/);
    });
  });

  describe('failed authentication on /metrics', () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await testContext({ RINGMAP_AUTH_FAILURES_PER_MIN: '3' });
    });
    after(async () => {
      await ctx.close();
    });

    it('counts wrong keys on /metrics with /v1, and locks the address out of both', async () => {
      for (let i = 0; i < 3; i++)
        await request(ctx.app)
          .get('/metrics')
          .set('authorization', `Bearer wrong-key-00000000${i}`)
          .expect(401);
      const locked = await request(ctx.app)
        .get('/metrics')
        .set('authorization', 'Bearer wrong-key-000000009')
        .expect(429);
      expect(locked.body.title).to.equal('too_many_requests');
      // locked out: even a real key learns nothing (no 403 for a valid non-admin key, no 200 for the admin)
      await request(ctx.app).get('/metrics').set('authorization', bearer('analyst')).expect(429);
      await request(ctx.app).get('/metrics').set('authorization', bearer('admin')).expect(429);
      await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(429);
    });
  });

  describe('headers, body sizes, page sizes', () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await testContext({ RINGMAP_INGEST_MAX_BYTES: '2048' });
    });
    after(async () => {
      await ctx.close();
    });

    it('sends security headers and no X-Powered-By', async () => {
      const res = await request(ctx.app).get('/healthz').expect(200);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-security-policy']).to.contain("default-src 'self'");
      expect(res.headers['strict-transport-security']).to.match(/max-age=/);
      expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN');
      expect(res.headers).not.to.have.property('x-powered-by');
    });

    it('gives every JSON route a body size limit (413)', async () => {
      const big = (n: number) => ({ note: 'x'.repeat(n) });
      const cases: [string, keyof typeof KEYS, number][] = [
        ['/v1/runs', 'analyst', 17_000],
        ['/v1/keys', 'admin', 5_000],
        ['/v1/score', 'analyst', 66_000],
        ['/v1/allowlist', 'analyst', 17_000],
        ['/v1/rings/R-0123456789/reviews', 'analyst', 66_000],
        ['/v1/ingest', 'ingest', 3_000],
      ];
      for (const [path, role, n] of cases) {
        const res = await request(ctx.app).post(path).set('authorization', bearer(role)).send(big(n));
        expect(res.status, path).to.equal(413);
      }
    });

    it('caps every page size (400 above the cap)', async () => {
      const over: [string, keyof typeof KEYS][] = [
        ['/v1/rings?limit=201', 'analyst'],
        ['/v1/runs?limit=201', 'analyst'],
        ['/v1/runs/run-x/changes?limit=1001', 'admin'],
        ['/v1/audit?limit=1001', 'admin'],
      ];
      for (const [path, role] of over) {
        const res = await request(ctx.app).get(path).set('authorization', bearer(role));
        expect(res.status, path).to.equal(400);
      }
    });
  });

  describe('Cypher injection', () => {
    let ctx: AppContext;
    before(async () => {
      ctx = await testContext({ RINGMAP_RATE_LIMIT_PER_MIN: '1000000' });
      await loadWorld(ctx);
      const { runId } = await ctx.runs.start({ seed: 7, hubThreshold: 20 });
      await ctx.runs.waitFor(runId);
    });
    after(async () => {
      await ctx.close();
    });

    it('writes nothing but the intended records, and never answers 5xx, whatever is in an ingest string field', async () => {
      const before = await snapshot(ctx.db.driver);
      const countsBefore = await countAll(ctx.db.driver);
      const base = () => ({
        institution: { name: 'INJ-BANK', institutionType: 'bank', source: 'inj' },
        actor: {
          id: 'INJ-A',
          name: 'n',
          idNumber: '110105199001011234',
          phones: ['13812345678'],
          accounts: ['INJ-ACC', { id: 'INJ-ACC2', kind: 'bank', institution: 'INJ-BANK' }],
          devices: ['INJ-DEV'],
          source: 'inj',
        },
        complaint: {
          id: 'INJ-C',
          filedAt: '2026-03-04T09:12:00+08:00',
          complainantId: 'INJ-A',
          institution: 'INJ-BANK',
          category: 'fee_refund',
          channel: 'web',
          contactPhone: '13812345678',
          payoutAccount: 'INJ-ACC',
          representativeId: 'INJ-REP',
          text: 't',
          source: 'inj',
        },
        claim: {
          id: 'INJ-CL',
          filedAt: '2026-03-04T09:12:00+08:00',
          claimantId: 'INJ-A',
          insurer: 'INJ-BANK',
          kind: 'claim',
          policyNumber: 'INJ-P',
          contactPhone: '13812345678',
          payoutAccount: 'INJ-ACC',
          source: 'inj',
        },
        transfer: {
          id: 'INJ-T',
          from: 'INJ-ACC',
          to: 'INJ-ACC2',
          amount: 1,
          at: '2026-03-04T09:12:00+08:00',
          source: 'inj',
        },
      });
      const fields: [keyof ReturnType<typeof base>, string][] = [
        ['institution', 'name'],
        ['institution', 'source'],
        ...(
          [
            'id',
            'name',
            'idNumber',
            'phones.0',
            'accounts.0',
            'accounts.1.id',
            'accounts.1.institution',
            'devices.0',
            'source',
          ] as const
        ).map((f) => ['actor', f] as [keyof ReturnType<typeof base>, string]),
        ...(
          [
            'id',
            'complainantId',
            'institution',
            'category',
            'channel',
            'contactPhone',
            'payoutAccount',
            'representativeId',
            'text',
            'source',
          ] as const
        ).map((f) => ['complaint', f] as [keyof ReturnType<typeof base>, string]),
        ...(
          ['id', 'claimantId', 'insurer', 'policyNumber', 'contactPhone', 'payoutAccount', 'source'] as const
        ).map((f) => ['claim', f] as [keyof ReturnType<typeof base>, string]),
        ...(['id', 'from', 'to', 'source'] as const).map(
          (f) => ['transfer', f] as [keyof ReturnType<typeof base>, string],
        ),
      ];
      const accepted = { actors: 0, complaints: 0, claims: 0, transfers: 0 };
      const ids = {
        actors: new Set<string>(),
        complaints: new Set<string>(),
        claims: new Set<string>(),
        transfers: new Set<string>(),
      };
      let n = 0;
      // NOTE: one request per injected value, holding one full set of records per field (only that field injected,
      // fresh ids otherwise); partial=true writes the valid records and names the rejected ones.
      for (const value of INJECTIONS) {
        const payload = {
          institutions: [] as unknown[],
          actors: [] as unknown[],
          complaints: [] as unknown[],
          claims: [] as unknown[],
          transfers: [] as unknown[],
        };
        for (const [type, field] of fields) {
          n++;
          const doc = base();
          doc.actor.id = `INJ-A-${n}`;
          doc.complaint.id = `INJ-C-${n}`;
          doc.complaint.complainantId = doc.actor.id;
          doc.complaint.representativeId = 'MILL-ORG';
          doc.claim.id = `INJ-CL-${n}`;
          doc.claim.claimantId = doc.actor.id;
          doc.transfer.id = `INJ-T-${n}`;
          let target: Record<string, unknown> = doc[type] as Record<string, unknown>;
          const path = field.split('.');
          for (const p of path.slice(0, -1)) target = target[p] as Record<string, unknown>;
          target[path[path.length - 1]!] = value;
          payload.institutions.push(doc.institution);
          payload.actors.push(doc.actor);
          payload.complaints.push(doc.complaint);
          payload.claims.push(doc.claim);
          payload.transfers.push(doc.transfer);
        }
        const res = await request(ctx.app)
          .post('/v1/ingest?partial=true')
          .set('authorization', bearer('ingest'))
          .send(payload);
        expect(res.status, JSON.stringify(value).slice(0, 40)).to.equal(200);
        const singular = {
          actors: 'actor',
          complaints: 'complaint',
          claims: 'claim',
          transfers: 'transfer',
        } as const;
        for (const k of ['actors', 'complaints', 'claims', 'transfers'] as const) {
          const rejected = new Set(
            (res.body.rejected as { type: string; index: number }[])
              .filter((e) => e.type === singular[k])
              .map((e) => e.index),
          );
          const kept = (payload[k] as { id: string }[]).filter((_, i) => !rejected.has(i));
          expect(res.body.accepted[k], `${k} accepted`).to.equal(kept.length);
          accepted[k] += kept.length;
          for (const r of kept) ids[k].add(String(r.id).trim());
        }
      }
      const after = await snapshot(ctx.db.driver);
      const beforeParsed = JSON.parse(before) as { nodes: string[]; rels: string[] };
      const afterParsed = JSON.parse(after) as { nodes: string[]; rels: string[] };
      // everything that was there is still there, unchanged
      const afterNodes = new Set(afterParsed.nodes);
      const afterRels = new Set(afterParsed.rels);
      for (const line of beforeParsed.nodes) expect(afterNodes.has(line), line).to.equal(true);
      for (const line of beforeParsed.rels) expect(afterRels.has(line), line).to.equal(true);
      // only the records that were accepted were added, and no other kind of node appeared
      const countsAfter = await countAll(ctx.db.driver);
      expect(countsAfter.nodes.Actor! - countsBefore.nodes.Actor!).to.equal(ids.actors.size);
      expect(countsAfter.nodes.Complaint! - countsBefore.nodes.Complaint!).to.equal(ids.complaints.size);
      expect((countsAfter.nodes.Claim ?? 0) - (countsBefore.nodes.Claim ?? 0)).to.equal(ids.claims.size);
      expect(countsAfter.relationships.TRANSFERRED! - countsBefore.relationships.TRANSFERRED!).to.equal(
        ids.transfers.size,
      );
      const known = [
        ...Object.keys(countsBefore.nodes),
        'Actor',
        'Phone',
        'Account',
        'Device',
        'Institution',
        'Complaint',
        'Claim',
      ];
      for (const label of Object.keys(countsAfter.nodes)) expect(known, label).to.include(label);
      expect(accepted.actors).to.be.greaterThan(0);
    });

    it('never answers 5xx and changes nothing, whatever is in a path or query parameter', async () => {
      const before = await snapshot(ctx.db.driver);
      const paths = (v: string) => {
        const e = encodeURIComponent(v);
        return [
          ['get', `/v1/rings/${e}`],
          ['get', `/v1/rings/${e}/history`],
          ['get', `/v1/rings/${e}/reviews`],
          ['get', `/v1/rings/${e}/export`],
          ['get', `/v1/actors/${e}`],
          ['get', `/v1/runs/${e}`],
          ['get', `/v1/runs/${e}/changes`],
          ['post', `/v1/keys/${e}/rotate`],
          ['delete', `/v1/keys/${e}`],
          ['get', `/v1/rings?typology=${e}`],
          ['get', `/v1/rings?minScore=${e}`],
          ['get', `/v1/rings?cursor=${e}`],
          ['get', `/v1/rings?limit=${e}`],
          ['get', `/v1/rings?status=${e}`],
          ['get', `/v1/runs?limit=${e}`],
          ['get', `/v1/runs/run-x/changes?includeUnchanged=${e}&limit=${e}`],
          ['get', `/v1/audit?since=${e}&until=${e}`],
          ['get', `/v1/audit?key=${e}`],
          ['get', `/v1/audit?actor=${e}&ring=${e}`],
          ['get', `/v1/exports?limit=${e}`],
          ['post', `/v1/ingest?partial=${e}`],
          ['get', `/v1/${e}`],
        ] as const;
      };
      for (const v of INJECTIONS.filter((x) => x.length < 5000)) {
        for (const [method, path] of paths(v)) {
          const res = await request(ctx.app)[method](path).set('authorization', bearer('admin')).send({});
          expect(res.status, `${method} ${path.slice(0, 80)}`).to.be.below(500);
        }
      }
      expect(await snapshot(ctx.db.driver)).to.equal(before);
    });
  });
});
