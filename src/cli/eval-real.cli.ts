// npm run eval:real: loads each real data set through the public HTTP API, runs detection, prints ring quality figures.
import { Errors } from '../shared/errors.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { createContext, type AppContext } from '../app-context.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { freePort, stopBundledNeo4j } from '../bundled/bundled-neo4j.js';
import {
  sichuanFigures,
  structurallyConnectedBots,
  vkFigures,
  type EvalRing,
} from '../eval/real-data.figures.js';
import {
  actorRecords,
  requestBatches,
  sichuanDataSet,
  vkDataSet,
  type RealDataSet,
} from '../eval/real-data.sets.js';
import { failCli } from './cli-context.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const int = (v: string) => Number.parseInt(v, 10);

interface Options {
  data: string;
  sets: string;
  json?: string;
  maxActors: number;
  maxTies: number;
  seed: number;
  wipe: boolean;
}

const program = new Command('eval:real')
  .option('--data <dir>', 'the data sets', path.resolve(REPO, '../shared/data'))
  .option('--sets <list>', 'which data sets', 'vk,sichuan')
  .option('--json <file>', 'write every figure, stage time and candidate ring (with labels) here')
  .option('--max-actors <n>', 'actors per ingest request', int, 400)
  .option('--max-ties <n>', 'identifier ties per ingest request (one transaction each)', int, 40_000)
  .option('--seed <n>', 'detection seed', int, 7)
  .option('--wipe', 'with NEO4J_URI: delete the data of that database before each data set', false)
  .action(async (opts: Options) => {
    if (process.env.NEO4J_URI && !opts.wipe)
      throw Errors.badRequest(
        'NEO4J_URI is set: eval:real deletes that database’s data per data set; add --wipe to agree',
      );
    // generic object: the JSON report written to --json, one member per data set
    const out: Record<string, unknown> = {
      command: process.argv.slice(2).join(' '),
      startedAt: new Date().toISOString(),
    };
    for (const name of opts.sets.split(',').map((s) => s.trim())) {
      const t0 = performance.now();
      const set = readDataSet(opts.data, name);
      const readMs = performance.now() - t0;
      log(
        `${name}: ${set.actors.length} actors, ${set.shape.ties} identifier ties, ${set.shape.identifiers} identifiers`,
      );
      out[name] = await evaluateSet(set, opts, readMs);
      if (opts.json) {
        writeFileSync(opts.json, JSON.stringify(out, null, 2));
        log(`wrote ${opts.json}`);
      }
    }
  });

function readDataSet(dir: string, name: string): RealDataSet {
  const gz = (...p: string[]) => gunzipSync(readFileSync(path.join(dir, ...p))).toString('utf8');
  if (name === 'vk') return vkDataSet(gz('vk_bots', 'accounts.csv.gz'), gz('vk_bots', 'friend_edges.csv.gz'));
  if (name === 'sichuan')
    return sichuanDataSet(gz('sichuan_telecom', 'nodes.csv.gz'), gz('sichuan_telecom', 'edges.csv.gz'));
  throw Errors.badRequest(`unknown data set "${name}" (vk, sichuan)`);
}

/** One data set in a database of its own: a throwaway bundled Neo4j, or the NEO4J_URI one wiped first. */
// generic object: its member of the --json report
async function evaluateSet(
  set: RealDataSet,
  opts: Options,
  readMs: number,
): Promise<Record<string, unknown>> {
  const key = randomBytes(24).toString('base64url');
  const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(path.join(tmpdir(), 'ringmap-eval-real-'));
  const config = loadConfig({
    ...process.env,
    RINGMAP_API_KEYS: `admin:eval-real:${key}`,
    RINGMAP_ID_HMAC_SECRET: randomBytes(24).toString('base64url'),
    RINGMAP_RATE_LIMIT_PER_MIN: '10000000',
    // NOTE: the report of a big candidate ring on a dense graph takes longer than the 60 s a user request gets
    RINGMAP_QUERY_TIMEOUT_MS: '1800000',
    RINGMAP_REFRESH_CRON: '',
    ...(dataDir ? { RINGMAP_DB_DIR: dataDir, RINGMAP_DB_PORT: String(await freePort()) } : {}),
  });
  const stages: Record<string, number> = { readMs: Math.round(readMs) };
  let ctx: AppContext | undefined;
  try {
    let t = performance.now();
    ctx = await createContext(config, createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr));
    if (opts.wipe && process.env.NEO4J_URI) await wipe(ctx);
    stages.databaseMs = Math.round(performance.now() - t);
    const server = ctx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = apiClient(base, key);
    try {
      // 1. load through POST /v1/ingest
      t = performance.now();
      let requests = 0;
      let biggestBody = 0;
      let done = 0;
      for (const actors of requestBatches(actorRecords(set.actors), opts)) {
        const body = JSON.stringify({ actors });
        biggestBody = Math.max(biggestBody, Buffer.byteLength(body));
        await api('POST', '/v1/ingest', body);
        requests++;
        done += actors.length;
        if (requests % 20 === 0) log(`${set.name}: ${done} actor records sent`);
      }
      stages.loadMs = Math.round(performance.now() - t);
      const load = {
        requests,
        maxActorsPerRequest: opts.maxActors,
        maxTiesPerRequest: opts.maxTies,
        biggestRequestBytes: biggestBody,
        actorsPerSecond: Math.round(set.actors.length / (stages.loadMs / 1000)),
        tiesPerSecond: Math.round(set.shape.ties / (stages.loadMs / 1000)),
      };
      log(`${set.name}: loaded in ${(stages.loadMs / 1000).toFixed(1)} s, ${JSON.stringify(load)}`);

      // 2. detect: POST /v1/runs, wait
      t = performance.now();
      const { runId } = (await api('POST', '/v1/runs', JSON.stringify({ seed: opts.seed }))) as {
        runId: string;
      };
      // generic object: a run's stats as GET /v1/runs/:id answers them, read by name
      let run: { status: string; stages?: unknown; stats?: Record<string, unknown>; error?: string };
      for (;;) {
        run = (await api('GET', `/v1/runs/${runId}`)) as typeof run;
        if (run.status === 'succeeded' || run.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 2000));
      }
      stages.runMs = Math.round(performance.now() - t);
      if (run.status !== 'succeeded') throw Errors.runFailed(runId, run.error);

      // 3. read the rings: every reported one with its members and their roles (GET /v1/rings, /v1/rings/:id);
      // the candidates (all rings of the run, reported or not) from GET /v1/rings?minScore=0, and their members
      // from each actor's report (GET /v1/actors/:id): a candidate ring of a dense graph holds thousands of ties,
      // and its full report is built for an analyst, not for listing members.
      t = performance.now();
      const reportedList = await allRings(api, '');
      const listed = await allRings(api, 'minScore=0');
      const reportedIds = new Set(reportedList.map((r) => r.id));
      const byId = new Map<string, EvalRing>();
      for (const summary of listed)
        byId.set(summary.id, {
          id: summary.id,
          score: summary.score,
          ...(summary.probability !== undefined ? { probability: summary.probability } : {}),
          reported: reportedIds.has(summary.id),
          members: [],
        });
      await forEachLimited(set.actors, 8, async (a) => {
        const report = (await api('GET', `/v1/actors/${encodeURIComponent(a.id)}`)) as {
          ring: { id: string; score: number; reported?: boolean; role: string } | null;
        };
        if (!report.ring) return;
        let ring = byId.get(report.ring.id);
        if (!ring) {
          ring = {
            id: report.ring.id,
            score: report.ring.score,
            reported: reportedIds.has(report.ring.id),
            members: [],
          };
          byId.set(ring.id, ring);
        }
        ring.members.push({ id: a.id, role: report.ring.role });
      });
      for (const summary of reportedList) {
        const report = (await api('GET', `/v1/rings/${encodeURIComponent(summary.id)}`)) as {
          members: { id: string; role: string }[];
        };
        byId.get(summary.id)!.members = report.members.map((m) => ({ id: m.id, role: m.role }));
      }
      const candidates = [...byId.values()].filter((r) => r.members.length > 0);
      stages.readRingsMs = Math.round(performance.now() - t);
      const listing = {
        listedByRingsRoute: listed.length,
        withMembers: candidates.length,
        reported: reportedList.length,
      };
      const reported = candidates.filter((r) => r.reported);

      const figures =
        set.name === 'vk'
          ? (() => {
              const connected = structurallyConnectedBots(set.actors, set.labels);
              return {
                reported: vkFigures(reported, set.actors, set.labels, connected),
                candidates: vkFigures(candidates, set.actors, set.labels, connected),
              };
            })()
          : {
              reported: sichuanFigures(reported, set.labels),
              candidates: sichuanFigures(candidates, set.labels),
            };
      printTable(set.name, figures, stages, run.stages);
      return {
        shape: set.shape,
        listing,
        load,
        stages,
        runId,
        runStages: run.stages,
        runStats: pick(run.stats ?? {}, ['candidateRings', 'reportedRings', 'hubs']),
        figures,
        candidates: candidates.map((r) => ({
          ...r,
          members: r.members.map((m) => ({ ...m, label: set.labels.get(m.id) ?? null })),
        })),
      };
    } finally {
      server.close();
    }
  } finally {
    await ctx?.close();
    if (dataDir) await stopBundledNeo4j(dataDir, { removeData: true });
  }
}

type Api = (method: string, route: string, body?: string) => Promise<unknown>;

/**
 * NOTE: detection runs in this process (the app is in-process), and its long synchronous stretches (Louvain) keep
 * the server from answering for a while; fetch then fails to connect. A request that fails without an answer is
 * sent again (every route used here is idempotent or read-only) for up to 30 minutes.
 */
function apiClient(base: string, key: string): Api {
  return async (method, route, body) => {
    const giveUpAt = Date.now() + 30 * 60_000;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(base + route, {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body } : {}),
        });
      } catch (e) {
        if (Date.now() > giveUpAt) throw e;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * attempt)));
        continue;
      }
      const text = await res.text();
      if (!res.ok) throw Errors.internal(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as unknown;
    }
  };
}

interface RingSummary {
  id: string;
  score: number;
  /** Detection v2: the calibrated probability that the ring is organised. */
  probability?: number;
}

async function allRings(api: Api, query: string): Promise<RingSummary[]> {
  const rings: RingSummary[] = [];
  let cursor: string | null = null;
  do {
    const q = [query, 'limit=200', cursor ? `cursor=${encodeURIComponent(cursor)}` : '']
      .filter(Boolean)
      .join('&');
    const page = (await api('GET', `/v1/rings?${q}`)) as {
      rings: RingSummary[];
      nextCursor: string | null;
    };
    rings.push(...page.rings);
    cursor = page.nextCursor;
  } while (cursor);
  return rings;
}

async function forEachLimited<T>(items: readonly T[], limit: number, each: (t: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

async function wipe(ctx: AppContext): Promise<void> {
  // NOTE: no transaction timeout (0: unlimited): a large data set takes longer to delete than a request may
  await ctx.handle.autoCommit('eval/wipe-data', {}, { timeoutMs: 0 });
}

function printTable(
  name: string,
  figures: { reported: object; candidates: object },
  stages: Record<string, number>,
  runStages: unknown,
): void {
  // generic object: the figures printed as they are, one row per member
  const rep = figures.reported as Record<string, unknown>;
  const cand = figures.candidates as Record<string, unknown>;
  console.log(`\n${name}                               reported      all candidates`);
  for (const k of Object.keys(rep)) {
    console.log(`  ${k.padEnd(32)} ${String(rep[k]).padStart(10)}  ${String(cand[k]).padStart(12)}`);
  }
  console.log(`  stages (ms): ${JSON.stringify(stages)}`);
  console.log(`  run stages: ${JSON.stringify(runStages)}`);
}

// generic object: picks named members of any object
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
const log = (line: string) => console.error(`• ${line}`);

program.parseAsync().catch((e: unknown) => failCli('eval:real', e));
