// The bounded version of `npm run chaos` (bench/chaos.ts): one round on its own Neo4j and the service in its own
// process: Neo4j SIGKILLed at a seeded random moment while ingest, reads and a run go on, then the service SIGKILLed
// during a run. A failure names its seed; `CHAOS_SEED=S npx mocha … chaos.test.ts` or
// `npm run chaos -- --seed S --rounds 1` replays its kill points.
import { randomInt } from 'node:crypto';
import { expect } from 'chai';
import { runChaos } from '../../bench/chaos-session.js';

const seed = Number(process.env.CHAOS_SEED) || randomInt(1, 2 ** 31 - 1);

describe('chaos: Neo4j and the service SIGKILLed at random moments (own Neo4j, the service in its own process)', function () {
  this.timeout(600_000);

  it(`loses no acknowledged record, fails interrupted runs with their cause and recovers (seed ${seed})`, async () => {
    const lines: string[] = [];
    const result = await runChaos({
      rounds: 1,
      seed,
      actors: 500,
      compiled: false,
      killService: true,
      log: (line) => lines.push(line),
    });
    expect(result.violations, `seed ${seed}:\n${lines.join('\n')}`).to.deep.equal([]);
    // the round did what it says: a Neo4j kill, a service kill, new runs after each
    expect(lines.join('\n'))
      .to.match(/Neo4j SIGKILLed/)
      .and.match(/service SIGKILLed/)
      .and.match(/a new run succeeded/);
  });
});
