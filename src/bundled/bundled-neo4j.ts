// Runs the bundled Neo4j 5.26 Community (jars from Maven Central, see neo4j/pom.xml) as a child JVM on 127.0.0.1.
import { DomainError, Errors } from '../shared/errors.js';
import { alive } from '../shared/process-alive.js';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT } from '../project-root.js';

const ROOT = PROJECT_ROOT;
const LAUNCHER_DIR = path.join(ROOT, 'neo4j');
export const LIB_DIR = path.join(LAUNCHER_DIR, 'target', 'lib');
export const CLASSES_DIR = path.join(LAUNCHER_DIR, 'target', 'classes');

const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-XX:+UseG1GC',
  '-Dfile.encoding=UTF-8',
];

/** The classpath of the bundled Neo4j's jars (also the offline importer's, src/import/admin-import.ts). */
export function bundledClasspath(): string {
  return `${CLASSES_DIR}${path.delimiter}${path.join(LIB_DIR, '*')}`;
}

export interface BundledNeo4jOptions {
  dataDir: string;
  port: number;
  heapMb: number;
  /** Page cache for the store files. */
  pageCacheMb?: number;
  /** Transaction memory limits (db.memory.transaction.max, dbms.memory.transaction.total.max); unset: Neo4j's. */
  txMemoryMaxMb?: number;
  txMemoryTotalMb?: number;
}

export interface BundledNeo4j {
  uri: string;
  pid: number;
  /** User neo4j's password (authentication is on; see neo4jPassword). */
  user: string;
  password: string;
  dataDir: string;
  /** true when an already running instance was found and reused. */
  reused: boolean;
  stop(): Promise<boolean>;
}

/** A program the bundled database needs (java, mvn) is not installed: the message says how to get it. */
export class MissingToolError extends DomainError {
  constructor(message: string) {
    super('missing_tool', message);
    this.name = 'MissingToolError';
  }
}

function haveCommand(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

/** Resolves the Neo4j jars with Maven once; later calls are no-ops. */
export function ensureJars(log: (line: string) => void = () => {}): void {
  if (!haveCommand('java', ['-version'])) {
    throw new MissingToolError(
      'Java 17 is required to run the bundled Neo4j: install it (apt-get install openjdk-17-jre-headless) or set NEO4J_URI.',
    );
  }
  if (
    existsSync(path.join(CLASSES_DIR, 'ringmap', 'Launcher.class')) &&
    existsSync(LIB_DIR) &&
    readdirSync(LIB_DIR).length > 50
  ) {
    return;
  }
  if (!haveCommand('mvn', ['-v'])) {
    throw new MissingToolError(
      'Maven is required to fetch the bundled Neo4j jars: install it (apt-get install maven) or set NEO4J_URI.',
    );
  }
  log('resolving Neo4j 5.26 jars from Maven Central (first run only)...');
  const r = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], {
    cwd: LAUNCHER_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw Errors.startFailed(`mvn package failed in ${LAUNCHER_DIR} (exit ${r.status})`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The bundled database's only user. */
export const BUNDLED_USER = 'neo4j';

/**
 * The password of the bundled database, generated on first use and kept (mode 0600) in its data directory: the
 * service, the CLIs and the tests read it from there; no other local process can log in without it.
 */
export function neo4jPassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  mkdirSync(path.resolve(dataDir), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function passwordFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'neo4j-password');
}

function pidFile(dataDir: string): string {
  return path.join(dataDir, 'ringmap-neo4j.pid');
}
function portFile(dataDir: string): string {
  return path.join(dataDir, 'ringmap-neo4j.port');
}

/** Whether a process with this id exists (also the run lease's question about a run's holder). */
export { alive };

/** Bolt answers and the password is accepted. */
export async function boltAnswers(uri: string, password: string, timeoutMs = 2000): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(BUNDLED_USER, password), {
    connectionTimeout: timeoutMs,
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

async function waitForBolt(
  uri: string,
  password: string,
  isAlive: () => boolean,
  logPath: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) {
      const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n') : '';
      throw Errors.startFailed(`bundled Neo4j exited during start-up; last log lines:\n${tail}`);
    }
    if (await boltAnswers(uri, password)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw Errors.startFailed(`bundled Neo4j did not answer on ${uri} within ${timeoutMs} ms (log: ${logPath})`);
}

/** The instance recorded in dataDir, if its process is alive and Bolt answers. */
export async function findRunning(dataDir: string): Promise<{ uri: string; pid: number } | undefined> {
  if (!existsSync(pidFile(dataDir)) || !existsSync(portFile(dataDir))) return undefined;
  const pid = Number(readFileSync(pidFile(dataDir), 'utf8').trim());
  const port = Number(readFileSync(portFile(dataDir), 'utf8').trim());
  if (!pid || !alive(pid)) return undefined;
  const uri = `bolt://127.0.0.1:${port}`;
  return (await boltAnswers(uri, neo4jPassword(dataDir))) ? { uri, pid } : undefined;
}

/**
 * Starts Neo4j in the background (detached, so it outlives a CLI) or reuses the one already running on dataDir.
 */
export async function startBundledNeo4j(
  opts: BundledNeo4jOptions,
  log: (line: string) => void = () => {},
): Promise<BundledNeo4j> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const password = neo4jPassword(dataDir);
  const running = await findRunning(dataDir);
  if (running) {
    const stop = () => stopBundledNeo4j(dataDir);
    return { ...running, user: BUNDLED_USER, password, dataDir, reused: true, stop };
  }
  ensureJars(log);
  const logPath = path.join(dataDir, 'neo4j.log');
  const out = openSync(logPath, 'a');
  const pageCache = opts.pageCacheMb ?? 512;
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(opts.heapMb, 512)}m`,
      `-Xmx${opts.heapMb}m`,
      `-Dringmap.pagecache=${pageCache}m`,
      `-Dringmap.passwordFile=${passwordFile(dataDir)}`,
      ...(opts.txMemoryMaxMb ? [`-Dringmap.txmemory.max=${opts.txMemoryMaxMb}m`] : []),
      ...(opts.txMemoryTotalMb ? [`-Dringmap.txmemory.total=${opts.txMemoryTotalMb}m`] : []),
      ...JVM_FLAGS,
      '-cp',
      bundledClasspath(),
      'ringmap.Launcher',
      path.join(dataDir, 'db'),
      String(opts.port),
      pidFile(dataDir),
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  child.unref();
  const pid = child.pid;
  if (!pid) throw Errors.startFailed('could not spawn java for the bundled Neo4j');
  writeFileSync(pidFile(dataDir), String(pid));
  writeFileSync(portFile(dataDir), String(opts.port));
  const uri = `bolt://127.0.0.1:${opts.port}`;
  log(`starting bundled Neo4j (pid ${pid}) on ${uri}, data in ${dataDir}`);
  await waitForBolt(uri, password, () => !exited && alive(pid), logPath, 180_000);
  const stop = () => stopBundledNeo4j(dataDir);
  return { uri, pid, user: BUNDLED_USER, password, dataDir, reused: false, stop };
}

/** Stops the instance recorded in dataDir (SIGTERM, then SIGKILL after a grace period). */
export async function stopBundledNeo4j(
  dataDir: string,
  opts: { removeData?: boolean } = {},
): Promise<boolean> {
  const file = pidFile(path.resolve(dataDir));
  let stopped = false;
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 30_000;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      stopped = true;
    }
    rmSync(file, { force: true });
  }
  if (opts.removeData) rmSync(path.resolve(dataDir), { recursive: true, force: true });
  return stopped;
}
