// report.html's script, ready to inline: read once per process from what `npm run build` bundled into dist/.
import { readFile } from 'node:fs/promises';
import { REPORT_SCRIPT_BUILD_FILE } from '../build-output.js';
import { Errors } from '../shared/errors.js';

/**
 * NOTE: compiled (npm start, the demo) the service reads the bundle `npm run build` wrote and never loads esbuild
 * (a dev dependency). Run from its TypeScript sources (tsx: the tests, the CLIs) it bundles the page from src/ on
 * first use instead, so an edit to the page never meets a stale dist/.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The first export pays the read (or the bundling) and the result is kept in memory; a failure is not kept. */
export class ReportScript {
  private pending: Promise<string> | undefined;

  /** `file`: a bundle to read instead (tests of the built file); by default the build's, or the sources under tsx. */
  constructor(private readonly file?: string) {}

  get(): Promise<string> {
    this.pending ??= this.load().then(inlineSafe, (e: unknown) => {
      this.pending = undefined;
      throw e;
    });
    return this.pending;
  }

  private async load(): Promise<string> {
    if (this.file === undefined && FROM_SOURCES) {
      const { bundleReportScript } = await import('./report-script.build.js');
      return bundleReportScript();
    }
    const file = this.file ?? REPORT_SCRIPT_BUILD_FILE;
    try {
      return await readFile(file, 'utf8');
    } catch (e) {
      throw Errors.internal(
        `the export viewer's script is not built (${file}: ${(e as Error).message}); run npm run build`,
      );
    }
  }
}

/**
 * Inside <script>, the HTML parser ends the element at the first "</script" whatever the JS means by it, and
 * "<!--" switches it into an escaped state. Both can only occur in JS strings, regexes or comments, where a
 * backslash before "/" or "!" leaves the meaning unchanged.
 */
export function inlineSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
