// GEXF 1.3 for Gephi through graphology-gexf's writer, with the server-side layout and role colours as viz data.
import { write as writeGexfString } from 'graphology-gexf';
import { nodeColor, nodeSize, toGraph } from './export-graph.js';
import type { RingSubgraph, Scalar } from './export.types.js';
import { xmlSafe } from './xml-text.js';

// NOTE: the writer escapes markup but not the control characters XML 1.0 cannot carry at all.
// generic object: graphology's attribute bags, any keys
function clean(attrs: Record<string, unknown>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = typeof v === 'string' ? xmlSafe(v) : (v as Scalar);
  return out;
}

/** `#d62728` → `rgb(214,39,40)`. */
export function rgbOf(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}

export function writeGexf(
  sub: RingSubgraph,
  positions: Record<string, { x: number; y: number }>,
  meta: { creator: string },
): string {
  const graph = toGraph(sub);
  graph.replaceAttributes({
    creator: meta.creator,
    description: `ringmap ring ${sub.ringId} of run ${sub.runId}`,
  });
  const xml = writeGexfString(graph, {
    version: '1.3',
    formatNode: (key, attributes) => {
      const { label, ...rest } = attributes;
      const p = positions[key] ?? { x: 0, y: 0 };
      return {
        label: xmlSafe(String(label)),
        attributes: clean(rest),
        viz: {
          x: p.x,
          y: p.y,
          size: nodeSize(String(rest.kind), rest),
          // NOTE: as rgb(), which the writer turns into r/g/b attributes: GEXF 1.3 also allows hex=, but networkx and
          // Gephi read only r, g, b
          color: rgbOf(nodeColor(String(rest.kind), rest)),
        },
      };
    },
    formatEdge: (_key, attributes) => {
      const { label, ...rest } = attributes;
      return { label: xmlSafe(String(label ?? '')), attributes: clean(rest) };
    },
  });
  // NOTE: GEXF's normative grammar (gexf.rng) admits no xsi: attributes; the hint is for XSD tools, which need none
  return xml.replace(/ xmlns:xsi="[^"]*" xsi:schemaLocation="[^"]*"/, '');
}
