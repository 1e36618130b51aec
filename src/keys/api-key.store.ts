// API keys persisted in Neo4j as (:ApiKey {name, role, hash, createdAt, rotatedAt, revokedAt}): created, rotated
// and revoked without a restart. The KeyRing the auth middleware reads is this store's in-memory cache.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiKey, Role } from '../config.js';
import { Errors, toDomainError } from '../shared/errors.js';
import { KeyRing, keyDigest, type KeyEntry } from '../http/auth.middleware.js';
import type { Db, Params } from '../store/db.js';
import { ApiKeyRepo, type BootstrapConflict, type StoredKey } from './api-key.repo.js';
import type { ApiKeyInfo } from './keys.schema.js';

export { KEY_QUERIES } from './api-key.repo.js';

export interface ApiKeyStoreDeps {
  db: Db;
  logger: Logger;
  /** The keys of RINGMAP_API_KEYS: recorded when missing, so they work from the first boot. */
  bootstrap: readonly ApiKey[];
  /** Period of the refresh from Neo4j: how late a revocation made by another instance takes effect here. */
  refreshMs: number;
}

const hex = (key: string) => keyDigest(key).toString('hex');

/** 32 random bytes: guessing is hopeless, so an unsalted SHA-256 is a sufficient stored form. */
export function newApiKey(): string {
  return `rmk_${randomBytes(32).toString('base64url')}`;
}

/**
 * NOTE: revocation takes effect at once in the process that made it (the cache is replaced before the answer) and
 * within `refreshMs` in every other instance (each reloads the keys from Neo4j on that period). A refresh that
 * started before a change made here is discarded, so it cannot bring a revoked key back.
 */
export class ApiKeyStore {
  readonly keyRing: KeyRing;
  private readonly repo: ApiKeyRepo;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly deps: ApiKeyStoreDeps) {
    this.repo = new ApiKeyRepo(deps.db);
    this.keyRing = new KeyRing(deps.bootstrap);
  }

  /** Records missing bootstrap keys, loads the store and starts the periodic refresh. */
  async start(): Promise<void> {
    const conflicts = await this.bootstrap();
    for (const c of conflicts) {
      this.deps.logger.warn(
        { keyName: c.name, revoked: c.revoked },
        c.revoked
          ? 'a key of RINGMAP_API_KEYS is revoked in the key store and stays refused'
          : 'a key of RINGMAP_API_KEYS differs from the stored one (rotated?); the stored key is in force',
      );
    }
    await this.refresh();
    this.timer = setInterval(() => {
      void this.refresh().catch((e: unknown) =>
        this.deps.logger.warn({ err: e }, 'key refresh failed; the cached keys stay in force'),
      );
    }, this.deps.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reloads the keys from Neo4j (bootstrap keys deleted from the store come back; revoked ones stay revoked). */
  async refresh(): Promise<void> {
    const started = this.generation;
    await this.bootstrap();
    const keys = await this.all();
    if (started !== this.generation) return;
    this.keyRing.replace(activeEntries(keys));
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (await this.all()).map(({ hash: _hash, ...info }) => info);
  }

  async create(input: {
    name: string;
    role: Role;
    rateLimitPerMin?: number;
  }): Promise<{ key: string; info: ApiKeyInfo }> {
    const key = newApiKey();
    try {
      await this.write('keys/create', {
        name: input.name,
        role: input.role,
        hash: hex(key),
        rateLimitPerMin: input.rateLimitPerMin ?? null,
        now: new Date().toISOString(),
      });
    } catch (e) {
      if (toDomainError(e)?.code === 'conflict')
        throw Errors.conflict(`a key named "${input.name}" already exists`);
      throw e;
    }
    await this.changed();
    return { key, info: await this.info(input.name) };
  }

  async rotate(name: string): Promise<{ key: string; info: ApiKeyInfo }> {
    const current = await this.info(name);
    if (current.revokedAt) throw Errors.conflict(`key "${name}" is revoked; create a new one`);
    const key = newApiKey();
    const rows = await this.write('keys/rotate', { name, hash: hex(key), now: new Date().toISOString() });
    if (rows === 0) {
      const now = await this.info(name);
      if (now.revokedAt) throw Errors.conflict(`key "${name}" is revoked; create a new one`);
      throw lastAdmin('rotating');
    }
    await this.changed();
    return { key, info: await this.info(name) };
  }

  async revoke(name: string): Promise<ApiKeyInfo> {
    const all = await this.all();
    const target = all.find((k) => k.name === name);
    if (!target) throw Errors.notFound('key', name);
    const admins = all.filter((k) => k.role === 'admin' && !k.revokedAt);
    if (target.role === 'admin' && !target.revokedAt && admins.length <= 1) throw lastAdmin('revoking');
    // NOTE: checked again under a lock by the query: another admin may have been revoked meanwhile
    const rows = await this.write('keys/revoke', { name, now: new Date().toISOString() });
    if (rows === 0) throw lastAdmin('revoking');
    await this.changed();
    return this.info(name);
  }

  private async info(name: string): Promise<ApiKeyInfo> {
    const k = (await this.all()).find((x) => x.name === name);
    if (!k) throw Errors.notFound('key', name);
    const { hash: _hash, ...info } = k;
    return info;
  }

  /** After a change made here: the cache is rebuilt before the caller answers. */
  private async changed(): Promise<void> {
    this.generation++;
    this.keyRing.replace(activeEntries(await this.all()));
  }

  private async bootstrap(): Promise<BootstrapConflict[]> {
    if (this.deps.bootstrap.length === 0) return [];
    return this.repo.bootstrap(
      this.deps.bootstrap.map((k) => ({ name: k.name, role: k.role, hash: hex(k.key) })),
    );
  }

  private async all(): Promise<StoredKey[]> {
    return this.repo.all();
  }

  private async write(name: 'keys/create' | 'keys/rotate' | 'keys/revoke', params: Params): Promise<number> {
    return this.repo.change(name, params);
  }
}

const lastAdmin = (doing: 'revoking' | 'rotating') =>
  Errors.conflict(
    `this is the last admin key in force; create another admin key before ${doing} it, or no one could ` +
      'manage keys any more',
    { reason: 'last_admin_key' },
  );

function activeEntries(keys: StoredKey[]): KeyEntry[] {
  return keys
    .filter((k) => !k.revokedAt && /^[0-9a-f]{64}$/.test(k.hash))
    .map((k) => ({
      hash: Buffer.from(k.hash, 'hex'),
      principal: {
        name: k.name,
        role: k.role,
        ...(k.rateLimitPerMin !== null ? { rateLimitPerMin: k.rateLimitPerMin } : {}),
      },
    }));
}
