// Where `npm run build` puts the browser code the service serves or inlines (bundled with esbuild at build time, so
// the compiled service loads no bundler): the analyst's console and the export viewer's script.
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.js';

/** The console (web/): index.html and its hashed assets (src/console/console-build.ts). */
export const CONSOLE_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'console');
/** report.html's script: graphology, sigma, ForceAtlas2 and the page code (src/export/report-script.build.ts). */
export const REPORT_SCRIPT_BUILD_FILE = path.join(PROJECT_ROOT, 'dist', 'export', 'report-page.js');
