// Complaint triage and the clue-review workflow against the real Neo4j.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { maskAccount, maskPhone } from '../../src/http/masking.js';
import { bearer, testContext } from '../support/test-context.js';
import { loadWorld, detectRings } from '../support/world-setup.js';
import { HONEST, MILL_MEMBERS, MILL_ORGANIZER } from '../fixtures/small-world.js';

const PARAMS = { seed: 7, hubThreshold: 20 };
const complaint = (extra: Record<string, unknown>) => ({
  type: 'complaint',
  id: 'NEW-1',
  filedAt: '2026-08-01T10:00:00+08:00',
  complainantId: 'SOMEONE-NEW',
  institution: '中国农业银行',
  category: 'fee_refund',
  ...extra,
});

describe('triage and clue review (real Neo4j)', () => {
  let ctx: AppContext;
  let millId: string;

  async function detect(): Promise<string> {
    const run = await detectRings(ctx, PARAMS);
    return run.id;
  }
  // NOTE: triage answers carry phone and account numbers masked for every role (src/http/masking.ts).
  const score = (body: Record<string, unknown>, role: 'ingest' | 'analyst' | 'admin' = 'admin') =>
    request(ctx.app).post('/v1/score').set('authorization', bearer(role)).send(body);

  before(async () => {
    ctx = await testContext();
    await loadWorld(ctx);
    await detect();
    const list = await request(ctx.app).get('/v1/rings').set('authorization', bearer('analyst')).expect(200);
    millId = list.body.rings[0].id as string;
  });
  after(async () => {
    await ctx.close();
  });

  describe('POST /v1/score', () => {
    it("scores 'high' a complaint that reuses a planted ring's contact phone, naming the ring and the phone", async () => {
      const res = await score(complaint({ contactPhone: '139 0000 0001' })).expect(200);
      expect(res.body.level).to.equal('high');
      expect(res.body.risk).to.be.at.least(60);
      expect(res.body.rings[0].ringId).to.equal(millId);
      const link = res.body.rings[0].links.find((l: { kind: string }) => l.kind === 'contact_phone');
      expect(link.identifier).to.equal(maskPhone('+8613900000001'));
      expect(link.memberIds).to.include(MILL_ORGANIZER);
      expect(res.body.explanation).to.contain(maskPhone('+8613900000001'));
      const masked = await score(complaint({ contactPhone: '139 0000 0001' }), 'ingest').expect(200);
      expect(masked.body.level).to.equal('high');
      expect(JSON.stringify(masked.body)).to.not.contain('13900000001');
    });

    it("scores 'low' an honest consumer whose contact phone is a hub (a hotline), and says why", async () => {
      const res = await score(
        complaint({
          complainantId: HONEST[0],
          contactPhone: '010-95588000',
          institution: '中国工商银行',
          category: 'account_issue',
        }),
        'analyst',
      ).expect(200);
      expect(res.body.level).to.equal('low');
      expect(res.body.rings).to.deep.equal([]);
      expect(res.body.explanation).to.match(/^no link to a known ring/);
      expect(res.body.ignored[0].identifier).to.equal(maskPhone('+861095588000'));
      expect(res.body.ignored[0].reason).to.contain('hub');
    });

    it('links a complainant who is a stored actor through its own phones and accounts, and a ring agent as representative', async () => {
      const member = await score(complaint({ complainantId: MILL_MEMBERS[0] })).expect(200);
      expect(member.body.rings[0].links.map((l: { kind: string }) => l.kind)).to.include(
        'complainant_is_member',
      );
      const rep = await score(complaint({ representativeId: MILL_ORGANIZER })).expect(200);
      expect(rep.body.rings[0].links[0].kind).to.equal('represented_by_member');
      expect(rep.body.level).to.not.equal('low');
      const claim = await score({
        type: 'claim',
        id: 'CL-X',
        filedAt: '2026-08-01T10:00:00Z',
        claimantId: 'NEW',
        insurer: '中国人寿',
        kind: 'surrender',
        payoutAccount: 'ACC-ORG',
      }).expect(200);
      expect(claim.body.rings[0].links[0]).to.include({
        kind: 'payout_account',
        identifier: maskAccount('ACC-ORG'),
      });
    });

    it('rejects a malformed record with 400 naming the field, and guards the route by role', async () => {
      const bad = await score(complaint({ filedAt: 'soon' })).expect(400);
      expect(bad.body.detail).to.contain('filedAt');
      // well-formed but no number any numbering plan has: 422 naming the field
      const phone = await score(complaint({ contactPhone: '12' })).expect(422);
      expect(phone.body.errors[0].field).to.equal('contactPhone');
      await request(ctx.app)
        .post('/v1/score')
        .set('authorization', bearer('prosecutor'))
        .send(complaint({}))
        .expect(403);
      await request(ctx.app).post('/v1/score').send(complaint({})).expect(401);
    });
  });

  describe('clue review', () => {
    it('keeps every status change with who and when, filters the ring list by status, and checks the input', async () => {
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({ status: 'under_review', note: '核查中' })
        .expect(201);
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({ status: 'referred', note: 'to prosecutor' })
        .expect(422);
      await request(ctx.app)
        .post('/v1/rings/R-0000000000/reviews')
        .set('authorization', bearer('analyst'))
        .send({ status: 'confirmed', note: 'x' })
        .expect(404);
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('ingest'))
        .send({ status: 'confirmed', note: 'x' })
        .expect(403);
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({ status: 'sure', note: 'x' })
        .expect(400);
      const reviews = await request(ctx.app)
        .get(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(reviews.body.reviews).to.have.length(1);
      expect(reviews.body.reviews[0]).to.include({ status: 'under_review', note: '核查中', by: 'ana' });
      expect(reviews.body.reviews[0].at).to.be.a('string');
      const filtered = await request(ctx.app)
        .get('/v1/rings?status=under_review&minScore=0')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(filtered.body.rings.map((r: { id: string }) => r.id)).to.deep.equal([millId]);
      const none = await request(ctx.app)
        .get('/v1/rings?status=confirmed&minScore=0')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(none.body.rings).to.deep.equal([]);
    });

    it('keeps the status with the ring across a refresh', async () => {
      await detect();
      const ring = await request(ctx.app)
        .get(`/v1/rings/${millId}`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(ring.body.review.status).to.equal('under_review');
    });

    it('raises the triage risk of what links to a confirmed ring', async () => {
      const before = await score(complaint({ representativeId: MILL_ORGANIZER })).expect(200);
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({ status: 'referred', note: 'sent on', caseReference: 'CASE-2026-17' })
        .expect(201);
      await request(ctx.app)
        .post(`/v1/rings/${millId}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({ status: 'confirmed', note: '确认' })
        .expect(201);
      const after = await score(complaint({ representativeId: MILL_ORGANIZER })).expect(200);
      expect(after.body.rings[0].status).to.equal('confirmed');
      expect(after.body.risk).to.be.greaterThan(before.body.risk);
    });
  });

  describe('feedback from a dismissal', () => {
    it('honours an allow-listed identifier and actor set: the dismissed ring stays dismissed and is no longer reported', async () => {
      // a clinic whose front-desk phone and collection account patients write on their insurance claims
      const lines = {
        actors: [
          {
            id: 'CLINIC',
            kind: 'organization',
            name: '某某诊所',
            phones: ['021-66112233'],
            accounts: ['ACC-CLINIC'],
          },
          ...Array.from({ length: 6 }, (_, i) => ({
            id: `PAT-${i}`,
            phones: [`1350000000${i}`],
            accounts: [`ACC-PAT-${i}`],
          })),
        ],
        claims: Array.from({ length: 6 }, (_, i) => ({
          id: `CLM-${i}`,
          filedAt: `2026-07-0${i + 1}T10:00:00+08:00`,
          claimantId: `PAT-${i}`,
          insurer: '中国平安',
          kind: 'claim',
          contactPhone: '021-66112233',
          payoutAccount: 'ACC-CLINIC',
          representativeId: 'CLINIC',
          amount: 2000,
        })),
        transfers: Array.from({ length: 6 }, (_, i) => ({
          id: `TP-${i}`,
          from: `ACC-PAT-${i}`,
          to: 'ACC-CLINIC',
          amount: 300,
          at: `2026-07-0${i + 1}T12:00:00+08:00`,
        })),
      };
      await request(ctx.app)
        .post('/v1/ingest')
        .set('authorization', bearer('ingest'))
        .send(lines)
        .expect(200);
      await detect();
      // NOTE: the patients only claimed through the clinic: they are its coached clients, listed with the ring's
      // victims, and the clinic is the ring's one member
      const ringOf = async () =>
        (await request(ctx.app).get('/v1/actors/CLINIC').set('authorization', bearer('analyst')).expect(200))
          .body.ring;
      const clinicRing = await ringOf();
      expect(clinicRing, 'the clinic is reported first').to.not.equal(null);
      expect(clinicRing.score).to.be.at.least(50);

      const review = await request(ctx.app)
        .post(`/v1/rings/${clinicRing.id as string}/reviews`)
        .set('authorization', bearer('analyst'))
        .send({
          status: 'dismissed',
          note: "a clinic's front desk and its patients",
          allow: [
            {
              kind: 'identifier',
              identifierKind: 'phone',
              identifier: '021 6611 2233',
              reason: 'clinic front desk',
            },
            {
              kind: 'actor_set',
              actorIds: ['CLINIC', ...Array.from({ length: 6 }, (_, i) => `PAT-${i}`)],
              reason: 'clinic and its patients',
            },
          ],
        })
        .expect(201);
      expect(review.body.allow).to.have.length(2);
      const listed = await request(ctx.app)
        .get('/v1/rings?minScore=0')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(listed.body.rings.map((r: { id: string }) => r.id)).to.not.include(clinicRing.id);

      const runId = await detect();
      const run = await request(ctx.app)
        .get(`/v1/runs/${runId}`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(run.body.stats.allowList.entries).to.have.length(2);
      expect(run.body.stats.allowList.suppressedRows).to.be.greaterThan(0);
      const after = await ringOf();
      expect(after === null || after.score < 50, JSON.stringify(after)).to.equal(true);
      const reported = await request(ctx.app)
        .get('/v1/rings')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(reported.body.rings.map((r: { id: string }) => r.id)).to.not.include(clinicRing.id);
      const reviews = await request(ctx.app)
        .get(`/v1/rings/${clinicRing.id as string}/reviews`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(reviews.body.reviews.at(-1).status).to.equal('dismissed');
      const allow = await request(ctx.app)
        .get('/v1/allowlist')
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(allow.body.entries.map((e: { identifier: string | null }) => e.identifier)).to.include(
        maskPhone('+862166112233'),
      );
      // triage ignores the allow-listed phone
      const t = await score(complaint({ contactPhone: '021-66112233' })).expect(200);
      expect(t.body.level).to.equal('low');
      expect(t.body.ignored[0].reason).to.contain('allow-listed');
    });
  });
});
