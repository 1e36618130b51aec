// Candidate rings of a labelled data set (seed worlds of either generator, the real VK and Sichuan data), each with
// its features and whether it is a true ring, for calibration (bench/calibrate.ts) and quality (bench/quality.bench.ts).
import path from 'node:path';
import { EvidenceGraphBuilder, detectRings } from '../src/analytics/index.js';
import type { DetectedRing, DetectionParamsInput, DetectionResult } from '../src/analytics/index.js';
import { generateWorld } from '../seed/world.generator.js';
import type { Truth } from '../seed/world.types.js';
import { rowsFromRecords } from '../src/ingest/records-to-rows.js';
import { loadSichuan, loadVk } from './real-data.js';
import type { RealLabels } from './real-data.js';

export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, '../../shared/data');

/** `seed:<seed>:<actors>` (ringmap's generator), `alt:<seed>:<actors>` (the second one), `vk`, `sichuan`. */
export type DatasetName = string;

export interface LabelledRing {
  ring: DetectedRing;
  /**
   * 1 when the candidate is organised: seed worlds, Jaccard ≥ 0.5 with a planted ring or at least 0.8 of its
   * members from one planted ring (a fragment); real data, at least 0.8 of its members from one labelled group.
   */
  label: 0 | 1;
  /** What it matched: the planted ring's typology, the trader, 'fraud'; '' for none. */
  group: string;
  match: number;
}

export interface LabelledDataset {
  name: DatasetName;
  result: DetectionResult;
  rings: LabelledRing[];
  truth?: Truth;
  real?: RealLabels;
  loadMs: number;
  detectMs: number;
}

const jaccard = (a: ReadonlySet<string>, b: readonly string[]): number => {
  let inter = 0;
  for (const x of b) if (a.has(x)) inter++;
  return inter / (a.size + b.length - inter);
};

/** Real data: the share of the ring held by its largest labelled group. */
export function majorityGroup(
  actorIds: readonly string[],
  group: ReadonlyMap<string, string>,
): [string, number] {
  const counts = new Map<string, number>();
  for (const id of actorIds) {
    const g = group.get(id);
    if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
  return top === undefined ? ['', 0] : [top[0], top[1] / actorIds.length];
}

export async function loadDataset(
  name: DatasetName,
  params: DetectionParamsInput = {},
  dataDir = DEFAULT_DATA_DIR,
): Promise<LabelledDataset> {
  const t0 = performance.now();
  const builder = new EvidenceGraphBuilder();
  let truth: Truth | undefined;
  let real: RealLabels | undefined;
  let seed = 42;
  if (name === 'vk') real = await loadVk(dataDir, builder);
  else if (name === 'sichuan') real = await loadSichuan(dataDir, builder);
  else {
    const [generator, seedText, actorsText] = name.split(':');
    seed = Number(seedText);
    const actors = Number(actorsText ?? 20_000);
    if (generator === 'alt') {
      const mod = (await import('../seed/alt/alt-world.generator.js' as string)) as {
        generateAltWorld: (o: { actors: number; seed: number }) => { records: unknown[]; truth: Truth };
      };
      const world = mod.generateAltWorld({ actors, seed });
      rowsFromRecords(world.records, builder);
      truth = world.truth;
    } else {
      const world = generateWorld({ actors, seed });
      rowsFromRecords(world.records, builder);
      truth = world.truth;
    }
  }
  const t1 = performance.now();
  const result = detectRings(builder, { seed, ...params });
  const t2 = performance.now();
  const rings: LabelledRing[] = result.rings.map((ring) => {
    const ids = ring.members.map((m) => m.actorId);
    if (truth !== undefined) {
      const set = new Set(ids);
      let best = 0;
      let group = '';
      let purity = 0;
      for (const planted of truth.rings) {
        const j = jaccard(set, planted.actorIds);
        if (j > best) [best, group] = [j, planted.typology];
        const inside = planted.actorIds.filter((id) => set.has(id)).length / ids.length;
        if (inside > purity) purity = inside;
      }
      // NOTE: a fragment of a planted ring (most of its members from that ring) is organised too: calling it so
      // accuses no one wrongly, so it counts as true here, as a real data set's ring counts by its purity.
      const label = best >= 0.5 || purity >= 0.8 ? 1 : 0;
      return { ring, label, group: label ? group : '', match: best };
    }
    const [group, share] = majorityGroup(ids, real!.group);
    return { ring, label: share >= 0.8 ? 1 : 0, group, match: share };
  });
  return {
    name,
    result,
    rings,
    ...(truth ? { truth } : {}),
    ...(real ? { real } : {}),
    loadMs: Math.round(t1 - t0),
    detectMs: Math.round(t2 - t1),
  };
}
