// npm run build's second step: bundles the browser code with esbuild into dist/: the analyst's console (web/) and
// the export viewer's script, so the compiled service reads built files and never loads esbuild.
import { buildConsole } from '../console/console-build.js';
import { buildReportScript } from '../export/report-script.build.js';
import { failCli } from './cli-context.js';

async function main(): Promise<void> {
  const c = await buildConsole();
  console.log(`console built into ${c.outDir} in ${c.ms} ms (${c.files.length} files)`);
  const r = await buildReportScript();
  console.log(`export viewer script built into ${r.file} in ${r.ms} ms (${r.bytes} bytes)`);
}

main().catch((e: unknown) => failCli('build-browser', e));
