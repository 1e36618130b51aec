// npm run bench:bolt [-- --seconds 3]: what one small read costs over Bolt, as a managed transaction
// (session.executeRead: BEGIN, RUN+PULL, COMMIT), as an auto-commit transaction (session.run: RUN+PULL) and through
// driver.executeQuery, from 1 and from 16 concurrent callers. Why src/store/read-query.ts uses auto-commit.
import { Command } from 'commander';
import { benchDb, runBench } from './bench-support.js';

const program = new Command('bench:bolt')
  .option('--seconds <n>', 'seconds per measurement', (v) => Number.parseInt(v, 10), 3)
  .action(async (opts: { seconds: number }) => {
    const db = await benchDb(1024);
    const driver = db.ctx.db.driver;
    try {
      const modes: Record<string, () => Promise<unknown>> = {
        'managed (executeRead)': async () => {
          const s = driver.session({ defaultAccessMode: 'READ' });
          try {
            await s.executeRead((tx) => tx.run('RETURN 1'));
          } finally {
            await s.close();
          }
        },
        'auto-commit (session.run)': async () => {
          const s = driver.session({ defaultAccessMode: 'READ' });
          try {
            await s.run('RETURN 1');
          } finally {
            await s.close();
          }
        },
        'driver.executeQuery': () => driver.executeQuery('RETURN 1', {}, { routing: 'READ' }),
      };
      for (const read of Object.values(modes)) for (let i = 0; i < 200; i++) await read(); // warm-up
      for (const concurrency of [1, 16]) {
        for (const [name, read] of Object.entries(modes)) {
          const latencies: number[] = [];
          const end = performance.now() + opts.seconds * 1000;
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (performance.now() < end) {
                const t = performance.now();
                await read();
                latencies.push(performance.now() - t);
              }
            }),
          );
          latencies.sort((a, b) => a - b);
          const at = (p: number) => latencies[Math.floor(p * latencies.length)]!.toFixed(2);
          console.log(
            `${name}, ${concurrency} concurrent: ${(latencies.length / opts.seconds).toFixed(0)} reads/s, ` +
              `median ${at(0.5)} ms, p99 ${at(0.99)} ms`,
          );
        }
      }
    } finally {
      await db.stop();
    }
  });

runBench(program);
