// VERIFY.txt: what an evidence bundle's signature covers and how to check it with openssl alone.
import { MANIFEST_FILE, SIGNATURE_FILE, type ManifestFile } from './bundle-manifest.js';

export const VERIFY_FILE = 'VERIFY.txt';
export const WELL_KNOWN_KEY_PATH = '/.well-known/ringmap-export-key';

/**
 * Plain text for whoever receives the bundle (a court, the defence) and has no ringmap: every command is openssl
 * (3.0 or later, for Ed25519 with -rawin), run in the directory the bundle was unzipped into. Lines that are
 * commands start with four spaces and `$ `; the test suite runs exactly those lines.
 */
export function verifyInstructions(m: {
  ringId: string;
  runId: string;
  exportedAt: string;
  exportedBy: string;
  ringmapVersion: string;
  fingerprint: string;
  files: ManifestFile[];
  auditChainHead?: { seq: number; hash: string } | null;
}): string {
  const hex = m.fingerprint.replace(/^sha256:/, '');
  const names = m.files.map((f) => f.name);
  return [
    'How to check this evidence bundle with openssl alone',
    '====================================================',
    '',
    `Ring ${m.ringId} of run ${m.runId}, exported ${m.exportedAt} by ${m.exportedBy} (ringmap ${m.ringmapVersion}).`,
    '',
    'What is signed',
    `  ${MANIFEST_FILE} lists every other file of this bundle (this one included) with its SHA-256.`,
    `  ${SIGNATURE_FILE} is an Ed25519 signature, in base64, over the exact bytes of ${MANIFEST_FILE}.`,
    '  A file whose SHA-256 matches the manifest, in a bundle whose manifest signature verifies under the',
    "  exporting service's public key, is exactly as that service exported it.",
    '',
    'The key',
    `  This bundle says it was signed by the key with fingerprint sha256:${hex}`,
    '  (the SHA-256 of the key in DER SubjectPublicKeyInfo form). Do not take the key from the bundle itself:',
    '  whoever altered a bundle could re-sign it with a key of their own. Get it from the exporting service,',
    `  which publishes it without any API key at ${WELL_KNOWN_KEY_PATH} (JSON: "publicKey" is the PEM,`,
    '  "fingerprint" the fingerprint; every ringmap run record also names it), or from the party that',
    '  handed you the bundle through another channel. Save the PEM as ringmap-export.pem, then:',
    '',
    '    $ openssl pkey -pubin -in ringmap-export.pem -outform DER | openssl dgst -sha256 -r',
    `  must print ${hex} *stdin`,
    '',
    '1. The signature over the manifest:',
    '',
    `    $ openssl base64 -d -A -in ${SIGNATURE_FILE} -out ${SIGNATURE_FILE}.bin`,
    `    $ openssl pkeyutl -verify -pubin -inkey ringmap-export.pem -rawin -in ${MANIFEST_FILE} -sigfile ${SIGNATURE_FILE}.bin`,
    '  must print "Signature Verified Successfully".',
    '',
    '2. Every file against the manifest:',
    '',
    `    $ openssl dgst -sha256 -r ${names.filter((n) => n !== VERIFY_FILE).join(' ')}`,
    `  must print exactly these lines (the same hashes as in ${MANIFEST_FILE}, which the signature covers):`,
    '',
    ...m.files.filter((f) => f.name !== VERIFY_FILE).map((f) => `  ${f.sha256} *${f.name}`),
    '',
    `  (This file's own hash is in ${MANIFEST_FILE} too: openssl dgst -sha256 -r ${VERIFY_FILE}.)`,
    '',
    'With ringmap installed, `npm run verify -- BUNDLE.zip --public-key ringmap-export.pem` does all of this.',
    '',
    ...auditLines(m.auditChainHead),
  ].join('\n');
}

/** What the audit chain head in the manifest is for; it is signed with the manifest, so it cannot be swapped. */
function auditLines(head: { seq: number; hash: string } | null | undefined): string[] {
  if (!head) return [];
  return [
    'The audit trail',
    '  The exporting service records every request (who read or changed what, when) in an audit trail whose',
    '  entries are hash-chained: each carries the SHA-256 of the one before it. When this bundle was made the',
    `  chain had ${head.seq} entries and its head (the last entry's hash) was`,
    `    ${head.hash}`,
    `  (manifest.json, "auditChainHead"). Anyone holding the service's database can later check that the trail up`,
    '  to that entry is unchanged, nothing removed, altered or slipped in:',
    `  npm run audit:verify -- --head ${head.seq}:${head.hash}`,
    '',
  ];
}
