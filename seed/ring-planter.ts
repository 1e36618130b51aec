// Plans the organised rings of a world (how many, which typology, what size) and plants each by its typology's
// spec (ring-typologies.ts).
import { TYPOLOGIES } from '../src/shared/domain.js';
import type { HonestPool } from './honest-pool.js';
import type { Planted } from './ring-kit.js';
import { TYPOLOGY_SPECS } from './ring-typologies.js';
import type { Rng } from './rng.js';
import type { WorldContext } from './world-context.js';
import type { PlantedTypology, RingSignature } from './world.types.js';

export const PLANTED_TYPOLOGIES: readonly PlantedTypology[] = TYPOLOGIES.filter(
  (t): t is PlantedTypology => t !== 'unknown',
);

export const RING_MIN_SIZE = 4;
export const RING_MAX_SIZE = 60;
/** Ring members may take at most this share of the world, keeping it ≥ 90% honest with room to spare. */
const RING_SHARE = 0.07;

export interface RingPlan {
  typology: PlantedTypology;
  /** identifier: members share phones, accounts or agents; coordination: only texts, timing and fees tie them. */
  signature: RingSignature;
  /** Members including organizers. */
  size: number;
}

export interface PlantedRing extends Planted {
  typology: PlantedTypology;
  signature: RingSignature;
}

/**
 * About one ring per 400 actors, at least one per typology. Sizes mix many small rings with some
 * medium and a few large ones, then shrink proportionally if they would exceed the ring share.
 */
export function planRings(r: Rng, actors: number): RingPlan[] {
  const count = Math.max(PLANTED_TYPOLOGIES.length, Math.round(actors / 400));
  const budget = Math.floor(actors * RING_SHARE);
  const typologies: PlantedTypology[] = [...PLANTED_TYPOLOGIES];
  while (typologies.length < count) {
    typologies.push(
      r.weighted<PlantedTypology>(
        Object.entries(TYPOLOGY_SPECS).map(([t, spec]) => [t as PlantedTypology, spec.weight] as const),
      ),
    );
  }
  const sizes = typologies.map(() => {
    const bucket = r.weighted<'small' | 'medium' | 'large'>([
      ['small', 60],
      ['medium', 30],
      ['large', 10],
    ]);
    if (bucket === 'small') return r.int(RING_MIN_SIZE, 12);
    if (bucket === 'medium') return r.int(13, 30);
    return r.int(31, RING_MAX_SIZE);
  });
  // Small worlds draw few rings; make sure at least one is large when the budget allows it.
  const roomForLarge = budget - RING_MIN_SIZE * (count - 1);
  if (!sizes.some((s) => s > 30) && roomForLarge > 30) {
    sizes[r.int(0, count - 1)] = r.int(31, Math.min(RING_MAX_SIZE, roomForLarge));
  }
  let total = sizes.reduce((a, b) => a + b, 0);
  if (total > budget) {
    const scale = budget / total;
    for (let i = 0; i < count; i++) sizes[i] = Math.max(RING_MIN_SIZE, Math.floor((sizes[i] ?? 0) * scale));
    total = sizes.reduce((a, b) => a + b, 0);
    while (total > budget) {
      const i = sizes.indexOf(Math.max(...sizes));
      if ((sizes[i] ?? 0) <= RING_MIN_SIZE) break;
      sizes[i] = (sizes[i] ?? 0) - 1;
      total--;
    }
  }
  const plans = typologies.map((typology, i) => ({
    typology,
    signature: 'identifier' as const,
    size: sizes[i] ?? RING_MIN_SIZE,
  }));
  // Interleave typologies so ring ids say nothing about the kind of ring.
  return r.shuffle(plans);
}

export function plantRing(w: WorldContext, r: Rng, plan: RingPlan, pool: HonestPool): PlantedRing {
  const planted = TYPOLOGY_SPECS[plan.typology].plant(w, r, plan.size, pool);
  return { typology: plan.typology, signature: 'identifier', ...planted };
}
