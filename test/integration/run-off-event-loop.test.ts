// A run goes on off the event loop: while the run's thread is provably busy (held at a gate that blocks its thread
// as CPU-bound detection would), /healthz, the run's status and the ring routes still answer; that thread, and it
// alone, runs at a lower CPU priority (RINGMAP_RUN_NICE); and the service's thread never receives the run's rings,
// only its outcome (the copy of a large result froze it for seconds).
import { getPriority } from 'node:os';
import { expect } from 'chai';
import request from 'supertest';
import type { AppContext } from '../../src/app-context.js';
import { bearer, testContext } from '../support/test-context.js';
import { loadWorld } from '../support/world-setup.js';
import { threadStats, type ThreadPriority } from '../../src/runs/thread-priority.js';

const RUN_NICE = 7;

describe('detection off the event loop (real Neo4j)', () => {
  let ctx: AppContext;
  // slot 0: open, slot 1: the detection thread went past the gate, slot 2: how long it waits at most (ms)
  const gate = new Int32Array(new SharedArrayBuffer(12));
  let started: () => void = () => {};
  const detectionStarted = new Promise<void>((r) => (started = r));
  const messages: unknown[] = [];

  before(async () => {
    Atomics.store(gate, 2, 20_000);
    ctx = await testContext(
      { RINGMAP_WRITE_MARKS_MS: '0', RINGMAP_RUN_NICE: String(RUN_NICE) },
      {
        runHooks: {
          detectionGate: gate.buffer as SharedArrayBuffer,
          detectionStarted: () => started(),
          threadMessage: (m) => messages.push(m),
        },
      },
    );
    await loadWorld(ctx);
  });
  after(async () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await ctx.close();
  });

  let runId = '';
  const analyst = (p: string) => request(ctx.app).get(p).set('authorization', bearer('analyst'));
  const baseNice = getPriority(0);

  it('answers /healthz, the run and the ring routes while the detection thread is held', async () => {
    ({ runId } = (
      await request(ctx.app)
        .post('/v1/runs')
        .set('authorization', bearer('analyst'))
        .send({ seed: 7, hubThreshold: 20 })
        .expect(202)
    ).body as { runId: string });
    // a run that fails before its detection stage ends the wait too (and the assertions below say so)
    await Promise.race([detectionStarted, ctx.runs.waitFor(runId)]);

    await request(ctx.app).get('/healthz').expect(200);
    const run = (await analyst(`/v1/runs/${runId}`).expect(200)).body;
    expect(run).to.include({ status: 'running', stage: 'detection' });
    await analyst('/v1/rings').expect(200);
    expect(Atomics.load(gate, 1), 'the detection thread was still held when these answered').to.equal(0);
  });

  it("runs the run's thread, and no other thread of the service, at the lower priority", () => {
    const reported = messages.find((m) => (m as { kind: string }).kind === 'priority') as
      { priority: ThreadPriority } | undefined;
    expect(reported, 'the run thread reported its priority').to.not.equal(undefined);
    const { tid, lowered } = reported!.priority;
    expect(lowered).to.equal(true);
    const nices = new Map([...threadStats()].map(([t, s]) => [t, s.nice]));
    expect(Atomics.load(gate, 1), 'the run thread is still alive, held at its gate').to.equal(0);
    expect(nices.get(tid!), `thread ${tid}, the run's, in /proc`).to.equal(Math.min(19, baseNice + RUN_NICE));
    expect(nices.get(process.pid), "the service's main thread").to.equal(baseNice);
    const others = [...nices].filter(([t]) => t !== tid);
    expect(others.length).to.be.above(1);
    expect(
      others.filter(([, nice]) => nice !== baseNice),
      'threads other than the run thread at another nice value [tid, nice]',
    ).to.deep.equal([]);
  });

  it('finishes the run once the gate opens', async () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const done = await ctx.runs.waitFor(runId);
    expect(done.status, String(done.error)).to.equal('succeeded');
    expect(Atomics.load(gate, 1)).to.equal(1);
    expect((await analyst('/v1/rings').expect(200)).body.rings).to.have.length.above(0);
  });

  it("hands the service's thread the run's outcome, never its rings or their members", () => {
    const done = messages.filter((m) => (m as { kind: string }).kind === 'done');
    expect(done, 'the outcome came as one message').to.have.length(1);
    expect((done[0] as { outcome: { rings: number } }).outcome.rings).to.be.above(0);
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    walk(messages);
    expect([...keys]).to.not.include.members(['members', 'breakdown', 'filingIds', 'actorIds']);
  });
});
