// Run before `npm test` (the `pretest` script): makes the Python venv of the interop tests' independent readers
// (networkx, openapi-spec-validator, pinned in test/interop/requirements.txt), so the README's test command sets up
// everything it needs besides the system packages the README lists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { venvDir } from './interop-tools.js';

const REQUIREMENTS = 'test/interop/requirements.txt';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}); the interop tests need ` +
        `python3 with venv (apt-get install python3-venv)`,
    );
  }
}

const venv = venvDir();
const python = path.join(venv, 'bin', 'python');
if (!existsSync(python)) {
  console.log(`pretest: creating ${venv}`);
  run('python3', ['-m', 'venv', venv]);
}
run(path.join(venv, 'bin', 'pip'), ['install', '-q', '--disable-pip-version-check', '-r', REQUIREMENTS]);
