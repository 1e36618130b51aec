// Offline backup and restore of the bundled Neo4j with its own dump and load (neo4j-admin, run from the same jars),
// together with the secrets kept beside the data, so an operator can lose the machine and not the evidence.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { VERSION } from '../version.js';
import {
  CLASSES_DIR,
  LIB_DIR,
  ensureJars,
  findRunning,
  startBundledNeo4j,
  stopBundledNeo4j,
  type BundledNeo4jOptions,
} from './bundled-neo4j.js';
import { LOCAL_KEY_FILE, LOCAL_SECRET_FILE } from './local-secret.js';

export const BACKUP_MANIFEST = 'backup.json';
export const BACKUP_FORMAT = 'ringmap-db-backup/1';
/** The database ringmap writes to; `system` (users and the password) is re-made from the password file on start. */
const DATABASE = 'neo4j';
const DUMP_FILE = `${DATABASE}.dump`;
/**
 * Kept beside the data and needed with it: the ID-number HMAC secret (without it an ID number ingested after a
 * restore would hash differently from the same number before) and the locally generated export signing key
 * (bundles exported before verify against it). The Neo4j password is not carried: the restored store gets the
 * target directory's.
 */
const SECRET_FILES = [LOCAL_SECRET_FILE, LOCAL_KEY_FILE];

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  ringmapVersion: string;
  database: string;
  files: { name: string; sha256: string; bytes: number }[];
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  /** How long the database was down (stopped for the dump or load and started again), in ms; 0 if it was not running. */
  downtimeMs: number;
  /** Time of the dump or load itself, ms. */
  adminMs: number;
}

const sha256File = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs neo4j-admin (org.neo4j.cli.AdminTool) from the bundled jars on the stopped database in `dataDir`. */
async function neo4jAdmin(dataDir: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawn(
    'java',
    ['-cp', `${CLASSES_DIR}${path.delimiter}${path.join(LIB_DIR, '*')}`, 'org.neo4j.cli.AdminTool', ...args],
    { env: { ...process.env, NEO4J_HOME: path.join(dataDir, 'db') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (c: Buffer) => {
    output = (output + c.toString('utf8')).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) {
    const lines = output.split('\n').filter((l) => l.trim() && !/^Files: \d+\/\d+, data:/.test(l));
    throw new Error(
      `neo4j-admin ${args.slice(0, 2).join(' ')} failed (exit ${code}):\n${lines.slice(-15).join('\n')}`,
    );
  }
  return performance.now() - t0;
}

/** Stops the bundled database if it runs, does `work`, and starts it again if it was running. */
async function whileStopped<T>(
  opts: BundledNeo4jOptions,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<{ value: T; downtimeMs: number }> {
  const dataDir = path.resolve(opts.dataDir);
  const running = await findRunning(dataDir);
  const t0 = performance.now();
  if (running) {
    log(
      `stopping the bundled Neo4j (pid ${running.pid}): Community edition dumps and loads a stopped database`,
    );
    await stopBundledNeo4j(dataDir);
  }
  try {
    return { value: await work(), downtimeMs: running ? performance.now() - t0 : 0 };
  } finally {
    if (running) {
      await startBundledNeo4j(opts, log);
      log(`started the bundled Neo4j again on port ${opts.port}`);
    }
  }
}

/** Dumps the bundled database into `outDir` (which must not hold a backup yet) with the secrets and a manifest. */
export async function backupBundled(
  opts: BundledNeo4jOptions,
  outDir: string,
  log: (line: string) => void = () => {},
): Promise<BackupResult> {
  const dataDir = path.resolve(opts.dataDir);
  const dir = path.resolve(outDir);
  if (!existsSync(path.join(dataDir, 'db', 'data', 'databases', DATABASE)))
    throw new Error(`no bundled database in ${dataDir} (RINGMAP_DB_DIR): nothing to back up`);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: back up into a new directory`);
  ensureJars(log);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { value: adminMs, downtimeMs } = await whileStopped(opts, log, () =>
    neo4jAdmin(dataDir, ['database', 'dump', DATABASE, `--to-path=${dir}`]),
  );
  for (const name of SECRET_FILES) {
    const src = path.join(dataDir, name);
    if (!existsSync(src)) continue;
    copyFileSync(src, path.join(dir, name));
    chmodSync(path.join(dir, name), 0o600);
  }
  const files = [DUMP_FILE, ...SECRET_FILES]
    .filter((n) => existsSync(path.join(dir, n)))
    .map((name) => {
      const file = path.join(dir, name);
      return { name, sha256: sha256File(file), bytes: readFileSync(file).length };
    });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    ringmapVersion: VERSION,
    database: DATABASE,
    files,
  };
  writeFileSync(path.join(dir, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest, downtimeMs, adminMs };
}

/** Checks a backup directory against its manifest; throws naming the first file missing or altered. */
export function checkBackup(fromDir: string): BackupManifest {
  const dir = path.resolve(fromDir);
  const mFile = path.join(dir, BACKUP_MANIFEST);
  if (!existsSync(mFile)) throw new Error(`${dir} holds no ${BACKUP_MANIFEST}: not a ringmap backup`);
  const m = JSON.parse(readFileSync(mFile, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT)
    throw new Error(`${mFile}: format ${String(m.format)}, expected ${BACKUP_FORMAT}`);
  if (!m.files.some((f) => f.name === DUMP_FILE)) throw new Error(`${mFile} lists no ${DUMP_FILE}`);
  for (const f of m.files) {
    const file = path.join(dir, f.name);
    if (!existsSync(file)) throw new Error(`backup file ${f.name} is missing from ${dir}`);
    const sha = sha256File(file);
    if (sha !== f.sha256)
      throw new Error(
        `backup file ${f.name} was altered or damaged: sha256 ${sha}, the manifest says ${f.sha256}`,
      );
  }
  return m;
}

/**
 * Replaces the bundled database in `dataDir` with a backup (checked against its manifest first) and puts its
 * secrets back; the database is stopped for the load and started again if it was running.
 */
export async function restoreBundled(
  opts: BundledNeo4jOptions,
  fromDir: string,
  log: (line: string) => void = () => {},
): Promise<BackupResult> {
  const dir = path.resolve(fromDir);
  const manifest = checkBackup(dir);
  const dataDir = path.resolve(opts.dataDir);
  ensureJars(log);
  mkdirSync(dataDir, { recursive: true });
  const { value: adminMs, downtimeMs } = await whileStopped(opts, log, async () => {
    const ms = await neo4jAdmin(dataDir, [
      'database',
      'load',
      manifest.database,
      `--from-path=${dir}`,
      '--overwrite-destination=true',
    ]);
    // the secrets go back before the database starts, so nothing hashes or signs with the old ones meanwhile
    for (const f of manifest.files) {
      if (!SECRET_FILES.includes(f.name)) continue;
      copyFileSync(path.join(dir, f.name), path.join(dataDir, f.name));
      chmodSync(path.join(dataDir, f.name), 0o600);
    }
    return ms;
  });
  return { dir, manifest, downtimeMs, adminMs };
}
