// For the bundled development database only: a random ID-number HMAC secret kept beside the data, so the demo
// and the CLIs hash the same ID number the same way across runs without any set-up.
import { Errors } from '../shared/errors.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file in the bundled database's directory that keeps the secret (a backup carries it). */
export const LOCAL_SECRET_FILE = 'id-hmac-secret';
/** The file beside it that keeps the export signing key generated for the bundled database (export/signing-key.ts). */
export const LOCAL_KEY_FILE = 'export-signing-key.pem';

/** What the secret needs of the configuration (config.ts imports the signing key, which imports this: no import back). */
export interface LocalSecretConfig {
  idHmacSecret?: string;
  neo4j: { uri?: string; bundled: { dataDir: string } };
}

export function withLocalSecret<C extends LocalSecretConfig>(config: Readonly<C>): Readonly<C> {
  if (config.idHmacSecret) return config;
  if (config.neo4j.uri) {
    throw Errors.invalidConfig(
      'RINGMAP_ID_HMAC_SECRET is required when NEO4J_URI points at a server (ID numbers must hash the same everywhere)',
    );
  }
  const dir = path.resolve(config.neo4j.bundled.dataDir);
  const file = path.join(dir, LOCAL_SECRET_FILE);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Object.freeze({ ...config, idHmacSecret: readFileSync(file, 'utf8').trim() });
}
