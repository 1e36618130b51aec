// npm run db:start | db:stop | db:jars — the bundled Neo4j for development.
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { backupBundled, restoreBundled, type BackupResult } from '../bundled/bundled-backup.js';
import {
  ensureJars,
  MissingToolError,
  startBundledNeo4j,
  stopBundledNeo4j,
} from '../bundled/bundled-neo4j.js';

const program = new Command('db').description('the bundled Neo4j 5.26 Community');
const config = () => loadConfig();

program
  .command('start')
  .description('start the bundled Neo4j in the background (reuses a running one) and print its URI')
  .action(async () => {
    const b = config().neo4j.bundled;
    const db = await startBundledNeo4j(b, (l) => console.error(l));
    console.log(db.uri);
    console.error(
      db.reused
        ? `reused running Neo4j (pid ${db.pid})`
        : `started Neo4j (pid ${db.pid}); stop it with npm run db:stop`,
    );
    process.exit(0);
  });

program
  .command('stop')
  .description('stop the bundled Neo4j')
  .action(async () => {
    const stopped = await stopBundledNeo4j(config().neo4j.bundled.dataDir);
    console.log(stopped ? 'stopped' : 'not running');
  });

program
  .command('jars')
  .description('resolve the Neo4j jars from Maven Central')
  .action(() => {
    ensureJars((l) => console.error(l));
    console.log('jars ready');
  });

/** Backups are of the bundled database; a configured server has its own tools (README, "Backups"). */
function bundledOnly(what: string) {
  const c = config();
  if (c.neo4j.uri)
    throw new Error(
      `db:${what} works on the bundled Neo4j; NEO4J_URI points at a server: use its own neo4j-admin database ` +
        `dump/load (or online backup on Enterprise / Aura), see the README section "Backups"`,
    );
  return c.neo4j.bundled;
}

const summary = (what: string, r: BackupResult) => {
  for (const f of r.manifest.files)
    console.log(`  ${f.name.padEnd(26)} ${String(f.bytes).padStart(12)} bytes  sha256 ${f.sha256}`);
  console.log(
    `${what} ${r.dir}: neo4j-admin ${(r.adminMs / 1000).toFixed(1)} s, database unavailable ${(r.downtimeMs / 1000).toFixed(1)} s`,
  );
};

program
  .command('backup')
  .description(
    'dump the bundled database (stopped meanwhile, started again) with its secrets into a new directory',
  )
  .requiredOption('--out <dir>', 'a new or empty directory for the backup')
  .action(async (opts: { out: string }) => {
    summary('backed up to', await backupBundled(bundledOnly('backup'), opts.out, (l) => console.error(l)));
    process.exit(0);
  });

program
  .command('restore')
  .description('replace the bundled database with a backup (checked against its manifest first)')
  .argument('<dir>', 'a directory written by db:backup')
  .action(async (dir: string) => {
    summary('restored from', await restoreBundled(bundledOnly('restore'), dir, (l) => console.error(l)));
    process.exit(0);
  });

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof MissingToolError ? e.message : `db: ${(e as Error).message}`);
  process.exit(1);
});
