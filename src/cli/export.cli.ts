// npm run export -- RING_ID --out FILE [--format bundle]: the same evidence export as GET /v1/rings/:id/export.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { EXPORT_FORMATS, type ExportFormat } from '../export/export.types.js';
import { cliContext, failCli } from './cli-context.js';

const program = new Command('export')
  .argument('<ringId>', 'ring id from the latest succeeded run, e.g. R-0123456789')
  .requiredOption('--out <file>', 'where to write the export')
  .addOption(new Option('--format <format>', 'what to export').choices(EXPORT_FORMATS).default('bundle'))
  .addOption(new Option('--table <table>', 'which table --format csv writes').choices(['nodes', 'edges']))
  .option(
    '--as <name>',
    'who exports (recorded with the export and in the manifest)',
    `cli:${userInfo().username}`,
  )
  .action(
    async (
      ringId: string,
      opts: { out: string; format: ExportFormat; table?: 'nodes' | 'edges'; as: string },
    ) => {
      // a bundle signed with a throwaway key would prove nothing: against a configured Neo4j the key must be set
      loadConfig(process.env, { require: { signingKey: opts.format === 'bundle' } });
      const ctx = await cliContext();
      try {
        const out = await ctx.exports.export({ ringId, format: opts.format, table: opts.table, by: opts.as });
        writeFileSync(opts.out, out.data);
        console.log(
          JSON.stringify(
            { exportId: out.id, file: opts.out, bytes: out.data.length, sha256: out.sha256 },
            null,
            2,
          ),
        );
      } finally {
        await ctx.close();
      }
    },
  );

program.parseAsync().catch((e: unknown) => failCli('export', e));
