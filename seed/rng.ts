// Seeded random source for the synthetic world: one xoroshiro128+ stream plus the draws the generator needs.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The largest seed accepted; pure-rand's xoroshiro128+ folds its seed to 32 bits, so larger ones would alias. */
export const MAX_SEED = 0xffff_ffff;

export class Rng {
  readonly #gen: JumpableRandomGenerator;

  private constructor(gen: JumpableRandomGenerator) {
    this.#gen = gen;
  }

  static fromSeed(seed: number): Rng {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`seed must be an integer in [0, ${MAX_SEED}], got ${seed}`);
    }
    const gen = xoroshiro128plus(seed);
    // NOTE: the seeding puts the seed in only one of four state words; the first outputs of
    // neighbouring seeds are correlated until the state has mixed, so discard them.
    for (let i = 0; i < 64; i++) gen.next();
    return new Rng(gen);
  }

  /**
   * An independent stream for one part of the world. The parent jumps 2^64 steps, so adding draws to
   * one part later does not shift every other part (and streams never overlap).
   */
  fork(): Rng {
    const child = this.#gen.clone();
    this.#gen.jump();
    return new Rng(child);
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return uniformInt(this.#gen, min, max);
  }

  /** Float in [0, 1). */
  float(): number {
    return uniformFloat64(this.#gen);
  }

  /** Float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.float() * total;
    for (const [item, w] of entries) {
      x -= w;
      if (x < 0) return item;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** k distinct items in random order (all of them when k >= length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = this.int(i, copy.length - 1);
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** Fisher–Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.int(0, 15)];
    return s;
  }

  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[this.int(0, ALNUM.length - 1)];
    return s;
  }
}
