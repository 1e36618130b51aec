// npm run ingest -- FILE.ndjson: streams a file through the same validation and write path as POST /v1/ingest.
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ingestFile } from '../ingest/file-ingest.js';
import { cliContext, failCli } from './cli-context.js';

const program = new Command('ingest')
  .argument('<file>', 'NDJSON file, one {"type": ...} record a line')
  .option(
    '--partial',
    'write the valid records and report the rejected ones (default: all-or-nothing)',
    false,
  )
  .option('--source <name>', 'source for records that name none', 'cli')
  .option('--chunk <lines>', 'lines per transaction', (v) => Number.parseInt(v, 10), 5000)
  .option('--no-progress', 'no progress bar')
  .action(
    async (file: string, opts: { partial: boolean; source: string; chunk: number; progress: boolean }) => {
      const ctx = await cliContext();
      try {
        const bar =
          opts.progress && process.stderr.isTTY
            ? new cliProgress.SingleBar(
                { format: ' {phase} [{bar}] {percentage}% | {value}/{total} bytes | {eta}s' },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
        let phase = '';
        const res = await ingestFile(ctx.ingest, file, {
          partial: opts.partial,
          source: opts.source,
          linesPerChunk: opts.chunk,
          idHmacSecret: ctx.config.idHmacSecret,
          knownActors: (ids) => ctx.ingest.knownActors(ids),
          onProgress: (done, total, p) => {
            if (!bar) return;
            if (p !== phase) {
              if (phase) bar.stop();
              phase = p;
              bar.start(total, 0, { phase: p.padEnd(8) });
            }
            bar.update(done, { phase: p.padEnd(8) });
          },
        });
        bar?.stop();
        for (const e of res.rejected.slice(0, 50)) {
          console.error(`rejected: line ${e.line ?? '?'} ${e.type} ${e.id ?? ''} ${e.field}: ${e.message}`);
        }
        if (res.rejected.length > 50) console.error(`... and ${res.rejected.length - 50} more`);
        const summary = {
          file,
          lines: res.lines,
          records: res.records,
          accepted: res.accepted,
          rejected: res.rejected.length,
          nodesCreated: res.written.nodesCreated,
          relationshipsCreated: res.written.relationshipsCreated,
          seconds: Math.round(res.seconds * 100) / 100,
          recordsPerSecond: Math.round(res.accepted / res.seconds),
        };
        console.log(JSON.stringify(summary));
        process.exitCode = res.rejected.length > 0 && !opts.partial ? 1 : 0;
        if (res.rejected.length > 0 && !opts.partial)
          console.error('nothing was written: fix the records above, or use --partial');
      } finally {
        await ctx.close();
      }
    },
  );

program.parseAsync().catch((e: unknown) => failCli('ingest', e));
