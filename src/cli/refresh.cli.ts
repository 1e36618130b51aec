// npm run refresh: one detection run against the configured database (for cron / Kubernetes CronJob users),
// with a progress bar, a summary of what changed, and exit code 0 (succeeded) or 1 (failed or busy).
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { isDomainError } from '../shared/errors.js';
import { cliContext, failCli } from './cli-context.js';

const int = (v: string) => Number.parseInt(v, 10);

const program = new Command('refresh')
  .option('--seed <n>', 'Louvain seed', int)
  .option('--resolution <x>', 'Louvain resolution', Number.parseFloat)
  .option('--hub-threshold <n>', 'identifiers shared by more actors are hubs', int)
  .option('--top <n>', 'changes to list', int, 10)
  .option('--no-progress', 'no progress bar')
  .action(
    async (opts: {
      seed?: number;
      resolution?: number;
      hubThreshold?: number;
      top: number;
      progress: boolean;
    }) => {
      const ctx = await cliContext();
      try {
        const params = {
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.resolution !== undefined ? { resolution: opts.resolution } : {}),
          ...(opts.hubThreshold !== undefined ? { hubThreshold: opts.hubThreshold } : {}),
        };
        let runId: string;
        try {
          ({ runId } = await ctx.runs.start(params));
        } catch (e) {
          if (isDomainError(e, 'conflict')) {
            console.error(
              `refresh: run ${String(e.details.runId)} is already in progress (another instance holds the lease)`,
            );
            process.exitCode = 1;
            return;
          }
          throw e;
        }
        const bar =
          opts.progress && process.stderr.isTTY
            ? new cliProgress.SingleBar(
                { format: ' {stage} [{bar}] {percentage}%' },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
        bar?.start(100, 0, { stage: 'queued'.padEnd(10) });
        const done = ctx.runs.waitFor(runId);
        const poll = setInterval(() => {
          void ctx.runs
            .get(runId)
            .then((r) => r && bar?.update(Math.round(r.progress * 100), { stage: r.stage.padEnd(10) }));
        }, 500);
        const run = await done;
        clearInterval(poll);
        bar?.update(100, { stage: run.status.padEnd(10) });
        bar?.stop();
        if (run.status !== 'succeeded') {
          console.error(`refresh: run ${runId} failed: ${run.error}`);
          process.exitCode = 1;
          return;
        }
        const { counts, changes } = await ctx.runs.changes(runId, {
          includeUnchanged: false,
          limit: opts.top,
        });
        const stats = run.stats as {
          reportedRings?: number;
          candidateRings?: number;
          lineage?: { previousRunId: string | null; keptIds: number };
        };
        console.log(
          JSON.stringify({
            runId,
            stages: run.stages,
            candidateRings: stats.candidateRings,
            reportedRings: stats.reportedRings,
            previousRunId: stats.lineage?.previousRunId ?? null,
            ringsKeptTheirId: stats.lineage?.keptIds ?? 0,
            events: counts,
          }),
        );
        for (const c of changes as {
          ringId: string;
          event: string;
          sizeBefore: number;
          sizeAfter: number;
          scoreAfter: number | null;
          from: string[];
          into: string[];
        }[]) {
          const rel = c.into.length
            ? ` into ${c.into.join(', ')}`
            : c.from.length && c.event !== 'grew' && c.event !== 'shrank'
              ? ` from ${c.from.join(', ')}`
              : '';
          console.log(
            `  ${c.event.padEnd(9)} ${c.ringId} ${c.sizeBefore}→${c.sizeAfter} members, score ${c.scoreAfter?.toFixed(1) ?? '-'}${rel}`,
          );
        }
      } finally {
        await ctx.close();
      }
    },
  );

program.parseAsync().catch((e: unknown) => failCli('refresh', e));
