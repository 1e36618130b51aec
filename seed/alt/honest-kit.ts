// What the honest-structure planters share: the people they draw on and the ledger of look-alikes they record.
import type { Rng } from '../rng.js';
import type { TruthStructure } from '../world.types.js';
import type { AltActor } from './alt-world.context.js';

/** Honest people: `take` hands each out once (victims, clients); `sample` draws anyone (workplaces, groups). */
export class People {
  readonly all: readonly AltActor[];
  readonly #deck: AltActor[];
  #next = 0;

  constructor(
    private readonly r: Rng,
    people: readonly AltActor[],
  ) {
    this.all = people;
    this.#deck = r.shuffle(people.slice());
  }

  take(n: number): AltActor[] {
    const end = Math.min(this.#deck.length, this.#next + Math.max(0, n));
    const out = this.#deck.slice(this.#next, end);
    this.#next = end;
    return out;
  }

  sample(n: number): AltActor[] {
    const out = new Set<AltActor>();
    const want = Math.min(n, this.all.length);
    while (out.size < want) out.add(this.all[this.r.int(0, this.all.length - 1)] as AltActor);
    return [...out];
  }
}

/** Every honest look-alike planted, for the truth file. */
export class StructureLedger {
  readonly items: TruthStructure[] = [];

  add(kind: string, actors: readonly AltActor[], note: string, handle?: string): void {
    this.items.push({
      kind,
      actorIds: [...new Set(actors.map((a) => a.id))].sort(),
      ...(handle === undefined ? {} : { handle }),
      note,
    });
  }
}

/** A heavy-tailed size in [lo, hi]: most near the bottom, some near the top (log-uniform). */
export const heavySize = (r: Rng, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.floor(Math.exp(r.between(Math.log(lo), Math.log(hi + 1))))));
