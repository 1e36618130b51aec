// Builds the analyst's console (web/) into static files with esbuild: one script, one stylesheet, index.html.
import { Errors } from '../shared/errors.js';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { CONSOLE_BUILD_DIR } from '../build-output.js';
import { PROJECT_ROOT } from '../project-root.js';

export const CONSOLE_SOURCE_DIR = path.join(PROJECT_ROOT, 'web');

export interface ConsoleBuild {
  outDir: string;
  files: string[];
  ms: number;
}

/**
 * Bundles web/main.ts (the console's modules; graphology, sigma and ForceAtlas2 in a chunk of their own that the ring
 * page imports) and web/console.css under content-hashed names, and writes index.html naming them, so the assets can
 * be cached for good and the page never loads a stale script. Nothing is inlined: the page's CSP allows scripts and styles from the origin only.
 */
export async function buildConsole(outDir: string = CONSOLE_BUILD_DIR): Promise<ConsoleBuild> {
  const started = Date.now();
  const assets = path.join(outDir, 'assets');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const res = await build({
    entryPoints: {
      app: path.join(CONSOLE_SOURCE_DIR, 'main.ts'),
      console: path.join(CONSOLE_SOURCE_DIR, 'console.css'),
    },
    entryNames: '[name]-[hash]',
    // the ring page's graph code (sigma, graphology, ForceAtlas2) is a chunk of its own, loaded when a ring opens
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outdir: assets,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const outputs = Object.keys(res.metafile.outputs).map((f) => path.basename(f));
  const script = outputs.find((f) => /^app-.*\.js$/.test(f));
  const style = outputs.find((f) => /^console-.*\.css$/.test(f));
  if (!script || !style) throw Errors.internal(`esbuild did not produce the console's script and stylesheet`);
  const html = readFileSync(path.join(CONSOLE_SOURCE_DIR, 'index.html'), 'utf8')
    .replace('%SCRIPT%', `assets/${script}`)
    .replace('%STYLE%', `assets/${style}`);
  writeFileSync(path.join(outDir, 'index.html'), html);
  return {
    outDir,
    files: ['index.html', ...readdirSync(assets).map((f) => `assets/${f}`)],
    ms: Date.now() - started,
  };
}
