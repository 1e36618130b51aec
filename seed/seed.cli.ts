// `npm run seed -- [--generator alt] --actors N --seed S --out DIR`: generates a synthetic world and writes world.ndjson and truth.json.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ALT_MAX_ACTORS, ALT_MIN_ACTORS, generateAltWorld } from './alt/alt-world.generator.js';
import { MAX_SEED } from './rng.js';
import { generateWorld, MAX_ACTORS, MIN_ACTORS } from './world.generator.js';
import { writeWorld } from './world.writer.js';

const integer =
  (name: string, min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}].`);
    }
    return n;
  };

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

const program = new Command()
  .name('seed')
  .description('Generate the deterministic synthetic ringmap world (ingest NDJSON plus ground truth).')
  .option(
    '--actors <n>',
    `total actors, ${MIN_ACTORS}..${MAX_ACTORS}`,
    integer('--actors', MIN_ACTORS, MAX_ACTORS),
    20_000,
  )
  .option('--seed <s>', `random seed, 0..${MAX_SEED}`, integer('--seed', 0, MAX_SEED), 1)
  .option('--out <dir>', 'output directory', 'out/seed')
  .addOption(
    new Option(
      '--generator <name>',
      'seed: the world detection was built on; alt: the second generator, written from the domain (seed/alt/)',
    )
      .choices(['seed', 'alt'])
      .default('seed'),
  )
  .action(async (opts: { actors: number; seed: number; out: string; generator: 'seed' | 'alt' }) => {
    const started = performance.now();
    if (opts.generator === 'alt' && (opts.actors < ALT_MIN_ACTORS || opts.actors > ALT_MAX_ACTORS)) {
      program.error(`--actors must be in [${ALT_MIN_ACTORS}, ${ALT_MAX_ACTORS}] with --generator alt.`);
    }
    const world =
      opts.generator === 'alt'
        ? generateAltWorld({ actors: opts.actors, seed: opts.seed })
        : generateWorld({ actors: opts.actors, seed: opts.seed });
    const written = await writeWorld(world, opts.out);
    const { nodes } = world.expectedCounts;
    const transfers = world.expectedCounts.relationships.TRANSFERRED;
    const byTypology = new Map<string, number>();
    for (const r of world.truth.rings) byTypology.set(r.typology, (byTypology.get(r.typology) ?? 0) + 1);
    const typologies = [...byTypology].map(([t, n]) => `${t} ${n}`).join(', ');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${opts.generator} seed ${opts.seed}: ${nodes.Actor} actors, ${nodes.Institution} institutions, ${nodes.Complaint} complaints, ` +
        `${nodes.Claim} claims, ${transfers} transfers, ${world.truth.rings.length} rings (${typologies}) → ` +
        `${written.ndjsonPath} (${mb(written.ndjsonBytes)}), ${written.truthPath} (${mb(written.truthBytes)}) in ${seconds}s`,
    );
  });

await program.parseAsync();
