// What `npm run chaos` shoots at: its own bundled Neo4j and the service in its own process (compiled or under tsx),
// each of which it can SIGKILL and start again on the same port and data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { alive, freePort, startBundledNeo4j, stopBundledNeo4j } from '../src/bundled/bundled-neo4j.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ChaosTargetOptions {
  /** Run dist/src/main.js (built first) instead of src/main.ts under tsx. */
  compiled: boolean;
  heapMb: number;
  /** Where the service's log goes (one file, appended over restarts). */
  workDir?: string;
}

/** The keys the harness uses, by role. */
export interface ChaosKeys {
  ingest: string;
  analyst: string;
  admin: string;
}

export class ChaosTarget {
  readonly workDir: string;
  readonly keys: ChaosKeys = {
    ingest: `ingest-${randomBytes(12).toString('hex')}`,
    analyst: `analyst-${randomBytes(12).toString('hex')}`,
    admin: `admin-${randomBytes(12).toString('hex')}`,
  };
  base = '';
  /** The harness's own connection, for counting what the database holds. */
  driver: Driver | undefined;
  private dataDir = '';
  private dbPort = 0;
  private dbPid = 0;
  private uri = '';
  private password = '';
  private service: ChildProcess | undefined;
  private readonly signingKey = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  private readonly secret = randomBytes(16).toString('hex');

  constructor(private readonly opts: ChaosTargetOptions) {
    this.workDir = opts.workDir ?? mkdtempSync(path.join(tmpdir(), 'ringmap-chaos-'));
  }

  get serviceLog(): string {
    return path.join(this.workDir, 'service.log');
  }

  async start(): Promise<void> {
    this.dataDir = path.join(this.workDir, 'neo4j');
    this.dbPort = await freePort();
    await this.startNeo4j();
    this.driver = neo4j.driver(this.uri, neo4j.auth.basic('neo4j', this.password), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: 1000,
      connectionTimeout: 2000,
    });
    if (this.opts.compiled) {
      const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    this.base = `http://127.0.0.1:${await freePort()}`;
    await this.startService();
  }

  /** Starts (or starts again) the bundled Neo4j on the same port and data; resolves when Bolt answers. */
  async startNeo4j(): Promise<void> {
    const db = await startBundledNeo4j({
      dataDir: this.dataDir,
      port: this.dbPort,
      heapMb: this.opts.heapMb,
      pageCacheMb: 256,
    });
    this.dbPid = db.pid;
    this.uri = db.uri;
    this.password = db.password;
  }

  /** Whether the database answers a query (Bolt listens earlier, while a killed store is being recovered). */
  async databaseAnswers(): Promise<boolean> {
    try {
      return (await this.driver!.executeQuery('RETURN 1 AS one')).records.length === 1;
    } catch (e) {
      this.lastDatabaseError = (e as Error).message.split('\n')[0]!;
      return false;
    }
  }

  /** What the last failed databaseAnswers() was told. */
  lastDatabaseError = '';

  /** How long a query takes through a driver made now (ms), for comparison with the harness's long-lived one. */
  async freshDriverAnswersIn(): Promise<number> {
    const t0 = Date.now();
    const driver = neo4j.driver(this.uri, neo4j.auth.basic('neo4j', this.password));
    try {
      await driver.executeQuery('RETURN 1 AS one');
    } finally {
      await driver.close();
    }
    return Date.now() - t0;
  }

  async killNeo4j(): Promise<void> {
    process.kill(this.dbPid, 'SIGKILL');
    while (alive(this.dbPid)) await sleep(20);
  }

  /** Starts the service on the same port; resolves when it has booted and /readyz answers 200. */
  async startService(): Promise<void> {
    const entry = this.opts.compiled
      ? [path.join(ROOT, 'dist', 'src', 'main.js')]
      : ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')];
    const log = openSync(this.serviceLog, 'a');
    const port = new URL(this.base).port;
    const child = spawn(process.execPath, entry, {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        PORT: port,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NEO4J_URI: this.uri,
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: this.password,
        RINGMAP_API_KEYS: `ingest:chaos-ingest:${this.keys.ingest},analyst:chaos-analyst:${this.keys.analyst},admin:chaos-admin:${this.keys.admin}`,
        RINGMAP_ID_HMAC_SECRET: this.secret,
        RINGMAP_EXPORT_SIGNING_KEY: this.signingKey,
        // NOTE: the harness is one client sending as fast as the service answers
        RINGMAP_RATE_LIMIT_PER_MIN: '10000000',
      },
    });
    closeSync(log);
    this.service = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the service exited with ${child.exitCode} (${this.serviceLog})`);
      if ((await this.get('/readyz').catch(() => undefined))?.status === 200) return;
      await sleep(200);
    }
    throw new Error(`the service did not become ready within 120 s (${this.serviceLog})`);
  }

  async killService(): Promise<void> {
    const child = this.service;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  get(route: string, role?: keyof ChaosKeys): Promise<Response> {
    return fetch(`${this.base}${route}`, {
      headers: role ? { authorization: `Bearer ${this.keys[role]}` } : {},
      signal: AbortSignal.timeout(60_000),
    });
  }

  post(route: string, role: keyof ChaosKeys, body: string, type = 'application/json'): Promise<Response> {
    return fetch(`${this.base}${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.keys[role]}`, 'content-type': type },
      body,
      signal: AbortSignal.timeout(120_000),
    });
  }

  async stop(keep = false): Promise<void> {
    if (this.service && this.service.exitCode === null) {
      const exited = once(this.service, 'exit');
      this.service.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
      await this.killService();
    }
    await this.driver?.close();
    if (this.dataDir) await stopBundledNeo4j(this.dataDir, { removeData: !keep });
  }
}
