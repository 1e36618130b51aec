// npm run build's second step: bundles the analyst's console (web/) into dist/console with esbuild.
import { buildConsole } from '../console/console-build.js';
import { failCli } from './cli-context.js';

buildConsole().then(
  (b) => console.log(`console built into ${b.outDir} in ${b.ms} ms (${b.files.length} files)`),
  (e: unknown) => failCli('build-console', e),
);
