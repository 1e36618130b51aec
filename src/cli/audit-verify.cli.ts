// npm run audit:verify [-- --head SEQ:HASH] [--json]: walks the audit hash chain and names its first broken link; exit 0/1.
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { verifyChain } from '../audit/audit-chain.js';
import { AuditRepo } from '../audit/audit.repo.js';
import { CypherQueries } from '../store/cypher-queries.js';
import { Db } from '../store/db.js';
// NOTE: no ID-number secret needed: verification only reads the trail
import { connect } from '../store/neo4j-driver.js';
import { failCli } from './cli-context.js';

const program = new Command('audit:verify')
  .description(
    "checks the audit trail's hash chain in the configured database (the bundled one unless NEO4J_URI)",
  )
  .option(
    '--head <seq:hash>',
    "a head published earlier (an evidence bundle's manifest.auditChainHead) that must still be in the chain",
  )
  .option('--json', 'print the result as JSON')
  .action(async (opts: { head?: string; json?: boolean }) => {
    let expect: { seq: number; hash: string } | undefined;
    if (opts.head !== undefined) {
      const m = /^(\d+):([0-9a-f]{64})$/.exec(opts.head);
      if (!m)
        throw new Error(`--head must be SEQ:HASH (a number, a colon, 64 hex digits), not "${opts.head}"`);
      expect = { seq: Number(m[1]), hash: m[2]! };
    }
    const config = loadConfig();
    const db = await connect(config);
    try {
      const handle = new Db(db.driver, CypherQueries.load(), {
        database: db.database,
        timeoutMs: config.queryTimeoutMs,
      });
      const r = await verifyChain(new AuditRepo(handle), { expect });
      if (opts.json) console.log(JSON.stringify(r, null, 2));
      else {
        console.log(
          `entries:   ${r.entries} in the chain${r.preChain > 0 ? `, ${r.preChain} from before it began (not chained)` : ''}`,
        );
        console.log(`head:      seq ${r.head.seq} ${r.head.hash}`);
        console.log(
          r.firstBreak
            ? `BROKEN at seq ${r.firstBreak.seq}${r.firstBreak.entryId ? ` (entry ${r.firstBreak.entryId})` : ''}: ${r.firstBreak.message}`
            : `OK: every entry matches its hash and links to the one before it${expect ? `; seq ${expect.seq} still has the published hash` : ''}.`,
        );
      }
      process.exitCode = r.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  });

program.parseAsync().catch((e: unknown) => failCli('audit:verify', e));
