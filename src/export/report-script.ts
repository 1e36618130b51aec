// Bundles report.html's script (graphology, sigma, ForceAtlas2 and the page code) with esbuild, once per process.
import { Errors } from '../shared/errors.js';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../project-root.js';

// NOTE: the page script is plain JavaScript bundled at run time, so it is read from the sources even when the
// service runs compiled (dist/ holds no copy of it).
const ENTRY = path.join(PROJECT_ROOT, 'src', 'export', 'report-page.browser.js');

/**
 * The page must open with no network access, so the whole script is inlined. Building takes a few hundred
 * milliseconds, so the first export pays it and the result is kept in memory; a failed build is not kept.
 */
export class ReportScript {
  private pending: Promise<string> | undefined;

  get(): Promise<string> {
    this.pending ??= bundle().catch((e: unknown) => {
      this.pending = undefined;
      throw e;
    });
    return this.pending;
  }
}

async function bundle(): Promise<string> {
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
  return inlineSafe(js);
}

/**
 * Inside <script>, the HTML parser ends the element at the first "</script" whatever the JS means by it, and
 * "<!--" switches it into an escaped state. Both can only occur in JS strings, regexes or comments, where a
 * backslash before "/" or "!" leaves the meaning unchanged.
 */
export function inlineSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
