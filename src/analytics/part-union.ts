// Union-find over numbered parts of a partition: which parts end up together, and their merged member lists.
import { compareStrings } from './ordering.js';

export class PartUnion {
  readonly #parent: number[];

  constructor(count: number) {
    this.#parent = Array.from({ length: count }, (_, i) => i);
  }

  find(i: number): number {
    const parent = this.#parent;
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  }

  /** Puts parts `a` and `b` together (the smaller root wins, so the result does not depend on order); false if they were. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  }

  /** The merged parts, each sorted, in the order of their first part. */
  merged(parts: readonly string[][]): string[][] {
    const merged = new Map<number, string[]>();
    parts.forEach((part, i) => {
      const root = this.find(i);
      const into = merged.get(root);
      if (into === undefined) merged.set(root, [...part]);
      else into.push(...part);
    });
    return [...merged.values()].map((part) => part.sort(compareStrings));
  }
}
