// npm run bench:console [-- --actors 200000 --repeat 5 --no-load]: how long after sign-in the console's ring list is
// interactive, in headless Chromium against the compiled service over a seed world loaded into a throwaway Neo4j
// (or, with --no-load, the world and runs already in the database at NEO4J_URI).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { chromium, type Browser } from 'playwright-core';
import {
  benchDb,
  startService,
  writeWorld,
  type BenchService,
  loadWorldFile,
  detectOnce,
  runBench,
} from './bench-support.js';

const CHROMIUM = '/usr/bin/chromium';
const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  actors: number;
  seed: number;
  repeat: number;
  load: boolean;
  screenshots?: string;
}

/** The list, and the first of the top rings whose near-identical texts differ (a disguised template), at 1280×800. */
async function screenshots(browser: Browser, base: string, key: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/app/`);
  await page.fill('#api-key', key);
  await page.click('#sign-in button[type="submit"]');
  await page.waitForSelector('#app[data-view="rings"][data-state="ready"] table.rings tbody tr');
  await page.waitForFunction(
    () =>
      !(
        globalThis as unknown as { document: { body: { innerText: string } } }
      ).document.body.innerText.includes('…'),
  );
  await page.screenshot({ path: path.join(dir, 'ring-list.png') });
  const ids = await page.locator('table.rings a.ring-link').allInnerTexts();
  for (const id of ids.slice(0, 20)) {
    await page.goto(`${base}/app/#/rings/${id}`);
    await page.waitForSelector('#app[data-view="ring"][data-state="ready"] #ring-history table');
    if ((await page.locator('#ring-templates mark.diff').count()) === 0) continue;
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(dir, 'ring-page.png') });
    await page.locator('#ring-templates').screenshot({ path: path.join(dir, 'ring-templates.png') });
    console.log(`screenshots of the list and of ring ${id} in ${dir}`);
    break;
  }
  await context.close();
}

const program = new Command('bench:console')
  .option('--actors <n>', 'actors in the seed world', int, 200_000)
  .option('--seed <n>', 'world seed', int, 7)
  .option('--repeat <n>', 'sign-ins measured, each in a fresh browser context (cold cache)', int, 5)
  .option(
    '--no-load',
    'use the world and runs already in the database at NEO4J_URI (loaded by an earlier run)',
  )
  .option(
    '--screenshots <dir>',
    'also save the list and the first ring page showing differing template texts',
  )
  .action(async (opts: Opts) => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is missing at ${CHROMIUM} (apt-get install chromium)`);
    const world = opts.load ? await writeWorld(opts.actors, opts.seed) : undefined;
    const db = await benchDb(6144);
    let server: BenchService | undefined;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    try {
      if (world) {
        const t0 = performance.now();
        const loaded = await loadWorldFile(db.ctx, world.file);
        console.log(`loaded ${loaded.accepted} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        // two runs, so the list's "since last run" column has lineage events to read
        for (let i = 0; i < 2; i++) await detectOnce(db.ctx, { seed: opts.seed });
      } else if (!(await db.ctx.runs.latestSucceeded())) {
        throw new Error('--no-load: the database at NEO4J_URI has no succeeded run to list');
      }
      server = await startService(db.ctx);
      const key = await server.createKey(`bench-console-${Date.now().toString(36)}`, 'analyst');
      const times: number[] = [];
      for (let i = 0; i < opts.repeat; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const calls: string[] = [];
        page.on('requestfinished', (r) => {
          const url = new URL(r.url());
          if (url.pathname.startsWith('/v1/'))
            calls.push(
              `${url.pathname.replace(/run-[0-9a-z-]+/, ':run')} ${Math.round(r.timing().responseEnd)} ms`,
            );
        });
        const opened = performance.now();
        await page.goto(`${server.base}/app/`);
        await page.waitForSelector('#app[data-view="sign-in"][data-state="ready"]');
        const pageMs = performance.now() - opened;
        await page.fill('#api-key', key);
        const start = performance.now();
        await page.click('#sign-in button[type="submit"]');
        await page.waitForSelector('#app[data-view="rings"][data-state="ready"] table.rings tbody tr');
        const ms = performance.now() - start;
        const rows = await page.locator('table.rings tbody tr').count();
        times.push(ms);
        console.log(
          `sign-in ${i + 1}: page ready ${Math.round(pageMs)} ms after opening it; ring list interactive ` +
            `${Math.round(ms)} ms after signing in (${rows} rings shown; ${calls.join(', ')})`,
        );
        await context.close();
      }
      if (opts.screenshots) await screenshots(browser, server.base, key, opts.screenshots);
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `ring list interactive after sign-in, ${opts.actors} actors: median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, ` +
          `worst ${Math.round(sorted[sorted.length - 1]!)} ms over ${times.length} sign-ins (the first in a fresh service)`,
      );
    } finally {
      await browser.close();
      await server?.stop();
      await db.stop();
      if (world) rmSync(world.dir, { recursive: true, force: true });
    }
  });

runBench(program);
