// Configuration: parsed once from the environment with zod; a bad variable stops the boot and is named.
import { DomainError, Errors } from './shared/errors.js';
import { z } from 'zod';
import { validateCron } from './shared/cron.js';
import { resolveSigningKeyValue } from './export/signing-key.js';
import { availableParallelism } from 'node:os';

export const ROLES = ['ingest', 'analyst', 'prosecutor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  /** A name safe to log and to record as a source; never the key itself. */
  name: string;
  role: Role;
  key: string;
}

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `role:key` or `role:name:key`, comma separated. */
export function parseApiKeys(raw: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const seenNames = new Set<string>();
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .forEach((entry, i) => {
      const parts = entry.split(':');
      if (parts.length < 2 || parts.length > 3) {
        throw Errors.invalidConfig(`entry ${i + 1} must be role:key or role:name:key`);
      }
      const role = parts[0] as Role;
      if (!ROLES.includes(role))
        throw Errors.invalidConfig(
          `entry ${i + 1} has unknown role "${parts[0]}" (one of ${ROLES.join(', ')})`,
        );
      const key = parts[parts.length - 1] ?? '';
      if (key.length < 16)
        throw Errors.invalidConfig(`entry ${i + 1}: a key must have at least 16 characters`);
      const name = parts.length === 3 ? (parts[1] ?? '') : `${role}-${i + 1}`;
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name))
        throw Errors.invalidConfig(`entry ${i + 1}: name must match [A-Za-z0-9_.-]{1,64}`);
      if (seenNames.has(name)) throw Errors.invalidConfig(`entry ${i + 1}: duplicate key name "${name}"`);
      seenNames.add(name);
      keys.push({ name, role, key });
    });
  if (keys.length === 0) throw Errors.invalidConfig('no keys given');
  return keys;
}

const EnvSchema = z.object({
  PORT: intFrom(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().optional(),
  RINGMAP_DB_DIR: z.string().default('.data/neo4j'),
  RINGMAP_DB_PORT: intFrom(1, 65535).default(7687),
  RINGMAP_DB_HEAP_MB: intFrom(256, 65536).default(2048),
  RINGMAP_DB_PAGECACHE_MB: intFrom(64, 65536).default(1024),
  RINGMAP_API_KEYS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        return parseApiKeys(raw);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
  RINGMAP_ID_HMAC_SECRET: z.string().min(16, 'must have at least 16 characters').optional(),
  RINGMAP_INGEST_MAX_BYTES: intFrom(1024, 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  RINGMAP_INGEST_BATCH: intFrom(1, 100_000).default(20_000),
  RINGMAP_QUERY_TIMEOUT_MS: intFrom(100, 3_600_000).default(60_000),
  RINGMAP_REFRESH_CRON: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (!v) return;
      try {
        validateCron(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `is not a valid cron expression: ${(e as Error).message}` });
      }
    }),
  RINGMAP_RETAIN_RUNS: intFrom(1, 10_000).default(10),
  RINGMAP_DETECT_THREADS: intFrom(1, 256).optional(),
  RINGMAP_RUN_NICE: intFrom(0, 19).default(10),
  RINGMAP_RATE_LIMIT_PER_MIN: intFrom(1, 10_000_000).default(600),
  RINGMAP_AUTH_FAILURES_PER_MIN: intFrom(1, 10_000_000).default(30),
  RINGMAP_KEY_CACHE_TTL_MS: intFrom(100, 3_600_000).default(10_000),
  RINGMAP_REPORT_CACHE_MS: intFrom(0, 3_600_000).default(60_000),
  RINGMAP_REPORT_CACHE_ENTRIES: intFrom(0, 1_000_000).default(20_000),
  RINGMAP_WRITE_MARKS_MS: intFrom(0, 60_000).default(1_000),
  RINGMAP_EXPORT_SIGNING_KEY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        return resolveSigningKeyValue(raw);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
});

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  neo4j: {
    /** undefined: start and use the bundled Neo4j. */
    uri?: string;
    user: string;
    password: string;
    database?: string;
    bundled: { dataDir: string; port: number; heapMb: number; pageCacheMb: number };
  };
  apiKeys: readonly ApiKey[];
  idHmacSecret: string;
  ingest: { maxBytes: number; batchSize: number };
  queryTimeoutMs: number;
  /** Cron expression of the scheduled refresh; undefined: no schedule. */
  refreshCron?: string;
  /** Succeeded runs whose ring snapshots are kept. */
  retainRuns: number;
  /** Worker threads that refine a run's communities (1: the run's own thread does it). */
  detectThreads: number;
  /**
   * Added to the nice value of a run's thread (Linux: the nice value is per thread), so that on a busy machine the
   * threads answering requests go first; 0: the run's thread keeps the service's priority.
   */
  runNice: number;
  /** Requests a minute per key (a key may carry its own), and failed authentications a minute per client address. */
  rateLimit: { perMin: number; authFailuresPerMin: number };
  /** How long another instance may keep serving a key revoked elsewhere: the key cache's refresh period. */
  keyCacheTtlMs: number;
  /**
   * Report answers kept in memory: how long at most (ms; 0 = no cache) and how many. Writes through this instance
   * show at once, writes by other processes within ~2 s (WriteMarks); the TTL bounds staleness if that fails.
   */
  reportCache: { ttlMs: number; max: number };
  /** How often write marks are read (and at most moved); 0: this process neither moves nor reads them. */
  writeMarksMs: number;
  /** PEM PKCS8 Ed25519 key signing evidence bundles; undefined: generated beside the bundled database. */
  exportSigningKey?: string;
}

/** Every bad variable at once, each named: the process stops at boot. */
export class ConfigError extends DomainError {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'invalid_config',
      `invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** Who is loading: the server needs keys and a secret; CLIs that only talk to Neo4j do not. */
  require?: { apiKeys?: boolean; secret?: boolean; signingKey?: boolean };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (opts.require?.apiKeys && !e.RINGMAP_API_KEYS) {
    problems.push({
      variable: 'RINGMAP_API_KEYS',
      message: 'is required (comma-separated role:key or role:name:key)',
    });
  }
  // NOTE: a process that serves the API (it asks for keys) hands out signed bundles; against a configured Neo4j
  // it must sign with a key that outlives it, so it may not invent one.
  if ((opts.require?.signingKey ?? opts.require?.apiKeys) && e.NEO4J_URI && !e.RINGMAP_EXPORT_SIGNING_KEY) {
    problems.push({
      variable: 'RINGMAP_EXPORT_SIGNING_KEY',
      message:
        'is required when NEO4J_URI is set (a PEM PKCS8 Ed25519 private key, or file:/path/to/key.pem)',
    });
  }
  if (opts.require?.secret && !e.RINGMAP_ID_HMAC_SECRET) {
    problems.push({ variable: 'RINGMAP_ID_HMAC_SECRET', message: 'is required (at least 16 characters)' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      bundled: {
        dataDir: e.RINGMAP_DB_DIR,
        port: e.RINGMAP_DB_PORT,
        heapMb: e.RINGMAP_DB_HEAP_MB,
        pageCacheMb: e.RINGMAP_DB_PAGECACHE_MB,
      },
    },
    apiKeys: Object.freeze(e.RINGMAP_API_KEYS ?? []),
    idHmacSecret: e.RINGMAP_ID_HMAC_SECRET ?? '',
    ingest: { maxBytes: e.RINGMAP_INGEST_MAX_BYTES, batchSize: e.RINGMAP_INGEST_BATCH },
    queryTimeoutMs: e.RINGMAP_QUERY_TIMEOUT_MS,
    refreshCron: e.RINGMAP_REFRESH_CRON || undefined,
    retainRuns: e.RINGMAP_RETAIN_RUNS,
    detectThreads: e.RINGMAP_DETECT_THREADS ?? availableParallelism(),
    runNice: e.RINGMAP_RUN_NICE,
    rateLimit: { perMin: e.RINGMAP_RATE_LIMIT_PER_MIN, authFailuresPerMin: e.RINGMAP_AUTH_FAILURES_PER_MIN },
    keyCacheTtlMs: e.RINGMAP_KEY_CACHE_TTL_MS,
    reportCache: { ttlMs: e.RINGMAP_REPORT_CACHE_MS, max: e.RINGMAP_REPORT_CACHE_ENTRIES },
    writeMarksMs: e.RINGMAP_WRITE_MARKS_MS,
    exportSigningKey: e.RINGMAP_EXPORT_SIGNING_KEY,
  };
  return deepFreeze(config);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach((v) => deepFreeze(v));
    Object.freeze(o);
  }
  return o;
}
