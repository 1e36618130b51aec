// npm run chaos [-- --rounds 3 --seed 42 --actors 2000 --compiled]: SIGKILLs Neo4j at seeded random moments while
// ingest, reads and a detection run go on, and the service during a run, round after round; checks what a client
// may rely on afterwards and prints a verdict (exit code 1 on any violation). Replay a failure with its --seed.
import { randomInt } from 'node:crypto';
import { Command } from 'commander';
import { runChaos } from './chaos-session.js';
import { RECOVERY_BOUND_MS } from './chaos-round.js';
import { runBench } from './bench-support.js';

const int = (v: string) => Number.parseInt(v, 10);

interface Opts {
  rounds: number;
  seed: number;
  actors: number;
  compiled: boolean;
  serviceKill: boolean;
  keep: boolean;
}

const program = new Command('chaos')
  .option('--rounds <n>', 'rounds (a Neo4j kill and a service kill each)', int, 3)
  .option('--seed <n>', 'seed of the kill points (default: a random one, printed)', int)
  .option('--actors <n>', 'actors of the seed world loaded first', int, 2000)
  .option('--compiled', 'run the compiled service (npm run build first) instead of tsx', false)
  .option('--no-service-kill', 'do not SIGKILL the service')
  .option('--keep', "keep the work directory (Neo4j's data, the service log)", false)
  .action(async (opts: Opts) => {
    const seed = opts.seed ?? randomInt(1, 2 ** 31 - 1);
    const t0 = Date.now();
    console.log(
      `chaos: seed ${seed}, ${opts.rounds} rounds (replay: npm run chaos -- --seed ${seed} --rounds ${opts.rounds})`,
    );
    const result = await runChaos({
      rounds: opts.rounds,
      seed,
      actors: opts.actors,
      compiled: opts.compiled,
      killService: opts.serviceKill,
      keep: opts.keep,
      log: (line) => console.log(line),
    });
    const minutes = ((Date.now() - t0) / 60_000).toFixed(1);
    if (result.violations.length === 0) {
      console.log(
        `chaos: PASSED in ${minutes} min: ${opts.rounds} rounds, every acknowledged record there exactly once, every ` +
          `interrupted run failed with its cause within ${RECOVERY_BOUND_MS / 1000} s of the return, /readyz back, new runs succeeded`,
      );
      return;
    }
    console.log(
      `chaos: FAILED in ${minutes} min with ${result.violations.length} violations (seed ${seed}; kept ${result.workDir}):`,
    );
    for (const v of result.violations) console.log(`  ${v}`);
    process.exitCode = 1;
  });

runBench(program);
