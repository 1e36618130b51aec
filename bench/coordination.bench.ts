// npm run bench:coordination [-- --actors 200000 --complaints 400000]: time of each detection stage offline, text included.
// The seed world is topped up with ordinary complaints (honest people, their own words) until it holds the
// requested number, turned into projection rows as src/ingest/records-to-rows.ts does, and detected without a database,
// so the cost of the coordination stages (template text, lockstep, money) shows next to the rest at scale.
import { Command } from 'commander';
import { anyMoment, chineseDate } from '../seed/clock.js';
import { INSTITUTIONS } from '../seed/institutions.js';
import { Rng } from '../seed/rng.js';
import { honestText, shortInstitutionName, writtenAmount } from '../seed/texts.js';
import { generateWorld } from '../seed/world.generator.js';
import type { ComplaintRecord, WorldRecord } from '../seed/world.types.js';
import { formatShanghai } from '../seed/clock.js';
import { EvidenceGraphBuilder, detectRings, evaluate } from '../src/analytics/index.js';
import type { KnownCategory } from '../src/shared/domain.js';
import { rowsFromRecords } from '../src/ingest/records-to-rows.js';

const CATEGORIES: KnownCategory[] = [
  'fee_refund',
  'service_quality',
  'account_issue',
  'collection_harassment',
  'debt_negotiation',
  'credit_report',
  'insurance_mis_selling',
  'investment_advice',
  'outage',
  'other',
];

/** Ordinary complaints by honest actors until the world holds `target` complaints. */
function topUp(
  records: WorldRecord[],
  ringActors: ReadonlySet<string>,
  target: number,
  seed: number,
): number {
  const have = records.filter((r) => r.type === 'complaint').length;
  const honest = records.flatMap((r) => (r.type === 'actor' && !ringActors.has(r.id) ? [r.id] : []));
  const rng = Rng.fromSeed(seed);
  for (let i = have; i < target; i++) {
    const at = anyMoment(rng);
    const inst = rng.pick(INSTITUTIONS);
    const category = rng.pick(CATEGORIES);
    const complaint: ComplaintRecord = {
      type: 'complaint',
      id: `cmp-extra-${i}`,
      filedAt: formatShanghai(at),
      complainantId: rng.pick(honest),
      institution: inst.name,
      category,
      text: honestText(rng, category, {
        inst: shortInstitutionName(inst.name),
        date: chineseDate(at),
        amount: writtenAmount(rng, rng.between(50, 5_000)),
        cardTail: rng.digits(4),
      }),
      source: 'bench',
    };
    records.push(complaint);
  }
  return Math.max(0, target - have);
}

const program = new Command('bench:coordination')
  .option('--actors <n>', 'actors in the world', (v) => Number.parseInt(v, 10), 200_000)
  .option('--complaints <n>', 'complaints to top the world up to', (v) => Number.parseInt(v, 10), 400_000)
  .option('--seed <n>', 'world and detection seed', (v) => Number.parseInt(v, 10), 7)
  .action((opts: { actors: number; complaints: number; seed: number }) => {
    const t0 = performance.now();
    const world = generateWorld({ actors: opts.actors, seed: opts.seed });
    const ringActors = new Set(world.truth.rings.flatMap((r) => r.actorIds));
    const added = topUp(world.records, ringActors, opts.complaints, opts.seed + 1);
    const builder = new EvidenceGraphBuilder();
    rowsFromRecords(world.records, builder);
    const prepared = Math.round(performance.now() - t0);
    const t1 = performance.now();
    const result = detectRings(builder, { seed: opts.seed });
    const total = Math.round(performance.now() - t1);
    const complaints = world.records.filter((r) => r.type === 'complaint').length;
    const { text = 0, ...rest } = result.timings;
    const others = Object.values(rest).reduce((s, ms) => s + ms, 0);
    console.log(
      `== ${opts.actors} actors, ${complaints} complaints (${added} added), world and rows in ${prepared} ms`,
    );
    for (const [stage, ms] of Object.entries(result.timings))
      console.log(`  detection.${stage.padEnd(12)} ${String(ms).padStart(8)} ms`);
    console.log(`  ${'detection'.padEnd(22)} ${String(total).padStart(8)} ms`);
    console.log(
      `  text / rest of detection = ${text} / ${others} = ${(text / Math.max(1, others)).toFixed(2)} (projection from Neo4j not included)`,
    );
    console.log(`  graph: ${JSON.stringify(result.stats)}`);
    const q = evaluate(
      result.rings.map((r) => ({ id: r.key, score: r.score, actorIds: r.members.map((m) => m.actorId) })),
      world.truth,
      { reportMinScore: 50, honestActorCount: world.truth.honestActorCount, ringActorIds: ringActors },
    );
    const { planted: _planted, incidents, ...summary } = q;
    console.log(
      `  quality: ${JSON.stringify({ ...summary, incidents: { total: incidents.total, reported: incidents.reported } })}`,
    );
  });

program.parse();
