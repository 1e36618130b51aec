// npm run demo: the main job on the embedded default. Starts the bundled Neo4j, generates and loads a seed
// world, detects rings, serves the API and prints where to look.
import { Errors } from '../shared/errors.js';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Command } from 'commander';
import { generateWorld } from '../../seed/world.generator.js';
import { loadConfig, parseApiKeys } from '../config.js';
import { createContext } from '../app-context.js';
import { ingestFile } from '../ingest/file-ingest.js';
import { createLogger } from '../logger.js';
import { withLocalSecret } from '../bundled/local-secret.js';
import { failCli } from './cli-context.js';

const program = new Command('demo')
  .option('--actors <n>', 'actors in the seed world', (v) => Number.parseInt(v, 10), 20_000)
  .option('--seed <n>', 'seed of the world and of detection', (v) => Number.parseInt(v, 10), 7)
  .option('--out <dir>', 'where the world files go', '.data/demo-world')
  .option('--no-serve', 'stop after detection instead of serving the API')
  .action(async (opts: { actors: number; seed: number; out: string; serve: boolean }) => {
    const base = loadConfig();
    const adminKey = randomBytes(24).toString('base64url');
    const analystKey = randomBytes(24).toString('base64url');
    const apiKeys =
      base.apiKeys.length > 0
        ? base.apiKeys
        : parseApiKeys(`admin:demo-admin:${adminKey},analyst:demo-analyst:${analystKey}`);
    const config = withLocalSecret(Object.freeze({ ...base, apiKeys }));
    const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
    const step = (s: string) => console.log(`• ${s}`);

    step(
      config.neo4j.uri
        ? `using Neo4j at ${config.neo4j.uri}`
        : 'starting the bundled Neo4j 5.26 (first run resolves its jars with Maven)...',
    );
    const ctx = await createContext(config, logger);
    step(`Neo4j ready at ${ctx.db.uri}`);

    step(`generating a seed world: ${opts.actors} actors, seed ${opts.seed} → ${opts.out}`);
    const world = generateWorld({ actors: opts.actors, seed: opts.seed });
    mkdirSync(opts.out, { recursive: true });
    const worldFile = path.join(opts.out, 'world.ndjson');
    const out = createWriteStream(worldFile);
    for (const r of world.records) {
      if (!out.write(JSON.stringify(r) + '\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    writeFileSync(path.join(opts.out, 'truth.json'), JSON.stringify(world.truth, null, 2));

    step(`loading ${world.records.length} records...`);
    const loaded = await ingestFile(ctx.ingest, worldFile, {
      partial: false,
      source: 'demo',
      linesPerChunk: 5000,
      idHmacSecret: config.idHmacSecret,
      knownActors: (ids) => ctx.ingest.knownActors(ids),
    });
    if (loaded.rejected.length > 0)
      throw Errors.internal(
        `the seed world has ${loaded.rejected.length} invalid records; first: ${JSON.stringify(loaded.rejected[0])}`,
      );
    step(
      `loaded ${loaded.accepted} records in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.accepted / loaded.seconds)} records/s)`,
    );

    step('detecting rings...');
    const { runId } = await ctx.runs.start({ seed: opts.seed });
    const run = await ctx.runs.waitFor(runId);
    if (run.status !== 'succeeded') throw Errors.runFailed(runId, run.error);
    const top = await ctx.reports.list({ limit: 5 });
    step(`run ${runId} succeeded: ${JSON.stringify(run.stages)}`);
    console.log('\nTop rings:');
    for (const r of top.rings) {
      console.log(
        `  ${r.id}  score ${r.score.toFixed(1).padStart(5)}  ${r.typology.padEnd(16)} ${r.size} members`,
      );
    }
    console.log(
      `\nGround truth for evaluation: npm run eval -- --truth ${path.join(opts.out, 'truth.json')}`,
    );

    if (!opts.serve) {
      await ctx.close();
      return;
    }
    const server = ctx.app.listen(config.port, config.host);
    await once(server, 'listening');
    const url = `http://${config.host}:${config.port}`;
    const key = base.apiKeys.length > 0 ? '<one of RINGMAP_API_KEYS>' : adminKey;
    const first = (top.rings[0] as { id?: string } | undefined)?.id ?? 'R-...';
    console.log(`\nringmap is serving ${url}  (Ctrl-C to stop; Neo4j keeps running until npm run db:stop)`);
    if (base.apiKeys.length === 0)
      console.log(`admin key (this run only): ${adminKey}\nanalyst key (this run only): ${analystKey}`);
    console.log(
      base.apiKeys.length > 0
        ? `\nAnalyst console: ${url}/app  (sign in with one of RINGMAP_API_KEYS)`
        : `\nAnalyst console: ${url}/app  (sign in with the analyst key ${analystKey}, or the admin key)`,
    );
    console.log('\nTry:');
    console.log(`  curl -s -H "Authorization: Bearer ${key}" "${url}/v1/rings?limit=10"`);
    console.log(`  curl -s -H "Authorization: Bearer ${key}" "${url}/v1/rings/${first}"`);
    console.log(`  curl -s -H "Authorization: Bearer ${key}" "${url}/v1/runs/${runId}"`);
    const stop = () => server.close(() => void ctx.close().then(() => process.exit(0)));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program.parseAsync().catch((e: unknown) => failCli('demo', e));
