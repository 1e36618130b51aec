// Fails `npm run lint` when jscpd (pinned, configured in .jscpd.json: src, test, seed, bench at 6 lines) finds
// MAX_CLONES repeated blocks or more; lower the limit as blocks are removed, never raise it.
import { execFileSync } from 'node:child_process';
/* global console, process */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MAX_CLONES = 20;
const out = mkdtempSync(path.join(tmpdir(), 'ringmap-jscpd-'));
try {
  execFileSync('npx', ['jscpd', '--silent', '--reporters', 'json', '--output', out], { stdio: 'inherit' });
  const { duplicates } = JSON.parse(readFileSync(path.join(out, 'jscpd-report.json'), 'utf8'));
  for (const d of duplicates)
    console.log(
      `  ${d.lines} lines: ${d.firstFile.name}:${d.firstFile.start} ~ ${d.secondFile.name}:${d.secondFile.start}`,
    );
  console.log(`jscpd: ${duplicates.length} repeated blocks of 6+ lines (limit: fewer than ${MAX_CLONES})`);
  if (duplicates.length >= MAX_CLONES) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
