// Personal data by role (real Neo4j): analysts get phone numbers and accounts masked on every route, prosecutors
// and admins see them in full only in the ring and actor reports; nobody sees ID numbers; logs hold none of it.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { maskAccount, maskPhone } from '../../src/http/masking.js';
import { KEYS, bearer, clearDatabase, logLines, testContext } from '../support/test-context.js';
import {
  HOTLINE,
  MEMBERS,
  ORGANIZER,
  ORGANIZER_ACCOUNT,
  ORGANIZER_PHONE,
  personalSecrets,
  personalWorld,
} from '../fixtures/personal-world.js';

const secrets = personalSecrets();

/** Every full phone number, account and ID number of the fixture found in an answer. */
function leaks(body: unknown): string[] {
  const json = JSON.stringify(body);
  return [...secrets.phones, ...secrets.accounts, ...secrets.idNumbers].filter((s) => json.includes(s));
}

describe('personal data by role, and logs (real Neo4j)', () => {
  let ctx: AppContext;
  let ringId: string;
  let runId: string;
  let logStart: number;
  const as = (role: keyof typeof KEYS) => ({
    get: (path: string) => request(ctx.app).get(path).set('authorization', bearer(role)),
    post: (path: string) => request(ctx.app).post(path).set('authorization', bearer(role)),
  });

  before(async () => {
    ctx = await testContext();
    await clearDatabase(ctx.db.driver);
    logStart = logLines.length;
    await as('ingest').post('/v1/ingest').send(personalWorld()).expect(200);
    const start = await as('analyst').post('/v1/runs').send({ seed: 7, hubThreshold: 7 }).expect(202);
    runId = start.body.runId as string;
    expect((await ctx.runs.waitFor(runId)).status).to.equal('succeeded');
    const list = await as('analyst').get('/v1/rings').expect(200);
    ringId = list.body.rings[0].id as string;
    await as('analyst')
      .post(`/v1/rings/${ringId}/reviews`)
      .send({ status: 'under_review', note: `organizer phone ${ORGANIZER_PHONE} checked with the bank` });
    await as('analyst')
      .post('/v1/allowlist')
      .send({ kind: 'identifier', identifierKind: 'phone', identifier: HOTLINE, reason: 'bank hotline' });
  });
  after(async () => {
    await ctx.close();
  });

  it('gives analysts no full phone number, account or ID number on any route that returns personal data', async () => {
    const answers: [string, request.Response][] = [
      ['rings', await as('analyst').get('/v1/rings?minScore=0').expect(200)],
      ['ring', await as('analyst').get(`/v1/rings/${ringId}`).expect(200)],
      ['history', await as('analyst').get(`/v1/rings/${ringId}/history`).expect(200)],
      ['organizer', await as('analyst').get(`/v1/actors/${ORGANIZER}`).expect(200)],
      ['member', await as('analyst').get(`/v1/actors/${MEMBERS[0]}`).expect(200)],
      ['runs', await as('analyst').get('/v1/runs').expect(200)],
      ['run', await as('analyst').get(`/v1/runs/${runId}`).expect(200)],
      ['changes', await as('analyst').get(`/v1/runs/${runId}/changes?includeUnchanged=true`).expect(200)],
      [
        'score',
        await as('analyst')
          .post('/v1/score')
          .send({
            type: 'complaint',
            id: 'NEW-1',
            filedAt: '2026-05-01T09:00:00+08:00',
            complainantId: 'NEW-PERSON',
            institution: '某某消费金融',
            category: 'fee_refund',
            contactPhone: ORGANIZER_PHONE,
            payoutAccount: ORGANIZER_ACCOUNT,
          })
          .expect(200),
      ],
      ['reviews', await as('analyst').get(`/v1/rings/${ringId}/reviews`).expect(200)],
      ['allowlist', await as('analyst').get('/v1/allowlist').expect(200)],
    ];
    for (const [name, res] of answers) {
      expect(leaks(res.body), name).to.deep.equal([]);
      expect(res.headers['cache-control'], name).to.equal('no-store');
    }
    // masked, not dropped: the evidence is still there to read
    const ring = JSON.stringify(answers[1]![1].body);
    expect(ring).to.contain(maskPhone(ORGANIZER_PHONE)).and.contain(maskAccount(ORGANIZER_ACCOUNT));
    expect(JSON.stringify(answers[6]![1].body)).to.contain(maskPhone(HOTLINE));
  });

  it('shows prosecutors and admins the numbers in full in the ring and actor reports, and only there', async () => {
    for (const role of ['prosecutor', 'admin'] as const) {
      const ring = await as(role).get(`/v1/rings/${ringId}`).expect(200);
      expect(leaks(ring.body), role).to.include.members([ORGANIZER_PHONE, ORGANIZER_ACCOUNT]);
      const actor = await as(role).get(`/v1/actors/${ORGANIZER}`).expect(200);
      expect(actor.body.phones[0].number).to.equal(ORGANIZER_PHONE);
      expect(actor.body.accounts[0].id).to.equal(ORGANIZER_ACCOUNT);
    }
    for (const path of [
      `/v1/runs/${runId}`,
      `/v1/rings/${ringId}/history`,
      '/v1/allowlist',
      `/v1/rings/${ringId}/reviews`,
    ]) {
      const res = await as('admin').get(path).expect(200);
      expect(leaks(res.body), path).to.deep.equal([]);
    }
  });

  it('never answers an ID number or its hash, whatever the role', async () => {
    for (const role of ['analyst', 'prosecutor', 'admin'] as const) {
      const res = await as(role).get(`/v1/actors/${ORGANIZER}`).expect(200);
      expect(res.body.hasIdNumber).to.equal(true);
      const json = JSON.stringify(res.body);
      expect(json).not.to.match(/idNumber"|idNumberHash|[0-9a-f]{64}/);
      for (const id of secrets.idNumbers) expect(json).not.to.contain(id);
    }
  });

  it('logs no personal data or key, logs route patterns, and puts the request id on every line', async () => {
    // a representative mix: errors that echo input, an unknown actor whose id is a phone number, bad keys, a key
    // created (its value is in an answer, never in a log)
    await as('analyst')
      .get(`/v1/actors/${encodeURIComponent(ORGANIZER_PHONE)}`)
      .expect(404);
    await request(ctx.app)
      .get(`/v1/actors/${ORGANIZER}`)
      .set('authorization', `Bearer ${ORGANIZER_PHONE}00000`)
      .expect(401);
    await as('ingest')
      .post('/v1/ingest')
      .send({
        actors: [
          { id: 'BAD-1', name: '孙涛', phones: [`${ORGANIZER_PHONE}99`], idNumber: secrets.idNumbers[0] },
        ],
      })
      .expect(422);
    await as('ingest')
      .post('/v1/ingest?partial=true')
      .set('content-type', 'application/x-ndjson')
      .send(
        `{"type":"actor","id":"${ORGANIZER}","phones":["${ORGANIZER_PHONE}"],"accounts":["${ORGANIZER_ACCOUNT}"]}\n{garbage`,
      )
      .expect(200);
    const created = await as('admin')
      .post('/v1/keys')
      .send({ name: 'privacy-probe', role: 'analyst' })
      .expect(201);
    const newKey = created.body.key as string;
    await request(ctx.app).get('/v1/rings').set('authorization', `Bearer ${newKey}`).expect(200);

    const lines = logLines.slice(logStart);
    expect(lines.length).to.be.greaterThan(20);
    const forbidden = [
      ...secrets.phones,
      ...secrets.accounts,
      ...secrets.idNumbers,
      ...secrets.names,
      ...Object.values(KEYS),
      newKey,
    ];
    for (const line of lines) {
      for (const s of forbidden) expect(line, `a log line holds "${s}"`).not.to.contain(s);
    }
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = parsed.filter((l) => l.msg === 'request');
    expect(requestLines.length).to.be.greaterThan(15);
    for (const l of requestLines) {
      expect(l.requestId, JSON.stringify(l)).to.be.a('string').and.not.equal('');
      expect(String(l.route)).not.to.contain(ORGANIZER);
    }
    const routes = new Set(requestLines.map((l) => l.route));
    expect([...routes]).to.include.members(['/v1/actors/:id', '/v1/rings/:id', '/v1/ingest']);
    // every line logged while answering a request carries its id
    for (const l of parsed.filter((x) => x.route !== undefined || x.code !== undefined)) {
      expect(l.requestId, JSON.stringify(l)).to.be.a('string');
    }
  });
});
