// npm run bench:export [-- --members 60 --repeat 5]: time to export a synthetic ring of N members (target < 2 s).
import { Command } from 'commander';
import { generateSigningKeyPem } from '../src/export/signing-key.js';
import { EXPORT_FORMATS } from '../src/export/export.types.js';
import { recordsFromDocument } from '../src/ingest/ingest.validator.js';
import { benchDb, detectOnce, runBench } from './bench-support.js';

const phone = (n: number) => `139${String(10_000_000 + n).slice(-8)}`;

/**
 * One complaint mill of `members` people around an organizer (contact phone, payout account, representation,
 * fees paid back), each with a phone, an account, a device and two template complaints; and honest consumers
 * who write a bank hotline as contact, so the ring's subgraph sits next to a hub.
 */
function world(members: number, honest: number): Record<string, unknown[]> {
  const actors: Record<string, unknown>[] = [
    {
      id: 'ORG',
      kind: 'agent',
      name: '组织者',
      phones: ['13900000001'],
      accounts: ['ACC-ORG'],
      source: 'bench',
    },
  ];
  const complaints: Record<string, unknown>[] = [];
  const transfers: Record<string, unknown>[] = [];
  for (let i = 1; i < members; i++) {
    const id = `M-${i}`;
    actors.push({
      id,
      name: `成员${i}`,
      phones: [phone(1000 + i)],
      accounts: [{ id: `ACC-${id}`, kind: 'bank', institution: '中国工商银行' }],
      devices: [`DEV-${i}`],
      source: 'bank:bench',
    });
    for (let k = 0; k < 2; k++)
      complaints.push({
        id: `C-${id}-${k}`,
        filedAt: `2026-03-${String(1 + ((i + k) % 27)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00+08:00`,
        complainantId: id,
        institution: k ? '某某消费金融' : '某某银行',
        category: 'fee_refund',
        channel: 'regulator_hotline',
        contactPhone: '13900000001',
        payoutAccount: 'ACC-ORG',
        representativeId: 'ORG',
        text: `本人（编号${i}）要求贵司退还全部违规收取的息费${1000 + i}元，否则将向监管部门投诉。`,
        amount: 5000 + i,
        source: 'regulator:12378',
      });
    transfers.push({
      id: `T-${id}`,
      from: `ACC-${id}`,
      to: 'ACC-ORG',
      amount: 800,
      at: '2026-03-28T10:00:00+08:00',
    });
  }
  for (let i = 0; i < honest; i++) {
    actors.push({ id: `H-${i}`, name: `消费者${i}`, phones: [phone(50_000 + i)], source: 'bank:bench' });
    complaints.push({
      id: `C-H-${i}`,
      filedAt: '2026-02-10T12:00:00+08:00',
      complainantId: `H-${i}`,
      institution: '某某银行',
      category: 'account_issue',
      contactPhone: '010-95588000',
      text: `第${i}号投诉：卡片被冻结。`,
    });
  }
  return { actors, complaints, transfers };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const program = new Command('bench:export')
  .option('--members <n>', 'ring size', (v) => Number.parseInt(v, 10), 60)
  .option('--honest <n>', 'honest consumers sharing the hotline', (v) => Number.parseInt(v, 10), 2000)
  .option('--repeat <n>', 'warm exports to time', (v) => Number.parseInt(v, 10), 5)
  .action(async (opts: { members: number; honest: number; repeat: number }) => {
    // the throwaway database is a configured server as far as ringmap knows, so it needs a signing key
    process.env.RINGMAP_EXPORT_SIGNING_KEY ??= generateSigningKeyPem();
    const db = await benchDb(2048);
    const { ctx } = db;
    try {
      const { records, errors } = recordsFromDocument(world(opts.members, opts.honest));
      if (errors.length > 0) throw new Error(`bench world is invalid: ${JSON.stringify(errors[0])}`);
      await ctx.ingest.ingest(records, { partial: false, defaultSource: 'bench' });
      // every member writes the organizer's phone: above the default hub threshold (50) for a 60-member ring
      await detectOnce(ctx, { seed: 7, hubThreshold: Math.max(100, 2 * opts.members) });
      const list = await ctx.reports.list({ limit: 10, minScore: 0 });
      const ring = (list.rings as { id: string; size: number }[]).find((r) => r.size === opts.members);
      if (!ring) throw new Error(`no ring of ${opts.members} members: ${JSON.stringify(list.rings)}`);

      const timed = async (format: (typeof EXPORT_FORMATS)[number]) => {
        const t0 = performance.now();
        const out = await ctx.exports.export({ ringId: ring.id, format, by: 'bench' });
        return { ms: performance.now() - t0, bytes: out.data.length };
      };
      const cold = await timed('bundle');
      const warm: number[] = [];
      let bytes = 0;
      for (let i = 0; i < opts.repeat; i++) {
        const r = await timed('bundle');
        warm.push(r.ms);
        bytes = r.bytes;
      }
      const sub = await ctx.exports.export({ ringId: ring.id, format: 'graphml', by: 'bench' });
      const nodes = (sub.data.toString('utf8').match(/<node /g) ?? []).length;
      const edges = (sub.data.toString('utf8').match(/<edge /g) ?? []).length;
      console.log(
        `\n== export of a ${opts.members}-member ring (${nodes} nodes, ${edges} links; ${opts.honest} honest actors on a hub)`,
      );
      console.log(`  bundle, first (incl. bundling the report script): ${cold.ms.toFixed(0).padStart(6)} ms`);
      console.log(
        `  bundle, warm median of ${opts.repeat}:                 ${median(warm).toFixed(0).padStart(6)} ms  (${(bytes / 1024).toFixed(0)} KiB zip)`,
      );
      for (const f of EXPORT_FORMATS.filter((x) => x !== 'bundle')) {
        const r = await timed(f);
        console.log(
          `  ${f.padEnd(8)} ${r.ms.toFixed(0).padStart(6)} ms  ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB`,
        );
      }
      const worst = Math.max(cold.ms, ...warm);
      console.log(`  target < 2000 ms: ${worst < 2000 ? 'met' : 'MISSED'} (slowest ${worst.toFixed(0)} ms)`);
    } finally {
      await db.stop();
    }
  });

runBench(program);
