// Refresh: stable ring ids and lineage across runs, the run lease, retention and the scheduler, on the real Neo4j.
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { recordsFromNdjson } from '../../src/ingest/ingest.validator.js';
import { scheduleRefresh } from '../../src/jobs/refresh.job.js';
import { generateWorld } from '../../seed/world.generator.js';
import { bearer, countAll, resetDatabase, testContext } from '../support/test-context.js';

async function run(ctx: AppContext, params: Record<string, unknown> = {}): Promise<string> {
  const { runId } = await ctx.runs.start(params);
  const r = await ctx.runs.waitFor(runId);
  expect(r.status, String(r.error)).to.equal('succeeded');
  return runId;
}

async function ringsOf(ctx: AppContext, runId: string): Promise<Map<string, string[]>> {
  const s = ctx.db.driver.session();
  try {
    const res = await s.run(ctx.queries.get('runs/previous-rings'), { runId });
    return new Map(
      res.records.map((r) => [r.get('id') as string, [...(r.get('actorIds') as string[])].sort()]),
    );
  } finally {
    await s.close();
  }
}

async function ingestNdjson(ctx: AppContext, lines: unknown[]): Promise<void> {
  const parsed = recordsFromNdjson(lines.map((l) => JSON.stringify(l)).join('\n'));
  const res = await ctx.ingest.ingest(
    parsed.records,
    { partial: false, defaultSource: 'test' },
    parsed.errors,
  );
  expect(res.rejected).to.deep.equal([]);
}

describe('refresh: stable ids, lineage, lease, retention, schedule (real Neo4j)', () => {
  let ctx: AppContext;
  before(async () => {
    ctx = await testContext({ RINGMAP_RETAIN_RUNS: '3' });
  });
  after(async () => {
    await ctx.close();
  });

  describe('on a seed world', () => {
    const world = generateWorld({ actors: 2000, seed: 11 });
    let first: string;
    before(async () => {
      await resetDatabase(ctx);
      await ingestNdjson(ctx, world.records);
      first = await run(ctx, { seed: 5 });
    });

    it('gives identical rings and ids to two identical runs, every ring "unchanged"', async () => {
      const second = await run(ctx, { seed: 5 });
      expect([...(await ringsOf(ctx, second))]).to.deep.equal([...(await ringsOf(ctx, first))]);
      const changes = await request(ctx.app)
        .get(`/v1/runs/${second}/changes?includeUnchanged=true&limit=1000`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(Object.keys(changes.body.counts)).to.deep.equal(['unchanged']);
      expect(changes.body.lineage.previousRunId).to.equal(first);
      const none = await request(ctx.app)
        .get(`/v1/runs/${second}/changes`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(none.body.changes).to.deep.equal([]);
    });

    it('keeps at least 95% of untouched rings (id and members) after 1% new data', async () => {
      const before = await ctx.runs.latestSucceeded();
      const prev = await ringsOf(ctx, before!);
      // ~1% new records: honest newcomers with their own phones, and three who write a ring organizer's phone as contact.
      const organizer = world.truth.rings[0]!.organizerIds[0]!;
      const orgRecord = world.records.find((r) => r.type === 'actor' && r.id === organizer) as {
        phones?: string[];
      };
      const n = Math.round((world.records.length * 0.01) / 2);
      const lines: unknown[] = [];
      for (let i = 0; i < n; i++) {
        lines.push({ type: 'actor', id: `new-${i}`, phones: [`1370000${String(i).padStart(4, '0')}`] });
        lines.push({
          type: 'complaint',
          id: `new-c-${i}`,
          filedAt: '2026-10-30T10:00:00+08:00',
          complainantId: `new-${i}`,
          institution: '中国工商银行',
          category: 'fee_refund',
          contactPhone: i < 3 ? orgRecord.phones![0] : `1370000${String(i).padStart(4, '0')}`,
        });
      }
      await ingestNdjson(ctx, lines);
      const after = await run(ctx, { seed: 5 });
      const next = await ringsOf(ctx, after);
      const touched = [...prev].filter(([, members]) => members.includes(organizer)).map(([id]) => id);
      const untouched = [...prev].filter(([id]) => !touched.includes(id));
      const kept = untouched.filter(
        ([id, members]) => JSON.stringify(next.get(id)) === JSON.stringify(members),
      );
      expect(untouched.length).to.be.greaterThan(10);
      expect(kept.length / untouched.length, `${kept.length}/${untouched.length} kept`).to.be.at.least(0.95);
      const run2 = await ctx.runs.get(after);
      expect((run2!.stats as { lineage: { keptIds: number } }).lineage.keptIds).to.be.at.least(kept.length);
    });

    it('shows a ring across runs at GET /v1/rings/:id/history', async () => {
      const latest = await ctx.runs.latestSucceeded();
      const [id] = [...(await ringsOf(ctx, latest!)).keys()];
      const res = await request(ctx.app)
        .get(`/v1/rings/${id!}/history`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(res.body.runs.length).to.be.at.least(2);
      expect(res.body.runs.at(-1).runId).to.equal(latest);
      expect(res.body.runs.at(-1).snapshot).to.include.keys('score', 'size');
      await request(ctx.app)
        .get('/v1/rings/R-ffffffffff/history')
        .set('authorization', bearer('analyst'))
        .expect(404);
    });

    it('prunes ring snapshots beyond the retained runs, never source data', async () => {
      const sourceBefore = await countAll(ctx.db.driver);
      await run(ctx, { seed: 5 });
      const s = ctx.db.driver.session();
      try {
        const res = await s.run(
          "MATCH (r:Run {status: 'succeeded'}) OPTIONAL MATCH (g:Ring {runId: r.id}) WITH r, count(g) AS rings RETURN r.id AS id, r.pruned AS pruned, rings ORDER BY r.finishedAt",
        );
        const rows = res.records.map((r) => ({
          id: r.get('id') as string,
          pruned: r.get('pruned') as boolean | null,
          rings: Number(r.get('rings')),
        }));
        expect(rows).to.have.length(4);
        expect(rows[0]).to.include({ pruned: true, rings: 0 });
        for (const r of rows.slice(1)) expect(r.rings).to.be.greaterThan(0);
      } finally {
        await s.close();
      }
      const sourceAfter = await countAll(ctx.db.driver);
      for (const label of ['Actor', 'Phone', 'Account', 'Complaint', 'Claim', 'Institution', 'Device']) {
        expect(sourceAfter.nodes[label], label).to.equal(sourceBefore.nodes[label]);
      }
    });
  });

  describe('a ring split by new evidence', () => {
    it('records "split" with both children when the phone that tied two groups turns out to be a hub', async () => {
      await resetDatabase(ctx);
      const lines: unknown[] = [
        { type: 'actor', id: 'AG-A', kind: 'agent', phones: ['13911110000'], accounts: ['ACC-A'] },
        { type: 'actor', id: 'AG-B', kind: 'agent', phones: ['13922220000'], accounts: ['ACC-B'] },
      ];
      for (const g of ['A', 'B']) {
        for (let i = 0; i < 6; i++) {
          const id = `${g}${i}`;
          lines.push({
            type: 'actor',
            id,
            phones: [`138${g === 'A' ? 1 : 2}000000${i}`],
            accounts: [`ACC-${id}`],
          });
          lines.push({
            type: 'complaint',
            id: `C-${id}`,
            filedAt: '2026-05-01T10:00:00+08:00',
            complainantId: id,
            institution: '某银行',
            category: 'fee_refund',
            contactPhone: '010-66001234',
            payoutAccount: `ACC-${g}`,
            representativeId: `AG-${g}`,
          });
          lines.push({
            type: 'transfer',
            id: `T-${id}`,
            from: `ACC-${id}`,
            to: `ACC-${g}`,
            amount: 500,
            at: '2026-05-02T10:00:00+08:00',
          });
        }
      }
      // the shared "office line" also ties the two agents
      lines.push({ type: 'actor', id: 'OFFICE', kind: 'organization', phones: ['010-66001234'] });
      await ingestNdjson(ctx, lines);
      const r1 = await run(ctx, { seed: 1, hubThreshold: 20 });
      const rings1 = await ringsOf(ctx, r1);
      const parent = [...rings1].find(([, m]) => m.includes('A0') && m.includes('B0'));
      expect(parent, JSON.stringify([...rings1])).to.not.equal(undefined);

      // new evidence: 20 unrelated people also wrote that line as contact — it is a switchboard, a hub
      const crowd: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        crowd.push({ type: 'actor', id: `X${i}`, phones: [`1360000${String(i).padStart(4, '0')}`] });
        crowd.push({
          type: 'complaint',
          id: `C-X${i}`,
          filedAt: '2026-06-01T10:00:00+08:00',
          complainantId: `X${i}`,
          institution: '某银行',
          category: 'outage',
          contactPhone: '010-66001234',
        });
      }
      await ingestNdjson(ctx, crowd);
      const r2 = await run(ctx, { seed: 1, hubThreshold: 20 });
      const changes = await request(ctx.app)
        .get(`/v1/runs/${r2}/changes`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      const split = (changes.body.changes as { event: string; ringId: string; into: string[] }[]).find(
        (c) => c.event === 'split' && c.into.length > 0,
      );
      expect(split, JSON.stringify(changes.body)).to.not.equal(undefined);
      expect(split!.ringId).to.equal(parent![0]);
      expect(split!.into).to.have.length(2);
      const rings2 = await ringsOf(ctx, r2);
      for (const child of split!.into) expect(rings2.has(child)).to.equal(true);
      const history = await request(ctx.app)
        .get(`/v1/rings/${parent![0]}/history`)
        .set('authorization', bearer('analyst'))
        .expect(200);
      expect(JSON.stringify(history.body)).to.contain('"split"');
    });
  });

  describe('the run lease', () => {
    it('lets the next refresh run when the holder of a running run died (stale heartbeat), but not while it lives', async () => {
      const s = ctx.db.driver.session();
      try {
        await s.run(
          "CREATE (:Run {id: 'run-dead-1', status: 'running', stage: 'projection', params: '{}', startedAt: datetime() - duration('PT1H'), heartbeatAt: datetime() - duration('PT10M'), progress: 0.1})",
        );
        const res = await request(ctx.app)
          .post('/v1/runs')
          .set('authorization', bearer('analyst'))
          .send({})
          .expect(202);
        await ctx.runs.waitFor(res.body.runId as string);
        const dead = await ctx.runs.get('run-dead-1');
        expect(dead!.status).to.equal('failed');
        expect(dead!.error).to.contain('abandoned');

        // a second dead run that had written part of its rings, while another run is alive: the start is refused,
        // and the dead run's partial rings are removed all the same
        await s.run(
          "CREATE (:Run {id: 'run-dead-2', status: 'running', stage: 'write-back', params: '{}', startedAt: datetime() - duration('PT1H'), heartbeatAt: datetime() - duration('PT10M'), progress: 0.9}), (:Ring {runId: 'run-dead-2', id: 'R-deadbeef00'})",
        );
        await s.run(
          "CREATE (:Run {id: 'run-alive-1', status: 'running', stage: 'projection', params: '{}', startedAt: datetime(), heartbeatAt: datetime(), progress: 0.1})",
        );
        const busy = await request(ctx.app)
          .post('/v1/runs')
          .set('authorization', bearer('analyst'))
          .send({})
          .expect(409);
        expect(busy.body.runId).to.equal('run-alive-1');
        expect((await ctx.runs.get('run-dead-2'))!.status).to.equal('failed');
        const left = await s.run("MATCH (g:Ring {runId: 'run-dead-2'}) RETURN count(g) AS n");
        expect(Number(left.records[0]!.get('n'))).to.equal(0);
      } finally {
        await s.run(
          "MATCH (r:Run) WHERE r.id IN ['run-dead-1', 'run-dead-2', 'run-alive-1'] DETACH DELETE r",
        );
        await s.close();
      }
    });
  });

  describe('the scheduler', () => {
    it('skips its ticks while another instance holds the lease, then runs detection on the next tick', async () => {
      const s = ctx.db.driver.session();
      const job = scheduleRefresh({ cron: '* * * * * *', runs: ctx.runs, logger: ctx.logger });
      try {
        await s.run(
          "CREATE (:Run {id: 'run-other-1', status: 'running', stage: 'projection', params: '{}', startedAt: datetime(), heartbeatAt: datetime(), progress: 0.1})",
        );
        const before = (await ctx.runs.list(200)).length;
        await new Promise((r) => setTimeout(r, 2500));
        expect((await ctx.runs.list(200)).length, 'no run while the lease is held').to.equal(before);
        await s.run("MATCH (r:Run {id: 'run-other-1'}) DETACH DELETE r");
        const deadline = Date.now() + 20_000;
        while ((await ctx.runs.list(200)).length < before && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 250));
      } finally {
        job.stop();
        await s.close();
      }
      await Promise.all(ctx.runs.running().map((id) => ctx.runs.waitFor(id)));
      const runs = (await ctx.runs.list(200)) as { id: string; status: string }[];
      expect(runs[0]!.id).to.not.equal('run-other-1');
      expect(runs[0]!.status).to.equal('succeeded');
    });
  });
});
