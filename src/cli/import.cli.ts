// npm run import -- DIR: validates every NDJSON file of DIR first, then loads them at bulk speed (offline importer
// into an empty bundled database, parallel batched writes otherwise). Nothing is written if any record is bad.
import { Errors } from '../shared/errors.js';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { connect } from '../store/neo4j-driver.js';
import { applySchema } from '../store/schema.js';
import { startBundledNeo4j, stopBundledNeo4j } from '../bundled/bundled-neo4j.js';
import { withLocalSecret } from '../bundled/local-secret.js';
import {
  importOffline,
  importOnline,
  inputFiles,
  unresolvedRefs,
  validateInput,
  type ImportError,
} from '../import/bulk-import.js';
import { cliContext, failCli } from './cli-context.js';
import path from 'node:path';

const program = new Command('import')
  .argument('<dir>', 'a directory of NDJSON files (every *.ndjson, in name order) or one NDJSON file')
  .option('--source <name>', 'source for records that name none', 'import')
  .option('--chunk <lines>', 'lines per validation chunk and per transaction of the online path', toInt, 5000)
  .option('--parallel <n>', 'concurrent transactions of the online path', toInt, 2)
  .option('--online', 'write through batched transactions even into an empty bundled database', false)
  .action(async (dir: string, opts: { source: string; chunk: number; parallel: number; online: boolean }) => {
    const started = performance.now();
    const config = withLocalSecret(loadConfig());
    const files = inputFiles(dir);
    const input = await validateInput(files, {
      idHmacSecret: config.idHmacSecret,
      source: opts.source,
      linesPerChunk: opts.chunk,
    });
    const validated = performance.now();
    if (input.errors.length > 0) return refuse(input.errors);

    const db = await connect(config);
    let empty: boolean;
    try {
      empty = (await countNodes(db.driver, db.database)) === 0;
    } finally {
      await db.close();
    }
    const offline = empty && !config.neo4j.uri && !opts.online;
    const records = input.records;
    // generic object: the JSON summary printed, members added by the path taken
    const summary: Record<string, unknown> = { input: dir, files: files.length, records };
    if (offline) {
      const missing = await unresolvedRefs(input, undefined);
      if (missing.length > 0) return refuse(missing);
      const b = config.neo4j.bundled;
      await stopBundledNeo4j(b.dataDir);
      const res = await importOffline(input.batches, {
        dataDir: b.dataDir,
        workDir: path.join(path.resolve(b.dataDir), 'import-work'),
      });
      const t0 = performance.now();
      const server = await startBundledNeo4j(b);
      const started2 = performance.now();
      const again = await connect(config);
      try {
        await applySchema(again.driver, again.database);
      } finally {
        await again.close();
      }
      Object.assign(summary, {
        path: 'offline importer',
        uri: server.uri,
        nodes: res.nodes,
        relationships: res.relationships,
        seconds: {
          validate: secs(validated - started),
          graph: round(res.seconds.graph),
          csv: round(res.seconds.csv),
          importer: round(res.seconds.importer),
          restart: secs(started2 - t0),
          schema: secs(performance.now() - started2),
        },
      });
    } else {
      const ctx = await cliContext();
      try {
        const missing = await unresolvedRefs(input, (ids) => ctx.ingest.knownActors(ids));
        if (missing.length > 0) return refuse(missing);
        const t0 = performance.now();
        const w = await importOnline(ctx.ingest, input.batches, { parallel: opts.parallel });
        Object.assign(summary, {
          path: empty ? 'batched writes (--online)' : 'batched writes (the database holds data)',
          nodesCreated: w.nodesCreated,
          relationshipsCreated: w.relationshipsCreated,
          seconds: { validate: secs(validated - started), write: secs(performance.now() - t0) },
        });
      } finally {
        await ctx.close();
      }
    }
    const total = (performance.now() - started) / 1000;
    summary.totalSeconds = round(total);
    summary.recordsPerSecond = Math.round(records / total);
    console.log(JSON.stringify(summary));
  });

function refuse(errors: ImportError[]): void {
  for (const e of errors.slice(0, 50))
    console.error(`rejected: ${e.file}:${e.line ?? '?'} ${e.type} ${e.id ?? ''} ${e.field}: ${e.message}`);
  if (errors.length > 50) console.error(`... and ${errors.length - 50} more`);
  console.error(`nothing was written: ${errors.length} error(s); fix the records above`);
  process.exitCode = 1;
}

async function countNodes(driver: import('neo4j-driver').Driver, database?: string): Promise<number> {
  const res = await driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database, routing: 'READ' });
  return Number(res.records[0]?.get('n') ?? 0);
}

function toInt(v: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n) || n < 1) throw Errors.badRequest(`not a positive integer: ${v}`);
  return n;
}
const round = (s: number) => Math.round(s * 100) / 100;
const secs = (ms: number) => round(ms / 1000);

program.parseAsync().catch((e: unknown) => failCli('import', e));
