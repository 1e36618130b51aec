// Hands out honest people for one role each (family, lawyer's client, victim, shop, tenant), so planted groups never overlap.
import type { Rng } from './rng.js';
import type { ActorDraft } from './world-context.js';

export class HonestPool {
  readonly #people: ActorDraft[];
  #next = 0;

  constructor(r: Rng, people: readonly ActorDraft[]) {
    this.#people = r.shuffle(people.slice());
  }

  get remaining(): number {
    return this.#people.length - this.#next;
  }

  /** Up to n people not handed out before (fewer when the pool runs dry, so small worlds still build). */
  take(n: number): ActorDraft[] {
    const end = Math.min(this.#people.length, this.#next + Math.max(0, n));
    const out = this.#people.slice(this.#next, end);
    this.#next = end;
    return out;
  }
}
