// Bundles report.html's script (graphology, sigma, ForceAtlas2 and the page code) with esbuild: at `npm run build`
// into dist/, and under tsx (tests, CLIs) in memory, so a change to the page shows without a build.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPORT_SCRIPT_BUILD_FILE } from '../build-output.js';
import { PROJECT_ROOT } from '../project-root.js';
import { Errors } from '../shared/errors.js';

// NOTE: the page script is plain JavaScript; tsc does not compile it, esbuild reads it from the sources.
const ENTRY = path.join(PROJECT_ROOT, 'src', 'export', 'report-page.browser.js');

/** The page must open with no network access, so the whole script is one file, to be inlined. */
export async function bundleReportScript(): Promise<string> {
  const res = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'inline',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = res.outputFiles[0]?.text;
  if (!js) throw Errors.internal('esbuild produced no output for the report script');
  return js;
}

/** Writes the bundle where the compiled service reads it (npm run build), or to `file`. */
export async function buildReportScript(
  file: string = REPORT_SCRIPT_BUILD_FILE,
): Promise<{ file: string; bytes: number; ms: number }> {
  const started = Date.now();
  const js = await bundleReportScript();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, js);
  return { file, bytes: Buffer.byteLength(js), ms: Date.now() - started };
}
