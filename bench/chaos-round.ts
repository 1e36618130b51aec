// One round of `npm run chaos`: ingest, reads and a detection run go on together while Neo4j is SIGKILLed at a
// seeded random moment and started again; then what a client may rely on is checked (see checkRound's list). Then,
// once per round, the service itself is SIGKILLed during a run and started again.
import type { Driver } from 'neo4j-driver';
import { sleep, type ChaosTarget } from './chaos-target.js';

/** Requests of the ingest workload: each writes ACTORS actors (a phone and an account each) and their complaints. */
const ACTORS = 25;
/** The behaviour bound of issue 17: a run's real cause is recorded, and /readyz is 200, this soon after the return. */
export const RECOVERY_BOUND_MS = 15_000;

export interface RoundPlan {
  round: number;
  /** The run's duration on this world, undisturbed: the kill falls within it. */
  runMs: number;
  /** A float in [0, 1) from the seeded stream. */
  random: () => number;
  /** Also SIGKILL the service during a run, and check its restart. */
  killService: boolean;
  log: (line: string) => void;
}

export interface RoundReport {
  violations: string[];
  /** What happened, one line a step. */
  steps: string[];
}

interface IngestRequest {
  index: number;
  body: string;
  /** 200 seen. */
  acked: boolean;
  /** Statuses (or 'no answer') of the attempts that were not 200. */
  failures: string[];
}

/** Request `index` of round `round`: actors Xr-i-Aj with one phone and one account each, and one complaint each. */
function ingestBody(round: number, index: number): string {
  const lines: unknown[] = [];
  for (let j = 0; j < ACTORS; j++) {
    const n = (round * 10_000 + index) * ACTORS + j;
    lines.push({
      type: 'actor',
      id: `X${round}-${index}-A${j}`,
      phones: [`199${String(n).padStart(8, '0')}`],
      accounts: [`X${round}-${index}-ACC${j}`],
    });
  }
  for (let j = 0; j < ACTORS; j++) {
    lines.push({
      type: 'complaint',
      id: `X${round}-${index}-C${j}`,
      filedAt: '2026-03-04T09:12:00+08:00',
      complainantId: `X${round}-${index}-A${j}`,
      institution: '某某消费金融',
      category: 'fee_refund',
      payoutAccount: `X${round}-${index}-ACC${j}`,
    });
  }
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** Tallies of answers by route and status; anything but the expected is a violation. */
class Answers {
  readonly counts = new Map<string, number>();
  readonly unexpected: string[] = [];
  add(route: string, status: number | 'no answer', expected: (s: number) => boolean): void {
    const key = `${route} ${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (status === 'no answer' || !expected(status)) {
      if (this.unexpected.length < 20) this.unexpected.push(key);
    }
  }
  summary(): string {
    return [...this.counts.entries()]
      .sort()
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
  }
}

/** Per request of a round: how many of its actors and complaints are there, and with how many ties each. */
async function presence(
  driver: Driver,
  round: number,
): Promise<Map<number, { whole: boolean; detail: string }>> {
  const { records } = await driver.executeQuery(
    `MATCH (a:Actor) WHERE a.id STARTS WITH $prefix
     OPTIONAL MATCH (a)-[u:USES_PHONE]->(:Phone)
     WITH a, count(u) AS phones
     OPTIONAL MATCH (a)-[f:FILED]->(c:Complaint)-[p:PAYOUT_TO]->(:Account)
     WITH a.id AS id, phones, count(DISTINCT c) AS complaints, count(p) AS payouts
     RETURN split(id, '-')[1] AS request, count(*) AS actors, collect(DISTINCT id) AS ids,
            sum(phones) AS phones, sum(complaints) AS complaints, sum(payouts) AS payouts`,
    { prefix: `X${round}-` },
  );
  const filers = await driver.executeQuery(
    `MATCH (c:Complaint) WHERE c.id STARTS WITH $prefix
     OPTIONAL MATCH (x:Actor)-[f:FILED]->(c)
     WITH c, count(f) AS filers
     RETURN split(c.id, '-')[1] AS request, count(*) AS complaints, collect(DISTINCT c.id) AS ids, sum(filers) AS filers`,
    { prefix: `X${round}-` },
  );
  const out = new Map<number, { whole: boolean; detail: string }>();
  const byRequest = new Map(filers.records.map((r) => [Number(r.get('request')), r]));
  for (const r of records) {
    const req = Number(r.get('request'));
    const f = byRequest.get(req);
    const n = {
      actors: Number(r.get('actors')),
      actorIds: (r.get('ids') as string[]).length,
      phones: Number(r.get('phones')),
      complaints: Number(r.get('complaints')),
      payouts: Number(r.get('payouts')),
      complaintNodes: Number(f?.get('complaints') ?? 0),
      complaintIds: (f?.get('ids') as string[] | undefined)?.length ?? 0,
      filers: Number(f?.get('filers') ?? 0),
    };
    const whole = Object.values(n).every((v) => v === ACTORS);
    out.set(req, { whole, detail: JSON.stringify(n) });
    byRequest.delete(req);
  }
  for (const [req, f] of byRequest)
    out.set(req, { whole: false, detail: `complaints without actors: ${String(f.get('complaints'))}` });
  return out;
}

interface RunView {
  status: string;
  stage: string;
  error: string | null;
  finishedAt: string | null;
}

async function runOf(target: ChaosTarget, id: string): Promise<RunView | undefined> {
  const res = await target.get(`/v1/runs/${id}`, 'analyst').catch(() => undefined);
  if (!res?.ok) return undefined;
  return (await res.json()) as RunView;
}

async function startRun(target: ChaosTarget, seed: number): Promise<{ status: number; runId?: string }> {
  const res = await target.post('/v1/runs', 'analyst', JSON.stringify({ seed }));
  const body = (await res.json().catch(() => ({}))) as { runId?: string };
  return { status: res.status, runId: body.runId };
}

/** Waits until `check` is true (errors count as false); the time it took, or undefined after `ms`. */
async function until(check: () => Promise<boolean>, ms: number): Promise<number | undefined> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await check().catch(() => false)) return Date.now() - t0;
    await sleep(100);
  }
  return undefined;
}

/** A run started now succeeds (the lock is free and the database whole). */
async function runSucceeds(
  target: ChaosTarget,
  seed: number,
  report: RoundReport,
  what: string,
  step: (line: string) => void,
): Promise<void> {
  const t0 = Date.now();
  const started = await startRun(target, seed);
  if (started.status !== 202 || !started.runId) {
    report.violations.push(`${what}: a new run could not start (${started.status})`);
    return;
  }
  let run: RunView | undefined;
  await until(async () => {
    run = await runOf(target, started.runId!);
    return run !== undefined && run.status !== 'queued' && run.status !== 'running';
  }, 600_000);
  if (run?.status !== 'succeeded')
    report.violations.push(`${what}: the new run ${started.runId} ended ${run?.status} (${run?.error})`);
  else step(`${what}: a new run succeeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export async function chaosRound(target: ChaosTarget, plan: RoundPlan): Promise<RoundReport> {
  const report: RoundReport = { violations: [], steps: [] };
  const { round, random } = plan;
  const step = (line: string) => {
    report.steps.push(line);
    plan.log(`  ${line}`);
  };
  const rings = (
    (await (await target.get('/v1/rings?limit=20&minScore=0', 'analyst')).json()) as {
      rings: { id: string }[];
    }
  ).rings;

  // the workloads: ingest requests one after another (two at a time), reads, and a run
  let going = true;
  const requests: IngestRequest[] = [];
  const answers = new Answers();
  // NOTE: as a client does: a request that was not acknowledged is sent again (after a pause) until it is, or
  // until the round stops the workload; then it is left for the re-sending below
  const ingester = async () => {
    while (going) {
      const r: IngestRequest = { index: requests.length, body: '', acked: false, failures: [] };
      r.body = ingestBody(round, r.index);
      requests.push(r);
      while (going && !r.acked) {
        const res = await target
          .post('/v1/ingest', 'ingest', r.body, 'application/x-ndjson')
          .catch(() => undefined);
        await res?.arrayBuffer();
        const status = res?.status ?? 'no answer';
        answers.add('POST /v1/ingest', status, (s) => s === 200 || s === 503);
        if (status === 200) r.acked = true;
        else {
          r.failures.push(String(status));
          await sleep(500);
        }
      }
    }
  };
  const reader = async () => {
    for (let i = 0; going; i++) {
      const routes: [string, string, 'analyst' | undefined, (s: number) => boolean][] = [
        ['GET /healthz', '/healthz', undefined, (s) => s === 200],
        ['GET /v1/rings', '/v1/rings?limit=20', 'analyst', (s) => s === 200 || s === 503],
        [
          'GET /v1/rings/:id',
          `/v1/rings/${rings[i % Math.max(1, rings.length)]?.id ?? 'none'}`,
          'analyst',
          (s) => s === 200 || s === 404 || s === 503,
        ],
      ];
      const [name, route, role, expected] = routes[i % routes.length]!;
      const res = await target.get(route, role).catch(() => undefined);
      await res?.arrayBuffer();
      answers.add(name, res?.status ?? 'no answer', expected);
      await sleep(20);
    }
  };
  const workloads = [ingester(), ingester(), reader()];

  const started = await startRun(target, 100 + round);
  if (started.status !== 202 || !started.runId) {
    report.violations.push(`round ${round}: the run could not start (${started.status})`);
    going = false;
    await Promise.all(workloads);
    return report;
  }
  const runId = started.runId;
  let stage = 'queued';
  const watchRun = (async () => {
    while (going) {
      stage = (await runOf(target, runId))?.stage ?? stage;
      await sleep(100);
    }
  })();

  // the kill: a seeded moment within the run's undisturbed duration (under this load it lasts longer)
  const killAfterMs = Math.round(random() * plan.runMs);
  const downMs = Math.round(500 + random() * 2500);
  await sleep(killAfterMs);
  const ackedAtKill = requests.filter((r) => r.acked).length;
  const stageAtKill = stage;
  await target.killNeo4j();
  await sleep(downMs);
  const restart0 = Date.now();
  await target.startNeo4j();
  const boltAfter = Date.now() - restart0;
  const answersIn = await until(() => target.databaseAnswers(), 180_000);
  const back = Date.now();
  const freshIn = await target.freshDriverAnswersIn();
  plan.log(`  (the harness's driver was told, last: ${target.lastDatabaseError})`);
  step(
    `Neo4j SIGKILLed ${(killAfterMs / 1000).toFixed(2)} s into run ${runId} (stage ${stageAtKill}; ${ackedAtKill} ingest ` +
      `requests acknowledged), down ${(downMs / 1000).toFixed(1)} s; started again, Bolt answered after ` +
      `${(boltAfter / 1000).toFixed(1)} s and queries ${answersIn === undefined ? 'NOT within 180 s' : `${(answersIn / 1000).toFixed(1)} s later`} ` +
      `(the return, ${new Date(back).toISOString()}; a new driver's first query took ${freshIn} ms then)`,
  );

  // the interrupted run ends failed with its real cause (or had ended before, or rode the outage out)
  let run: RunView | undefined;
  const endedIn = await until(async () => {
    run = await runOf(target, runId);
    return run !== undefined && run.status !== 'queued' && run.status !== 'running';
  }, 60_000);
  if (endedIn === undefined)
    report.violations.push(`round ${round}: run ${runId} still ${run?.status} 60 s after Neo4j's return`);
  else if (run!.status === 'failed') {
    step(`the run ended failed ${(endedIn / 1000).toFixed(1)} s after the return: ${run!.error}`);
    if (/abandoned/.test(run!.error ?? ''))
      report.violations.push(`round ${round}: run ${runId} recorded as ${run!.error}, not its real cause`);
    if (endedIn > RECOVERY_BOUND_MS)
      report.violations.push(
        `round ${round}: run ${runId}'s failure recorded ${endedIn} ms after the return (bound ${RECOVERY_BOUND_MS})`,
      );
  } else
    step(
      `the run ${run!.status} (it ${stageAtKill === 'succeeded' ? 'had ended before the kill' : 'rode the outage out'})`,
    );

  const readyIn = await until(async () => (await target.get('/readyz')).status === 200, 60_000);
  const readyAfter = Date.now() - back;
  if (readyIn === undefined || readyAfter > RECOVERY_BOUND_MS)
    report.violations.push(
      `round ${round}: /readyz not 200 within ${RECOVERY_BOUND_MS} ms of the return (${readyIn === undefined ? 'not in 60 s' : `${readyAfter} ms`})`,
    );
  else step(`/readyz 200 ${(readyAfter / 1000).toFixed(1)} s after the return`);

  going = false;
  await Promise.all([...workloads, watchRun]);
  step(`answers during the round: ${answers.summary()}`);
  for (const u of answers.unexpected) report.violations.push(`round ${round}: unexpected answer ${u}`);

  // every acknowledged request is whole; every other one is whole or absent, and re-sending it completes it
  const driver = target.driver!;
  const before = await presence(driver, round);
  const acked = requests.filter((r) => r.acked);
  const pending = requests.filter((r) => !r.acked);
  for (const r of acked) {
    const p = before.get(r.index);
    if (!p?.whole)
      report.violations.push(
        `round ${round}: acknowledged request ${r.index} is not whole: ${p?.detail ?? 'absent'}`,
      );
  }
  let whole = 0;
  for (const r of pending) {
    const p = before.get(r.index);
    if (p === undefined) continue;
    if (p.whole) whole++;
    else
      report.violations.push(
        `round ${round}: unacknowledged request ${r.index} is partly written: ${p.detail}`,
      );
  }
  for (const r of pending) {
    for (let attempt = 0; attempt < 20 && !r.acked; attempt++) {
      const res = await target
        .post('/v1/ingest', 'ingest', r.body, 'application/x-ndjson')
        .catch(() => undefined);
      await res?.arrayBuffer();
      if (res?.status === 200) r.acked = true;
      else await sleep(500);
    }
    if (!r.acked) report.violations.push(`round ${round}: request ${r.index} could not be re-sent`);
  }
  const after = await presence(driver, round);
  const missing = requests.filter((r) => !after.get(r.index)?.whole);
  for (const r of missing)
    report.violations.push(
      `round ${round}: request ${r.index} is not there exactly once after re-sending: ${after.get(r.index)?.detail ?? 'absent'}`,
    );
  step(
    `ingest: ${acked.length} requests acknowledged, ${pending.length} not (${whole} of them whole, ` +
      `${pending.length - whole} absent), re-sent; ${requests.length - missing.length} of ${requests.length} requests ` +
      `(${ACTORS} actors and ${ACTORS} complaints each) there exactly once`,
  );

  await runSucceeds(target, 200 + round, report, `round ${round}`, step);

  if (plan.killService) await serviceKill(target, plan, report, step);
  return report;
}

/** The service is SIGKILLed during a run; started again, it fails that run at boot and a new one succeeds. */
async function serviceKill(
  target: ChaosTarget,
  plan: RoundPlan,
  report: RoundReport,
  step: (line: string) => void,
): Promise<void> {
  const { round, random } = plan;
  const started = await startRun(target, 300 + round);
  if (started.status !== 202 || !started.runId) {
    report.violations.push(
      `round ${round}: the run to kill the service in could not start (${started.status})`,
    );
    return;
  }
  const killAfterMs = Math.round(random() * plan.runMs * 0.8);
  await sleep(killAfterMs);
  const before = await runOf(target, started.runId);
  const killedAt = Date.now();
  await target.killService();
  const t0 = Date.now();
  await target.startService();
  const bootMs = Date.now() - t0;
  const run = await runOf(target, started.runId);
  if (before?.status !== 'running' && before?.status !== 'queued') {
    step(
      `service SIGKILLed ${(killAfterMs / 1000).toFixed(2)} s into run ${started.runId}, which had already ${before?.status}`,
    );
  } else {
    step(
      `service SIGKILLed ${(killAfterMs / 1000).toFixed(2)} s into run ${started.runId} (stage ${before.stage}), ready again ` +
        `${(bootMs / 1000).toFixed(1)} s later: the run is ${run?.status} (${run?.error})`,
    );
    // NOTE: a run seen running may still finish between that look and the kill (its last write-back batch and the
    // success record take milliseconds): succeeded before the kill is right, not a run left behind
    const finishedBeforeKill =
      run?.status === 'succeeded' && run.finishedAt !== null && Date.parse(run.finishedAt) <= killedAt;
    if (finishedBeforeKill) step(`(run ${started.runId} had finished before the kill, at ${run.finishedAt})`);
    else if (run?.status !== 'failed')
      report.violations.push(
        `round ${round}: the restarted service left run ${started.runId} ${run?.status}`,
      );
  }
  await runSucceeds(target, 400 + round, report, `round ${round}, after the service restart`, step);
}
