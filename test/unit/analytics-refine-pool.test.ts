// Refinement in worker threads gives the rings of one thread, whatever the number of threads (refine-pool.ts).
import { expect } from 'chai';
import { UndirectedGraph } from 'graphology';
import { generateWorld } from '../../seed/world.generator.js';
import { rowsFromRecords } from '../../src/ingest/records-to-rows.js';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { resolveDetectionParams } from '../../src/analytics/detection-params.js';
import { detectRings, detectRingsInPool, handOffsIn } from '../../src/analytics/detect-rings.js';
import { handsOffFrom } from '../../src/analytics/evidence-kind.js';
import { refineCommunities, SAME_DEVICE } from '../../src/analytics/community-refinement.js';
import { refineCommunitiesInPool } from '../../src/analytics/refine-pool.js';
import type { DetectionResult } from '../../src/analytics/ring.types.js';

/** Every pair of `members` tied with weight `w`. */
const clique = (g: UndirectedGraph, members: string[], w: number): void =>
  members.forEach((a, i) => members.slice(i + 1).forEach((b) => g.mergeEdge(a, b, { weight: w })));

const ringsOf = (r: DetectionResult) =>
  r.rings.map((ring) => ({
    key: ring.key,
    score: ring.score,
    members: ring.members.map((m) => [m.actorId, m.role]),
  }));

describe('analytics: refinement in a pool of worker threads', function () {
  this.timeout(120_000);

  it('splits and rejoins the communities of a hand-built graph exactly as one thread does, with 2 or 3 threads', async () => {
    const g = new UndirectedGraph();
    const communities: string[][] = [];
    // per community: two cliques of 5 joined by light edges (refinement splits them); in every other community the
    // whole first clique writes down the second's phone (rejoin keeps them whole); and one community too small to
    // be refined
    for (let c = 0; c < 9; c++) {
      const left = [0, 1, 2, 3, 4].map((i) => `c${c}-a${i}`);
      const right = [0, 1, 2, 3, 4].map((i) => `c${c}-b${i}`);
      clique(g, left, 1);
      clique(g, right, 1);
      if (c % 2 === 0) g.addEdge(left[0]!, right[0]!, { weight: 0.1 });
      else for (const a of left) g.addEdge(a, right[0]!, { weight: 0.3 });
      communities.push([...left, ...right].sort());
    }
    clique(g, ['s-1', 's-2', 's-3'], 1);
    communities.push(['s-1', 's-2', 's-3']);
    const handOff = (a: string, b: string): number => {
      const writer = /^c\d*[13579]-a\d$/;
      const owner = /^c\d*[13579]-b0$/;
      return (writer.test(a) && owner.test(b) ? 1 : 0) | (writer.test(b) && owner.test(a) ? 2 : 0);
    };
    const one = refineCommunities(g, communities, 7, 1, handOff);
    expect(one.refinedCommunities).to.be.greaterThan(0);
    // some communities split in two, the ones held by a hand-off (or the heavy edge) stay whole
    expect(one.communities.length).to.be.greaterThan(communities.length);
    expect(one.communities.some((c) => c.length === 10)).to.equal(true);
    for (const threads of [2, 3]) {
      const pooled = await refineCommunitiesInPool(g, communities, 7, 1, handOff, threads, 0);
      expect(pooled).to.deep.equal(one);
    }
    expect(await refineCommunitiesInPool(g, communities, 7, 1, handOff, 1)).to.deep.equal(one);
  });

  it('finds the same rings in a seed world with 1, 2 and 3 threads', async () => {
    const world = generateWorld({ actors: 4000, seed: 5 });
    const builder = new EvidenceGraphBuilder();
    rowsFromRecords(world.records, builder, { defaultSource: 'test' });
    const evidence = builder.build(resolveDetectionParams({ seed: 5 }));
    const one = detectRings(evidence, { seed: 5 });
    expect(one.stats.refinedCommunities).to.be.greaterThan(0);
    expect(one.rings.length).to.be.greaterThan(10);
    for (const threads of [1, 2, 3]) {
      const pooled = await detectRingsInPool(evidence, { seed: 5 }, threads, 0);
      expect(ringsOf(pooled)).to.deep.equal(ringsOf(one));
      expect(pooled.stats).to.deep.equal(one.stats);
    }
  });

  it("reads who hands off to whom from the identifiers' via masks as the expanded evidence says it", () => {
    const world = generateWorld({ actors: 4000, seed: 6 });
    const builder = new EvidenceGraphBuilder();
    rowsFromRecords(world.records, builder, { defaultSource: 'test' });
    const evidence = builder.build(resolveDetectionParams({ seed: 6 }));
    const handOff = handOffsIn(evidence);
    const seen = new Set<number>();
    evidence.graph.forEachEdge((_e, _a, a, b) => {
      let expected = 0;
      for (const e of evidence.evidenceBetween(a, b)) {
        if (handsOffFrom(e, a)) expected |= 1;
        if (handsOffFrom(e, b)) expected |= 2;
        if (e.kind === 'shared_device') expected |= SAME_DEVICE;
      }
      expect(handOff(a, b), `${a} ${b}`).to.equal(expected);
      seen.add(expected);
    });
    // hand-offs both ways and shared devices are there to be read
    expect([...seen].some((d) => (d & 1) !== 0)).to.equal(true);
    expect([...seen].some((d) => (d & 2) !== 0)).to.equal(true);
    expect([...seen].some((d) => (d & SAME_DEVICE) !== 0)).to.equal(true);
  });
});
