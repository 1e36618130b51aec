// npm run bench:quality: detection quality on data the model was not fitted on — held-out seeds of both world
// generators at 20k and 100k actors, and the two real labelled data sets — printed as one matrix, with the
// calibration table of the held-out candidates. Records become projection rows exactly as cypher/projection/*.cypher
// reads them from Neo4j (src/ingest/records-to-rows.ts), so no database is needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { evaluate, resolveDetectionParams, type DetectionParamsInput } from '../src/analytics/index.js';
import { calibrationTable, formatTable } from '../src/analytics/calibration.js';
import { evaluateGroups, structuresReported } from '../src/analytics/group-evaluation.js';
import type { GroupEvaluation } from '../src/analytics/group-evaluation.js';
import { SCORE_MODEL } from '../src/analytics/score-model.js';
import { ringProbability, type ScoreModel } from '../src/analytics/ring-probability.js';
import { round } from '../src/analytics/ordering.js';
import { loadDataset, type LabelledDataset } from './labelled-candidates.js';

/** Seeds never used by npm run calibrate (which fits on 11 and 12). */
export const HELD_OUT_DATASETS = [
  'seed:21:20000',
  'seed:22:20000',
  'seed:23:100000',
  'alt:21:20000',
  'alt:22:20000',
  'alt:23:100000',
  'vk',
  'sichuan',
];

interface Row {
  dataset: string;
  candidates: number;
  reported: number;
  recall: number | null;
  precision: number | null;
  /** Reported rings made of one planted ring: matching it (Jaccard ≥ 0.5) or a piece of it (≥ 0.8 of their members); real data: ≥ 0.8 of one group. */
  purePrecision: number | null;
  honestShare: number | null;
  perTypology?: Record<string, string>;
  structures?: Record<string, string>;
  victims?: { named: number; listed: number; asMembers: number };
  real?: GroupEvaluation;
  detectMs: number;
}

const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined ? '–' : x.toFixed(digits);

/**
 * The candidates scored again by another model (one fitted without this data set: `npm run calibrate --
 * --model-out FILE`), so that a data set the shipped model was fitted on can still be measured held out.
 * NOTE: detection itself never reads the model (only the score does), so re-scoring is the same as detecting again.
 */
function rescored(set: LabelledDataset, model: ScoreModel): LabelledDataset {
  return {
    ...set,
    rings: set.rings.map((r) => {
      const { probability } = ringProbability(r.ring.features, r.ring.counterEvidence, model);
      // the score as ring-assemble.ts gives it
      return { ...r, ring: { ...r.ring, probability, score: round(100 * probability, 1) } };
    }),
  };
}

async function measure(
  name: string,
  params: DetectionParamsInput,
  points: { p: number; y: number }[],
  model?: ScoreModel,
): Promise<Row> {
  const loaded = await loadDataset(name, params);
  const set = model === undefined ? loaded : rescored(loaded, model);
  const minScore =
    set.result.rings.length === 0
      ? 0
      : model === undefined
        ? resolveDetectionParams(params).reportMinScore
        : Math.round(100 * model.reportMinProbability);
  const reportedRings = set.rings.filter((r) => r.ring.score >= minScore);
  const reported = reportedRings.map((r) => ({
    id: r.ring.key,
    actorIds: r.ring.members.map((m) => m.actorId),
  }));
  for (const r of set.rings) points.push({ p: r.ring.probability, y: r.label });
  const base = {
    dataset: name,
    candidates: set.rings.length,
    reported: reported.length,
    purePrecision:
      reportedRings.length === 0
        ? null
        : reportedRings.filter((r) => r.label === 1).length / reportedRings.length,
    detectMs: set.detectMs,
  };
  if (set.real !== undefined) {
    const real = evaluateGroups(reported, set.real.group, set.real.actors, set.real.findable);
    return {
      ...base,
      recall: real.coverage.share,
      precision: base.purePrecision,
      honestShare: real.unlabelledInReported.share,
      real,
    };
  }
  const truth = set.truth!;
  const q = evaluate(
    set.rings.map((r) => ({
      id: r.ring.key,
      score: r.ring.score,
      actorIds: r.ring.members.map((m) => m.actorId),
    })),
    truth,
    {
      reportMinScore: minScore,
      honestActorCount: truth.honestActorCount,
      ringActorIds: truth.rings.flatMap((r) => r.actorIds),
    },
  );
  const structures: { kind: string; actorIds: string[] }[] = [
    ...truth.noise.families.map((f) => ({ kind: 'family', actorIds: f })),
    ...truth.noise.lawyers.map((l) => ({ kind: 'law_firm', actorIds: [l.id, ...l.clientIds] })),
    ...truth.noise.incidents.map((i) => ({ kind: 'outage_crowd', actorIds: i.actorIds })),
    ...((truth.noise as { structures?: { kind: string; actorIds: string[] }[] }).structures ?? []),
  ];
  const byKind = new Map<string, { total: number; reported: number }>();
  for (const s of structuresReported(reported, structures)) {
    const e = byKind.get(s.kind) ?? { total: 0, reported: 0 };
    e.total++;
    if (s.reportedAs.length > 0) e.reported++;
    byKind.set(s.kind, e);
  }
  // debt-collection (and any) victims: named by the truth, listed as victims of the matching reported ring
  const memberOf = new Map<string, (typeof reportedRings)[number]>();
  for (const r of reportedRings) for (const m of r.ring.members) memberOf.set(m.actorId, r);
  let named = 0;
  let listed = 0;
  let asMembers = 0;
  for (const planted of truth.rings) {
    if (planted.victimIds.length === 0) continue;
    const ring =
      planted.organizerIds.map((o) => memberOf.get(o)).find((r) => r !== undefined) ??
      memberOf.get(planted.actorIds[0]!);
    const victims = new Set(ring?.ring.victims.map((v) => v.actorId) ?? []);
    for (const v of planted.victimIds) {
      named++;
      if (victims.has(v)) listed++;
      if (memberOf.has(v)) asMembers++;
    }
  }
  return {
    ...base,
    recall: q.recall.share,
    precision: q.precision.share,
    honestShare: q.honestInReported.share,
    perTypology: Object.fromEntries(
      Object.entries(q.perTypology).map(([t, r]) => [t, `${r.recovered}/${r.total}`]),
    ),
    structures: Object.fromEntries([...byKind.entries()].map(([k, e]) => [k, `${e.reported}/${e.total}`])),
    victims: { named, listed, asMembers },
  };
}

const program = new Command('bench:quality')
  .option(
    '--datasets <list>',
    'data sets (seed:<seed>:<actors>, alt:<seed>:<actors>, vk, sichuan)',
    HELD_OUT_DATASETS.join(','),
  )
  .option('--params <json>', 'detection parameters as JSON', '{}')
  .option('--json <file>', 'also write the matrix as JSON')
  .option(
    '--model <file>',
    'score the candidates with this model (JSON from `npm run calibrate -- --model-out FILE`) instead of the shipped one',
  )
  .action(async (opts: { datasets: string; params: string; json?: string; model?: string }) => {
    const params = JSON.parse(opts.params) as DetectionParamsInput;
    const model =
      opts.model === undefined ? undefined : (JSON.parse(readFileSync(opts.model, 'utf8')) as ScoreModel);
    const shown = model ?? SCORE_MODEL;
    const rows: Row[] = [];
    const points: { p: number; y: number }[] = [];
    for (const name of opts.datasets.split(',')) {
      const row = await measure(name, params, points, model);
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    console.log(
      `\nreport threshold: score ≥ ${Math.round(100 * shown.reportMinProbability)} (probability ≥ ${shown.reportMinProbability}, expected precision ${shown.expectedPrecision}${opts.model ? `, model ${opts.model}` : ''})\n`,
    );
    console.log(
      '| data set | candidates | reported | recall¹ | precision² | of one ring⁴ | honest in reported³ | per typology | honest structures reported | victims listed / as members | detect ms |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.dataset} | ${r.candidates} | ${r.reported} | ${fmt(r.recall)} | ${fmt(r.precision)} | ${fmt(r.purePrecision)} | ${fmt(r.honestShare, 4)} | ` +
          `${
            r.perTypology
              ? Object.entries(r.perTypology)
                  .map(([t, v]) => `${t} ${v}`)
                  .join(', ')
              : r.real
                ? `purity ${fmt(r.real.purity)}, labelled share ${fmt(r.real.labelledShare)}, labelled recall ${fmt(r.real.recall.share)}`
                : ''
          } | ` +
          `${
            r.structures
              ? Object.entries(r.structures)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')
              : ''
          } | ` +
          `${r.victims ? `${r.victims.listed}/${r.victims.named} / ${r.victims.asMembers}` : ''} | ${r.detectMs} |`,
      );
    }
    console.log(
      '\n¹ seed worlds: planted rings matched by a reported ring at Jaccard ≥ 0.5; real data: findable labelled actors (VK: bots sharing a friend with a bot of their trader; Sichuan: fraud) in a reported ring whose majority is their group.',
    );
    console.log(
      '² seed worlds: reported rings matching a planted ring; real data: reported rings with ≥ 0.8 of their members from one group.',
    );
    console.log(
      '³ actors in no planted ring (real data: unlabelled actors — organic users, normal subscribers) inside reported rings.',
    );
    console.log(
      '⁴ seed worlds: reported rings that match a planted ring or are a piece of one (at least 0.8 of their members from it), so at most a fifth of its members come from outside it; real data: as ².',
    );
    console.log(
      `\nCalibration of the held-out candidates (${points.length}):\n${formatTable(calibrationTable(points))}`,
    );
    if (opts.json)
      writeFileSync(opts.json, JSON.stringify({ rows, calibration: calibrationTable(points) }, null, 2));
  });

if (import.meta.url === `file://${process.argv[1]}`) await program.parseAsync();
