// The Ed25519 key that signs evidence-bundle manifests: read from config, or kept beside the bundled database.
import { Errors } from '../shared/errors.js';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { LOCAL_KEY_FILE } from '../bundled/local-secret.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIGNING_KEY_VARIABLE = 'RINGMAP_EXPORT_SIGNING_KEY';

export interface ExportSigner {
  publicKeyPem: string;
  /** `sha256:` + hex of the DER SubjectPublicKeyInfo, so a key can be compared by a short string. */
  fingerprint: string;
  sign(data: Buffer): Buffer;
}

/**
 * Turns the variable's value into a PEM PKCS8 Ed25519 private key: the PEM itself (literal `\n` accepted, as
 * environment files often hold one line) or `file:/path` / `file:///path`. Throws a message fit for a config error.
 */
export function resolveSigningKeyValue(raw: string): string {
  let pem = raw.trim();
  if (pem.startsWith('file:')) {
    const file = pem.startsWith('file://') ? fileURLToPath(pem) : pem.slice('file:'.length);
    try {
      pem = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw Errors.invalidConfig(
        `cannot read key file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
        e,
      );
    }
  } else if (!pem.includes('\n')) {
    pem = pem.replace(/\\n/g, '\n');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw Errors.invalidConfig(
      'is not a PEM private key (expected PKCS8 Ed25519, "-----BEGIN PRIVATE KEY-----")',
      e,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw Errors.invalidConfig(`must be an Ed25519 private key, not ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return `${key.export({ format: 'pem', type: 'pkcs8' }).toString().trim()}\n`;
}

export function signerFromPem(privatePem: string): ExportSigner {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return {
    publicKeyPem,
    fingerprint: fingerprintOf(publicKey),
    sign: (data) => sign(null, data, privateKey),
  };
}

export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ format: 'der', type: 'spki' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

export function verifySignature(data: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * The configured key; else, with the bundled database only, one generated once and kept in its data directory
 * (like the ID-number secret), so bundles exported on one development machine verify against one key.
 * undefined: a configured server with no key; exports then refuse with an error naming the variable.
 */
/** What the signer needs of the configuration (config.ts resolves the key with this module, so no import back). */
export interface SignerConfig {
  exportSigningKey?: string;
  neo4j: { uri?: string; bundled: { dataDir: string } };
}

export function loadExportSigner(config: Readonly<SignerConfig>): ExportSigner | undefined {
  if (config.exportSigningKey) return signerFromPem(config.exportSigningKey);
  if (config.neo4j.uri) return undefined;
  const dir = path.resolve(config.neo4j.bundled.dataDir);
  const file = path.join(dir, LOCAL_KEY_FILE);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, generateSigningKeyPem(), { mode: 0o600 });
  return signerFromPem(resolveSigningKeyValue(readFileSync(file, 'utf8')));
}
