// A seeded source of floats in [0, 1) for Louvain's visiting order, so a run can be replayed from its seed.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** NOTE: the generator is mutated in place on each call (pure-rand 8's `next()`); create one per run. */
export function createSeededRng(seed: number): () => number {
  const generator = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(generator);
}
