// npm run db:start | db:stop | db:jars — the bundled Neo4j for development.
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { ensureJars, MissingToolError, startBundledNeo4j, stopBundledNeo4j } from '../store/bundled-neo4j.js';

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

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof MissingToolError ? e.message : `db: ${(e as Error).message}`);
  process.exit(1);
});
