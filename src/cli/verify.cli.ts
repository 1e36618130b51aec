// npm run verify -- FILE.zip --public-key PEM_FILE | --trust-embedded-key: checks an evidence bundle; exit 0/1.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { verifyBundle } from '../export/bundle-verify.js';

const program = new Command('verify')
  .argument('<bundle>', 'the evidence bundle (.zip)')
  .option(
    '--public-key <file>',
    'PEM public key published by the exporting server (GET /.well-known/ringmap-export-key)',
  )
  .option(
    '--trust-embedded-key',
    'without --public-key: check against the key inside the bundle (internal consistency only, not who signed it)',
  )
  .option('--json', 'print the full result as JSON')
  .action(async (file: string, opts: { publicKey?: string; trustEmbeddedKey?: boolean; json?: boolean }) => {
    const key = opts.publicKey ? readFileSync(opts.publicKey, 'utf8') : undefined;
    const v = await verifyBundle(readFileSync(file), key, {
      trustEmbeddedKey: opts.trustEmbeddedKey === true,
    });
    if (opts.json) {
      console.log(JSON.stringify({ ...v, manifest: undefined }, null, 2));
    } else {
      const m = v.manifest;
      if (m) {
        console.log(`bundle:    ring ${m.ringId}, run ${m.runId}, ringmap ${m.ringmapVersion}`);
        console.log(`exported:  ${m.exportedAt} by ${m.exportedBy}`);
      }
      for (const f of v.files)
        console.log(`  ${f.status === 'ok' ? 'ok      ' : f.status.padEnd(8)}  ${f.name}`);
      for (const n of v.extra) console.log(`  extra     ${n}`);
      console.log(
        `signature: ${v.signature}${v.keyFingerprint ? ` (key ${v.keyFingerprint}, ${v.keySource})` : ''}`,
      );
      for (const w of v.warnings) console.log(`warning:   ${w}`);
      for (const p of v.problems) console.log(`ALTERED:   ${p}`);
      console.log(
        !v.ok
          ? `FAILED: ${v.problems.length} problem(s); do not rely on this bundle as it is.`
          : v.keySource === 'embedded'
            ? 'CONSISTENT: every file matches the manifest, signed by the key the bundle names; pass --public-key ' +
              "with the server's published key (GET /.well-known/ringmap-export-key) to know who signed it."
            : 'OK: every file matches the manifest and the manifest signature is valid for the key given.',
      );
    }
    process.exitCode = v.ok ? 0 : 1;
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`verify: ${(e as Error).message}`);
  process.exit(1);
});
