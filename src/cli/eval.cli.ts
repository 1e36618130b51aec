// npm run eval -- --truth DIR/truth.json [--run ID]: detection quality of a run against a seed world's ground truth.
import { Errors } from '../shared/errors.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_DETECTION_PARAMS, evaluate } from '../analytics/index.js';
import { cliContext, failCli } from './cli-context.js';

interface Truth {
  rings: { id: string; typology: string; signature?: string; actorIds: string[] }[];
  noise?: { incidents?: { institution: string; actorIds: string[] }[] };
  honestActorCount: number;
}

const program = new Command('eval')
  .requiredOption('--truth <file>', 'truth.json written by npm run seed')
  .option('--run <id>', 'run to evaluate (default: the latest succeeded run)')
  .action(async (opts: { truth: string; run?: string }) => {
    const truth = JSON.parse(readFileSync(opts.truth, 'utf8')) as Truth;
    const ctx = await cliContext();
    try {
      const runId = opts.run ?? (await ctx.runs.latestSucceeded());
      if (!runId)
        throw Errors.internal('no succeeded run to evaluate: start one with POST /v1/runs or npm run demo');
      const run = await ctx.runs.get(runId);
      if (!run) throw Errors.notFound('run', runId);
      const rings = (await ctx.handle.read('rings/run-rings', { runId })).map((r) => ({
        id: r.id as string,
        score: Number(r.score),
        actorIds: r.actorIds as string[],
      }));
      const reportMinScore = Number(
        (run.params as { reportMinScore?: number }).reportMinScore ?? DEFAULT_DETECTION_PARAMS.reportMinScore,
      );
      const ringActorIds = new Set(truth.rings.flatMap((r) => r.actorIds));
      const result = evaluate(rings, truth, {
        reportMinScore,
        honestActorCount: truth.honestActorCount,
        ringActorIds,
      });
      console.log(JSON.stringify({ runId, params: run.params, ...result }, null, 2));
    } finally {
      await ctx.close();
    }
  });

program.parseAsync().catch((e: unknown) => failCli('eval', e));
