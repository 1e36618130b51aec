// The API keys' queries: the bootstrap from RINGMAP_API_KEYS, every stored key, and the changes made through /v1/keys.
import type { Role } from '../config.js';
import type { Db, Params, Row } from '../store/db.js';
import type { ApiKeyInfo } from './keys.schema.js';

export const KEY_QUERIES = [
  'keys/bootstrap',
  'keys/all',
  'keys/create',
  'keys/rotate',
  'keys/revoke',
] as const;

export interface StoredKey extends ApiKeyInfo {
  hash: string;
}

/** A bootstrap key that was not recorded as given (revoked, or stored with another hash or role). */
export interface BootstrapConflict {
  name: string;
  revoked: boolean;
}

export class ApiKeyRepo {
  constructor(private readonly db: Db) {
    db.require(KEY_QUERIES);
  }

  async bootstrap(keys: { name: string; role: Role; hash: string }[]): Promise<BootstrapConflict[]> {
    const rows = await this.db.write('keys/bootstrap', { keys, now: new Date().toISOString() });
    return rows
      .filter((r) => r.revoked === true || r.sameHash !== true || r.sameRole !== true)
      .map((r) => ({ name: r.name as string, revoked: r.revoked === true }));
  }

  async all(): Promise<StoredKey[]> {
    const rows = await this.db.inRead((tx) => tx.run('keys/all', {}));
    return rows.map((r) => {
      const k = r.key as Row;
      return {
        name: k.name as string,
        role: k.role as Role,
        origin: k.origin === 'api' ? 'api' : 'env',
        rateLimitPerMin: typeof k.rateLimitPerMin === 'number' ? k.rateLimitPerMin : null,
        createdAt: (k.createdAt as string | null) ?? null,
        rotatedAt: (k.rotatedAt as string | null) ?? null,
        revokedAt: (k.revokedAt as string | null) ?? null,
        hash: k.hash as string,
      };
    });
  }

  /** Runs one of keys/create, keys/rotate, keys/revoke; the number of keys it changed. */
  async change(name: 'keys/create' | 'keys/rotate' | 'keys/revoke', params: Params): Promise<number> {
    return (await this.db.write(name, params)).length;
  }
}
