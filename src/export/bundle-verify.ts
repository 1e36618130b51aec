// Verifies an evidence bundle: every file against the manifest's hashes, and the manifest against its signature.
import { Errors } from '../shared/errors.js';
import { MANIFEST_FILE, SIGNATURE_FILE, sha256Hex, type Manifest } from './bundle-manifest.js';
import { fingerprintOf, verifySignature } from './signing-key.js';
import { unzipFiles } from './zip-archive.js';

export type FileStatus = 'ok' | 'altered' | 'missing' | 'unreadable';

export interface FileCheck {
  name: string;
  status: FileStatus;
  expected?: string;
  actual?: string;
  detail?: string;
}

export interface BundleVerification {
  ok: boolean;
  signature: 'valid' | 'invalid' | 'missing' | 'unchecked';
  /** Where the key the signature was checked against came from. */
  keySource: 'given' | 'embedded' | 'none';
  keyFingerprint?: string;
  files: FileCheck[];
  /** Files in the archive the manifest does not list. */
  extra: string[];
  /** Plain sentences, each naming the file concerned; empty when ok. */
  problems: string[];
  warnings: string[];
  manifest?: Manifest;
}

/**
 * Pure apart from reading the archive in memory. `publicKeyPem` is the key published by the exporting server
 * (GET /.well-known/ringmap-export-key); without it the bundle fails, unless `trustEmbeddedKey` asks for the key
 * embedded in the manifest, which only shows the bundle is internally consistent — whoever altered it could have
 * re-signed it with a key of their own.
 */
export async function verifyBundle(
  zip: Buffer,
  publicKeyPem?: string,
  opts: { trustEmbeddedKey?: boolean } = {},
): Promise<BundleVerification> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const result = (partial: Omit<BundleVerification, 'ok' | 'problems' | 'warnings'>): BundleVerification => ({
    ...partial,
    ok: problems.length === 0,
    problems,
    warnings,
  });

  let entries;
  try {
    entries = await unzipFiles(zip);
  } catch (e) {
    problems.push(`the file is not a readable ZIP archive (${(e as Error).message})`);
    return result({ signature: 'unchecked', keySource: 'none', files: [], extra: [] });
  }
  const byName = new Map<string, (typeof entries)[number]>();
  for (const e of entries) {
    if (byName.has(e.name)) problems.push(`${e.name}: appears more than once in the archive`);
    else byName.set(e.name, e);
  }

  const manifestEntry = byName.get(MANIFEST_FILE);
  if (!manifestEntry?.data) {
    problems.push(
      manifestEntry
        ? `${MANIFEST_FILE}: cannot be read (${manifestEntry.error ?? 'unreadable'})`
        : `${MANIFEST_FILE}: missing, so nothing in the bundle can be checked`,
    );
    return result({ signature: 'unchecked', keySource: 'none', files: [], extra: [...byName.keys()].sort() });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.files)) throw Errors.invalidBundle('it lists no files');
  } catch (e) {
    problems.push(`${MANIFEST_FILE}: altered — it is not a valid manifest (${(e as Error).message})`);
    return result({ signature: 'unchecked', keySource: 'none', files: [], extra: [] });
  }

  // signature over the exact manifest bytes
  let signature: BundleVerification['signature'] = 'missing';
  let keySource: BundleVerification['keySource'] = 'none';
  let keyFingerprint: string | undefined;
  const sigEntry = byName.get(SIGNATURE_FILE);
  let key = publicKeyPem;
  if (key) {
    keySource = 'given';
    try {
      keyFingerprint = fingerprintOf(key);
    } catch {
      problems.push('the public key given is not a PEM public key');
      key = undefined;
    }
    if (keyFingerprint && manifest.publicKeyFingerprint && manifest.publicKeyFingerprint !== keyFingerprint)
      warnings.push(
        `${MANIFEST_FILE} names signing key ${manifest.publicKeyFingerprint}, not the key given (${keyFingerprint})`,
      );
  } else if (typeof manifest.publicKey === 'string') {
    key = manifest.publicKey;
    keySource = 'embedded';
    // NOTE: a bundle altered and re-signed with another key passes against its own embedded key, so that check
    // proves nothing about who signed it unless the caller says it only wants internal consistency
    if (opts.trustEmbeddedKey)
      warnings.push(
        'no public key given: the signature was checked against the key inside the bundle, which only proves the ' +
          'bundle is internally consistent, not who signed it; pass the key published by the server',
      );
    else
      problems.push(
        'no public key given: a bundle is only as trustworthy as the key that checks it, and the key inside it ' +
          "could be anyone's; pass the key the exporting service publishes (GET /.well-known/ringmap-export-key), " +
          'or explicitly trust the embedded key to check internal consistency only',
      );
    try {
      keyFingerprint = fingerprintOf(key);
    } catch {
      problems.push(`${MANIFEST_FILE}: altered — its publicKey is not a PEM public key`);
      key = undefined;
    }
  }
  if (!sigEntry) {
    problems.push(`${SIGNATURE_FILE}: missing, so the manifest is unsigned`);
  } else if (!sigEntry.data) {
    problems.push(`${SIGNATURE_FILE}: cannot be read (${sigEntry.error ?? 'unreadable'})`);
    signature = 'invalid';
  } else if (key) {
    const sigText = sigEntry.data.toString('utf8').trim();
    const sig = /^[A-Za-z0-9+/]+={0,2}$/.test(sigText) ? Buffer.from(sigText, 'base64') : Buffer.alloc(0);
    signature = sig.length === 64 && verifySignature(manifestEntry.data, sig, key) ? 'valid' : 'invalid';
    if (signature === 'invalid')
      problems.push(
        `bad signature: ${SIGNATURE_FILE} does not sign ${MANIFEST_FILE} with key ${keyFingerprint ?? '?'} — ` +
          `${MANIFEST_FILE} or ${SIGNATURE_FILE} was altered, or another key signed it`,
      );
  } else {
    signature = 'unchecked';
  }

  // every listed file against its hash
  const files: FileCheck[] = [];
  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const f of manifest.files) {
    listed.add(f.name);
    const entry = byName.get(f.name);
    if (!entry) {
      files.push({ name: f.name, status: 'missing', expected: f.sha256 });
      problems.push(`${f.name}: missing from the archive (expected sha256 ${f.sha256})`);
    } else if (!entry.data) {
      files.push({ name: f.name, status: 'unreadable', expected: f.sha256, detail: entry.error });
      problems.push(`${f.name}: altered — its data cannot be read (${entry.error ?? 'unreadable'})`);
    } else {
      const actual = sha256Hex(entry.data);
      const ok = actual === f.sha256;
      files.push({ name: f.name, status: ok ? 'ok' : 'altered', expected: f.sha256, actual });
      if (!ok) problems.push(`${f.name}: altered — expected sha256 ${f.sha256}, found ${actual}`);
    }
  }
  const extra = [...byName.keys()].filter((n) => !listed.has(n)).sort();
  for (const n of extra) problems.push(`${n}: not listed in the manifest (added after signing)`);
  return result({ signature, keySource, keyFingerprint, files, extra, manifest });
}
