// The contract fuzzed against the running service: schemathesis (pinned in test/interop/requirements.txt) reads
// GET /openapi.json and sends what the document allows and what it forbids, stateless and stateful, with every check,
// as an analyst and as an admin; it must find nothing, and the service must answer no request with a 5xx.
// NOTE: its own bundled Neo4j: the admin's stateful phase creates keys, reviews, allow-list entries and records.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { AppContext } from '../../src/app-context.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { freePort, startBundledNeo4j, stopBundledNeo4j } from '../../src/bundled/bundled-neo4j.js';
import { KEYS, testContext } from '../support/test-context.js';
import { venvBin } from '../support/interop-tools.js';
import { detectRings, loadWorld } from '../support/world-setup.js';

const INTEROP = path.join(PROJECT_ROOT, 'test/interop');
/** Small enough for ~3 minutes on a shared CI machine; the seed makes a failure reproducible. */
const MAX_EXAMPLES = 5;
const SEED = 1;

interface Answer {
  method: string;
  path: string;
  contentType: string;
  status: number;
}

/** Runs `st run` against the service as `role`; resolves with its exit code and output. */
function schemathesis(
  baseUrl: string,
  role: keyof typeof KEYS,
  cwd: string,
): Promise<{ code: number; output: string }> {
  const st = venvBin('st');
  const args = [
    '--config-file',
    path.join(INTEROP, 'schemathesis.toml'),
    'run',
    `${baseUrl}/openapi.json`,
    '--checks',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(SEED),
    '--workers',
    '1',
    '--request-timeout',
    '60',
    '--generation-database',
    'none',
    '--no-color',
    '--header',
    `Authorization: Bearer ${KEYS[role]}`,
  ];
  return new Promise((resolve, reject) => {
    // NOTE: asynchronously, since the service answering it lives in this process; in a temporary directory, so
    // that schemathesis's own caches neither land in the repository nor replay an earlier run's findings.
    const child = spawn(st, args, {
      cwd,
      env: { ...process.env, SCHEMATHESIS_HOOKS: 'schemathesis_hooks', PYTHONPATH: INTEROP },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Where each run's whole report is kept (test-output/ is ignored by git; CI keeps it). */
const REPORT_DIR = path.join(PROJECT_ROOT, 'test-output');

/** The failures and summary of schemathesis's report, long lines cut, for the assertion message. */
function findings(output: string): string {
  const at = output.search(/^=+ (FAILURES|ERRORS) =+$/m);
  return (at >= 0 ? output.slice(at) : output.slice(-6000))
    .split('\n')
    .map((l) => (l.length > 400 ? `${l.slice(0, 400)} …` : l))
    .join('\n')
    .slice(0, 20_000);
}

describe('schemathesis against the running service (own bundled Neo4j)', function () {
  this.timeout(900_000);
  let dataDir: string;
  let workDir: string;
  let ctx: AppContext | undefined;
  let server: Server | undefined;
  let baseUrl: string;
  const answers: Answer[] = [];

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ringmap-schemathesis-neo4j-'));
    workDir = mkdtempSync(path.join(tmpdir(), 'ringmap-schemathesis-'));
    const db = await startBundledNeo4j({ dataDir, port: await freePort(), heapMb: 512, pageCacheMb: 128 });
    // the budgets are not what is tested here: without them the fuzzer would mostly meet 429s
    ctx = await testContext({
      NEO4J_URI: db.uri,
      NEO4J_PASSWORD: db.password,
      RINGMAP_RATE_LIMIT_PER_MIN: '1000000',
      RINGMAP_AUTH_FAILURES_PER_MIN: '1000000',
    });
    // a world with rings, so that the report routes have something to answer with
    await loadWorld(ctx);
    await ctx.keys.refresh();
    await detectRings(ctx, { seed: 7, hubThreshold: 20 });
    const listening = ctx.app.listen(0, '127.0.0.1');
    server = listening;
    await new Promise((resolve) => listening.once('listening', resolve));
    listening.on('request', (req, res) => {
      res.on('finish', () =>
        answers.push({
          method: req.method ?? '',
          // NOTE: Express rewrites req.url inside a mounted router (/v1/score is /score there); not originalUrl
          path: ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split(
            '?',
          )[0]!,
          contentType: String(req.headers['content-type'] ?? '').split(';')[0]!,
          status: res.statusCode,
        }),
      );
    });
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  after(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await ctx?.close();
    await stopBundledNeo4j(dataDir, { removeData: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  for (const role of ['analyst', 'admin'] as const)
    it(`finds nothing as ${role === 'admin' ? 'an admin' : 'an analyst'} (every check, stateful phase included)`, async () => {
      const from = answers.length;
      const run = await schemathesis(baseUrl, role, workDir);
      const report = path.join(REPORT_DIR, `schemathesis-${role}.txt`);
      mkdirSync(REPORT_DIR, { recursive: true });
      writeFileSync(report, run.output);
      expect(
        run.code,
        `schemathesis as ${role} (seed ${SEED}, whole report in ${report}):\n${findings(run.output)}`,
      ).to.equal(0);
      const mine = answers.slice(from);
      expect(mine.length, 'requests schemathesis sent').to.be.greaterThan(500);
      expect(
        mine.filter((a) => a.status >= 500),
        'answers with a 5xx',
      ).to.deep.equal([]);
    });

  it('reached the core of ingest (JSON and NDJSON) and score, not only their refusals', () => {
    const accepted = (method: string, p: string, type?: string) =>
      answers.filter(
        (a) =>
          a.method === method &&
          a.path === p &&
          a.status >= 200 &&
          a.status < 300 &&
          (type === undefined || a.contentType === type),
      ).length;
    expect(accepted('POST', '/v1/ingest', 'application/json'), 'JSON ingests written').to.be.greaterThan(0);
    expect(
      accepted('POST', '/v1/ingest', 'application/x-ndjson') +
        accepted('POST', '/v1/ingest', 'application/ndjson'),
      'NDJSON ingests written',
    ).to.be.greaterThan(0);
    expect(accepted('POST', '/v1/score'), 'triaged records').to.be.greaterThan(0);
  });
});
