// How many rings of which typology, size, layout, victims and tempo a world of N actors gets; the seed varies the mix.
import type { Rng } from '../rng.js';
import type { PlantedTypology } from '../world.types.js';
import { MILL_LAYOUTS } from './ring-complaint-mill.js';
import { COLLECTION_LAYOUTS } from './ring-debt-collection.js';
import { REPAIR_LAYOUTS } from './ring-credit-repair.js';
import { MEDIATION_LAYOUTS } from './ring-loan-mediation.js';
import { TIPS_LAYOUTS } from './ring-stock-tips.js';
import { SURRENDER_LAYOUTS } from './ring-surrender-agent.js';
import type { RingPlan } from './ring-kit.js';

export const LAYOUTS: Record<PlantedTypology, readonly string[]> = {
  complaint_mill: MILL_LAYOUTS,
  surrender_agent: SURRENDER_LAYOUTS,
  loan_mediation: MEDIATION_LAYOUTS,
  credit_repair: REPAIR_LAYOUTS,
  stock_tips: TIPS_LAYOUTS,
  debt_collection: COLLECTION_LAYOUTS,
};
const TYPOLOGIES = Object.keys(LAYOUTS) as PlantedTypology[];

/** Size classes of a ring's membership: most are mid-sized, a few tiny, a few large. */
export const SIZE_CLASSES = {
  tiny: [3, 5],
  small: [6, 14],
  mid: [15, 45],
  large: [60, 150],
} as const satisfies Record<string, readonly [number, number]>;
export type SizeClass = keyof typeof SIZE_CLASSES;
const SIZE_WEIGHTS: readonly (readonly [SizeClass, number])[] = [
  ['tiny', 0.16],
  ['small', 0.3],
  ['mid', 0.42],
  ['large', 0.12],
];

/** Victims per member by typology: collectors and tipsters prey on many; mills and repairers defraud a few. */
const VICTIMS_PER_MEMBER: Record<PlantedTypology, readonly [number, number]> = {
  complaint_mill: [0, 0.15],
  surrender_agent: [0.3, 1.2],
  loan_mediation: [0.1, 0.5],
  credit_repair: [0.1, 0.4],
  stock_tips: [3, 9],
  debt_collection: [2, 6],
};
const VICTIM_CAP = 450;

/** Ring members per actor in the world: about one ring for every 650 actors, a little more or less per seed. */
export function ringCount(r: Rng, actors: number): number {
  return Math.max(12, Math.round((actors / 650) * r.between(0.8, 1.2)));
}

/**
 * Plans the rings: at least two of every typology, in two different layouts; the rest by typology weights
 * drawn per seed, so one world has many collection gangs and another many mills.
 */
export function planRings(r: Rng, actors: number): RingPlan[] {
  const n = ringCount(r, actors);
  const weights = TYPOLOGIES.map((t) => [t, r.between(0.4, 2)] as const);
  const typologies: PlantedTypology[] = [];
  for (const t of TYPOLOGIES) typologies.push(t, t);
  while (typologies.length < n) typologies.push(r.weighted(weights));
  const layoutCursor = new Map<PlantedTypology, string[]>();
  const plans = typologies.map((typology): RingPlan => {
    // Layouts are dealt from a shuffled deck per typology, so the first two rings of a typology differ.
    let deck = layoutCursor.get(typology);
    if (deck === undefined || deck.length === 0) {
      deck = r.shuffle([...LAYOUTS[typology]]);
      layoutCursor.set(typology, deck);
    }
    const layout = deck.pop() ?? LAYOUTS[typology][0] ?? '';
    const sizeClass = r.weighted(SIZE_WEIGHTS);
    const [lo, hi] = SIZE_CLASSES[sizeClass];
    const size = r.int(lo, hi);
    const [vlo, vhi] = VICTIMS_PER_MEMBER[typology];
    const floor = typology === 'debt_collection' || typology === 'stock_tips' ? 6 : 0;
    const victims = Math.min(VICTIM_CAP, Math.max(floor, Math.round(size * r.between(vlo, vhi))));
    return {
      typology,
      layout,
      size,
      victims,
      voice: r.weighted([
        ['pasted', 2],
        ['light', 4],
        ['heavy', 3],
      ] as const),
      tempo: r.chance(0.55) ? 'bursts' : 'weeks',
    };
  });
  return r.shuffle(plans);
}
