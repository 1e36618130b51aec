// Deterministic ForceAtlas2 layout of an export graph; the same code runs in Node (ANX, GEXF) and in report.html.
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { AbstractGraph } from 'graphology-types';

// NOTE: the package is CommonJS typed with `export default`; under NodeNext the default import is
// `module.exports` itself (see src/analytics/louvain-communities.ts), and esbuild gives the same in the browser.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;

/**
 * Iterations for a graph of `order` nodes: 300 for small rings, fewer as each iteration gets dearer (it compares
 * every pair of nodes), so a 60-member ring (~360 nodes) still lays out in a few hundred milliseconds.
 */
export function layoutIterations(order: number): number {
  return Math.max(80, Math.min(300, Math.round(15_000_000 / Math.max(1, order * order))));
}

/** FNV-1a: a stable 32-bit hash, so a node's starting point depends on its key only, not on the other nodes. */
function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function initialPosition(key: string): { x: number; y: number } {
  const angle = (fnv1a(key) / 0x100000000) * 2 * Math.PI;
  const radius = 10 + (fnv1a(key, 0x12345678) / 0x100000000) * 90;
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/**
 * ForceAtlas2 (M. Jacomy, T. Venturini, S. Heymann, M. Bastian, « ForceAtlas2, a continuous graph layout
 * algorithm for handy network visualization », PLoS ONE 9(6), 2014) from hashed starting points for a fixed
 * number of iterations: the same graph always gets the same picture, on the server and in the browser.
 */
export function layoutPositions(graph: AbstractGraph): Record<string, { x: number; y: number }> {
  graph.forEachNode((key) => {
    const p = initialPosition(key);
    graph.mergeNodeAttributes(key, p);
  });
  if (graph.order === 0) return {};
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    // NOTE: Barnes-Hut approximates repulsion with a quadtree whose result depends only on positions, so it
    // stays deterministic; it is worth it only on large graphs.
    barnesHutOptimize: graph.order > 800,
  };
  return forceAtlas2(graph, { iterations: layoutIterations(graph.order), settings, getEdgeWeight: null });
}
