// npm run triage -- FILE.ndjson: triage every complaint/claim line of a file against the known rings, writing one
// JSON line per record (the same answer as POST /v1/score); invalid lines get an error line, never a crash.
import { Errors } from '../shared/errors.js';
import { Command } from 'commander';
import { ndjsonChunks } from '../ingest/ndjson-file.js';
import { incomingOf } from '../triage/triage.routes.js';
import { ScoreBody } from '../triage/triage.schema.js';
import { cliContext, failCli } from './cli-context.js';

const program = new Command('triage')
  .argument('<file>', 'NDJSON file of {"type": "complaint"|"claim", ...} records')
  .action(async (file: string) => {
    const ctx = await cliContext();
    let n = 0;
    let bad = 0;
    try {
      for await (const chunk of ndjsonChunks(file, 1000)) {
        const lines = chunk.text.split('\n');
        for (let i = 0; i < lines.length; i++) {
          const text = lines[i]!.trim();
          if (!text) continue;
          const line = chunk.firstLine + i;
          try {
            const parsed = ScoreBody.safeParse(JSON.parse(text));
            if (!parsed.success)
              throw Errors.badRequest(
                parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
              );
            const result = await ctx.triage.score(incomingOf(parsed.data));
            process.stdout.write(
              JSON.stringify({ line, id: parsed.data.id, type: parsed.data.type, ...result }) + '\n',
            );
            n++;
          } catch (e) {
            bad++;
            process.stdout.write(JSON.stringify({ line, error: (e as Error).message }) + '\n');
          }
        }
      }
      console.error(`triage: ${n} records scored, ${bad} invalid`);
      process.exitCode = bad > 0 ? 1 : 0;
    } finally {
      await ctx.close();
    }
  });

program.parseAsync().catch((e: unknown) => failCli('triage', e));
