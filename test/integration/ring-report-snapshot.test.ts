// A ring report is the run's: its filings are written with the ring at write-back and read back with it by the
// ring's key, so a filing corrected or added after the run does not change what the run accuses the ring of; the
// review status, members' details and masking stay live; evidence exports keep reading the store.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { maskPhone } from '../../src/http/masking.js';
import { MILL_MEMBERS, MILL_ORGANIZER } from '../fixtures/small-world.js';
import { bearer, testContext } from '../support/test-context.js';
import { detectRings, loadWorld, topRingId } from '../support/world-setup.js';

const PARAMS = { seed: 7, hubThreshold: 20 };
type Filing = { id: string; text?: string; amount?: number; contactPhone?: string };

describe('ring reports with the filings written at write-back (real Neo4j)', () => {
  let ctx: AppContext;
  before(async () => {
    // NOTE: no write marks: another suite's leftovers moving would empty the cache under the assertions
    ctx = await testContext({ RINGMAP_WRITE_MARKS_MS: '0' });
    await loadWorld(ctx);
  });
  after(async () => {
    await ctx.close();
  });

  const get = (path: string, role: 'prosecutor' | 'analyst' = 'prosecutor') =>
    request(ctx.app).get(path).set('authorization', bearer(role)).expect(200);
  const ingest = (body: Record<string, unknown[]>) =>
    request(ctx.app).post('/v1/ingest').set('authorization', bearer('ingest')).send(body).expect(200);

  it('answers what the run wrote, whatever is ingested after it, with reviews, names and masking live', async () => {
    const run = await detectRings(ctx, PARAMS);
    const ringId = await topRingId(ctx, 'prosecutor');
    const report = (await get(`/v1/rings/${ringId}`)).body;
    expect(report.runId).to.equal(run.id);

    // the run wrote the ring's filings with it; read from the store, the report is the same
    const stored = await ctx.db.driver.executeQuery(
      'MATCH (g:Ring {key: $key}) RETURN g.filings AS filings',
      {
        key: `${run.id}:${ringId}`,
      },
    );
    const snapshot = JSON.parse(String(stored.records[0]!.get('filings'))) as { complaints: Filing[] };
    expect(snapshot.complaints.map((c) => c.id)).to.deep.equal(report.complaints.map((c: Filing) => c.id));
    const fromStore = JSON.parse(JSON.stringify(await ctx.reports.get(ringId, { fresh: true }))) as object;
    expect(fromStore).to.deep.equal(report);

    // after the run: a ring's complaint corrected (text, amount), and a new one filed by a member
    const corrected = report.complaints[0] as Filing;
    const member = MILL_MEMBERS[0]!;
    await ingest({
      complaints: [
        { ...original(corrected), text: '更正后的投诉内容，与原件不同。', amount: 1 },
        {
          id: 'C-AFTER-RUN',
          filedAt: '2026-03-09T09:00:00+08:00',
          complainantId: member,
          institution: '某某消费金融',
          category: 'fee_refund',
          contactPhone: '13900000001',
          representativeId: MILL_ORGANIZER,
          text: '本人要求贵司退还全部违规收取的息费，否则将向监管部门投诉。',
          source: 'regulator:12378',
        },
      ],
    });
    // the store has the correction (an evidence bundle reads the store: the run's filings as they are now) ...
    const now = (await ctx.reports.get(ringId, { fresh: true })).complaints as Filing[];
    expect(now.find((c) => c.id === corrected.id)).to.include({
      text: '更正后的投诉内容，与原件不同。',
      amount: 1,
    });
    // ... the run's report does not, from the cache or read again (the cache emptied as another process's write does)
    expect((await get(`/v1/rings/${ringId}`)).body.complaints).to.deep.equal(report.complaints);
    ctx.reports.othersWrote();
    const again = (await get(`/v1/rings/${ringId}`)).body;
    expect(again.complaints).to.deep.equal(report.complaints);
    expect(again.timeline).to.deep.equal(report.timeline);
    expect(again.members.map((m: { evidence: unknown }) => m.evidence)).to.deep.equal(
      report.members.map((m: { evidence: unknown }) => m.evidence),
    );

    // live: a member's name as stored now, the review status, and masking by role
    const name = (r: { members: { id: string; name: string }[] }) =>
      r.members.find((m) => m.id === member)!.name;
    await ingest({ actors: [{ id: member, name: '运行后改名', source: 'bank:demo' }] });
    expect(name((await get(`/v1/rings/${ringId}`)).body)).to.equal('运行后改名');
    await request(ctx.app)
      .post(`/v1/rings/${ringId}/reviews`)
      .set('authorization', bearer('analyst'))
      .send({ status: 'under_review', note: 'after the run' })
      .expect(201);
    const analyst = (await get(`/v1/rings/${ringId}`, 'analyst')).body;
    expect(analyst.review.status).to.equal('under_review');
    const phone = report.complaints.find((c: Filing) => c.contactPhone)!.contactPhone as string;
    expect(analyst.complaints.find((c: Filing) => c.contactPhone)!.contactPhone).to.equal(maskPhone(phone));

    // the next run finds the corrected and the new filing, and its report shows them
    await detectRings(ctx, PARAMS);
    const next = (await get(`/v1/rings/${await topRingId(ctx, 'prosecutor')}`)).body;
    expect(next.complaints.find((c: Filing) => c.id === corrected.id)).to.include({ amount: 1 });
    expect(next.complaints.map((c: Filing) => c.id)).to.include('C-AFTER-RUN');
  });
});

/** The ingest record of a complaint as the report shows it (the fields the small world sends). */
function original(c: Filing): Record<string, unknown> {
  const f = c as Filing & Record<string, unknown>;
  return {
    id: f.id,
    filedAt: f.filedAt,
    complainantId: f.filedBy,
    institution: f.institution,
    category: f.category,
    contactPhone: f.contactPhone,
    payoutAccount: f.payoutAccount,
    representativeId: f.representativeId,
    text: f.text,
    amount: f.amount,
    source: f.source,
  };
}
