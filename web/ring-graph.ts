// Draws a ring with sigma (WebGL) after a fixed ForceAtlas2 layout; labels are thinned by sigma's grid and shown on hover.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { layoutPositions } from '../src/export/graph-layout.js';
import { EDGE_COLORS, nodeColor, nodeSize, type GraphNode, type RingGraphModel } from './ring-graph-model.js';

export interface RingGraphView {
  select(key: string | null): void;
  /** Where a node is drawn, in pixels from the container's top left (for tests and scripted use). */
  viewportPosition(key: string): { x: number; y: number } | null;
  nodeCount: number;
  renderedNodeCount(): number;
  kill(): void;
}

export function drawRingGraph(
  container: HTMLElement,
  model: RingGraphModel,
  onSelect: (node: GraphNode | null) => void,
): RingGraphView {
  const graph = new MultiDirectedGraph();
  const byKey = new Map(model.nodes.map((n) => [n.key, n]));
  for (const n of model.nodes)
    graph.addNode(n.key, { label: n.label, size: nodeSize(n), color: nodeColor(n), x: 0, y: 0 });
  for (const e of model.edges)
    graph.addDirectedEdgeWithKey(e.key, e.source, e.target, {
      color: EDGE_COLORS[e.category],
      size: e.category === 'transfer' ? 2.5 : 1,
    });
  const positions = layoutPositions(graph);
  for (const [key, p] of Object.entries(positions)) graph.mergeNodeAttributes(key, p);

  let selected: string | null = null;
  const neighbours = new Set<string>();
  const renderer = new Sigma(graph, container, {
    settings: {
      // NOTE: sigma draws a label only where its grid cell is free, so labels never overlap; the rest show on hover
      labelDensity: 0.6,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 4,
    },
    nodeReducer: (key, _data, _attrs, state) => {
      // filings are many and alike: their labels show on hover or next to the selected node only
      const filing = byKey.get(key)?.kind === 'filing';
      if (!selected) return filing && !state.isHovered ? { labelVisibility: 'hidden' } : {};
      if (key === selected) return { highlighted: true, zIndex: 2, labelVisibility: 'visible' };
      if (neighbours.has(key)) return { zIndex: 1 };
      return { color: '#d5d8dc', labelVisibility: 'hidden', zIndex: 0 };
    },
    edgeReducer: (key) => {
      if (!selected) return {};
      const [s, t] = graph.extremities(key);
      return s === selected || t === selected ? { size: 2 } : { visibility: 'hidden' };
    },
  });

  const select = (key: string | null) => {
    selected = key && graph.hasNode(key) ? key : null;
    neighbours.clear();
    if (selected) graph.forEachNeighbor(selected, (n) => neighbours.add(n));
    renderer.refresh({ skipIndexation: true });
    onSelect(selected ? (byKey.get(selected) ?? null) : null);
  };
  renderer.on('clickNode', ({ node }) => select(node));
  renderer.on('clickStage', () => select(null));
  renderer.on('enterNode', () => container.classList.add('pointer'));
  renderer.on('leaveNode', () => container.classList.remove('pointer'));

  return {
    select,
    viewportPosition: (key) => {
      if (!graph.hasNode(key)) return null;
      const a = graph.getNodeAttributes(key) as { x: number; y: number };
      return renderer.graphToViewport({ x: a.x, y: a.y });
    },
    nodeCount: graph.order,
    renderedNodeCount: () => graph.nodes().filter((k) => renderer.getNodeDisplayData(k) !== undefined).length,
    kill: () => renderer.kill(),
  };
}
