// Connectivity repair: a community that is not connected inside itself becomes its connected components.
import { expect } from 'chai';
import { UndirectedGraph } from 'graphology';
import { repairConnectivity } from '../../src/analytics/connectivity-repair.js';
import { EvidenceGraphBuilder } from '../../src/analytics/evidence-graph.builder.js';
import { louvainCommunities } from '../../src/analytics/louvain-communities.js';
import type { IncidenceRow } from '../../src/analytics/evidence.types.js';

function graphOf(edges: [string, string][], isolated: string[] = []): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const node of isolated) g.addNode(node);
  for (const [a, b] of edges) {
    g.mergeNode(a);
    g.mergeNode(b);
    g.addEdge(a, b, { weight: 1 });
  }
  return g;
}

describe('analytics: repairConnectivity', () => {
  it('splits a community whose members are connected only through another community', () => {
    // a–b and c–d are put together although the only path between them runs through m (another community).
    const g = graphOf([
      ['a', 'b'],
      ['b', 'm'],
      ['m', 'c'],
      ['c', 'd'],
    ]);
    const result = repairConnectivity(g, { a: 0, b: 0, c: 0, d: 0, m: 1 });
    expect(result.communities).to.deep.equal([['a', 'b'], ['c', 'd'], ['m']]);
    expect(result.splitCommunities).to.equal(1);
  });

  it('leaves connected communities whole, isolated nodes included as singletons', () => {
    const g = graphOf(
      [
        ['b', 'a'],
        ['a', 'c'],
        ['x', 'y'],
      ],
      ['z'],
    );
    const result = repairConnectivity(g, { a: 3, b: 3, c: 3, x: 1, y: 1, z: 2 });
    expect(result.communities).to.deep.equal([['a', 'b', 'c'], ['x', 'y'], ['z']]);
    expect(result.splitCommunities).to.equal(0);
  });

  it('refuses a partition that misses a node', () => {
    expect(() => repairConnectivity(graphOf([['a', 'b']]), { a: 0 })).to.throw(/node b has no community/);
  });

  it('makes every Louvain community connected on a tangled graph', () => {
    const rows: IncidenceRow[] = [];
    // 120 actors each on 3 of 40 devices picked by a fixed arithmetic pattern: many overlapping groups.
    for (let i = 0; i < 120; i++) {
      for (const k of [1, 7, 13]) {
        rows.push({
          actorId: `N${i}`,
          identifierKind: 'device',
          identifier: `D${(i * k) % 40}`,
          via: 'device',
          source: 's',
        });
      }
    }
    const graph = EvidenceGraphBuilder.fromRows({ incidences: rows }).build();
    for (const seed of [1, 2, 3]) {
      const { communities } = louvainCommunities(graph.graph, seed, 1.5);
      const repaired = repairConnectivity(graph.graph, communities);
      expect(repaired.communities.flat().length).to.equal(graph.graph.order);
      for (const members of repaired.communities) {
        const inside = new Set(members);
        const seen = new Set([members[0]!]);
        const stack = [members[0]!];
        while (stack.length > 0) {
          graph.graph.forEachNeighbor(stack.pop()!, (n) => {
            if (inside.has(n) && !seen.has(n)) {
              seen.add(n);
              stack.push(n);
            }
          });
        }
        expect(seen.size, members.join(',')).to.equal(members.length);
      }
    }
  });
});
