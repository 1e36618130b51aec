// The manifest of an evidence bundle: what was exported, by whom, from which run, and the hash of every file.
import { createHash } from 'node:crypto';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_FORMAT = 'ringmap-evidence-bundle/1';

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  ringmapVersion: string;
  ringId: string;
  runId: string;
  /** The run's recorded parameters (seed, resolution, thresholds, weights): with the same data they reproduce it. */
  runParams: unknown;
  exportedAt: string;
  /** The exporting API key's name (never the key), or the CLI user. */
  exportedBy: string;
  files: ManifestFile[];
  /** Distinct sources of the exported nodes and links. */
  sources: string[];
  signature: { algorithm: 'Ed25519'; file: typeof SIGNATURE_FILE; encoding: 'base64'; signs: string };
  /**
   * The signing key, for convenience only: a signature checked against a key taken from the bundle itself
   * proves that the bundle is internally consistent, not who made it. Check against the published key.
   */
  publicKey: string;
  publicKeyFingerprint: string;
  /**
   * The audit trail's hash chain head when the bundle was made (`npm run audit:verify -- --head SEQ:HASH` checks
   * later that the trail up to there is unchanged); null when the exporting context keeps no audit trail.
   */
  auditChainHead: { seq: number; hash: string } | null;
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export function manifestFile(name: string, data: Buffer): ManifestFile {
  return { name, sha256: sha256Hex(data), bytes: data.length };
}

/** Two-space JSON with a final newline; the signature covers exactly these bytes. */
export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}
