// The export subgraph as a graphology graph (sorted, so every writer emits it in the same order), with styling.
import { MultiDirectedGraph } from 'graphology';
import type { RingSubgraph, Scalar } from './export.types.js';
import { layoutPositions } from './graph-layout.js';

export type NodeAttrs = Record<string, Scalar> & { label: string; kind: string };
export type EdgeAttrs = Record<string, Scalar>;

export function toGraph(sub: RingSubgraph): MultiDirectedGraph<NodeAttrs, EdgeAttrs> {
  const g = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  g.setAttribute('ringId', sub.ringId);
  g.setAttribute('runId', sub.runId);
  for (const n of sub.nodes) g.addNode(n.key, { ...n.attributes, label: n.label, kind: n.kind });
  for (const e of sub.edges) g.addDirectedEdgeWithKey(e.key, e.from, e.to, { ...e.attributes });
  return g;
}

export const ROLE_COLORS: Record<string, string> = {
  organizer: '#d62728',
  agent: '#ff7f0e',
  member: '#1f77b4',
};

export const KIND_COLORS: Record<string, string> = {
  actor: '#9467bd',
  phone: '#2ca02c',
  account: '#8c564b',
  device: '#7f7f7f',
  complaint: '#bcbd22',
  claim: '#17becf',
  institution: '#e377c2',
};

/** Members by role, everything else by kind; hubs are drawn dark so a shared hotline stands out as one. */
export function nodeColor(kind: string, a: Record<string, Scalar>): string {
  if (kind === 'actor' && a.member === true) return ROLE_COLORS[String(a.role)] ?? '#1f77b4';
  if (a.hub === true) return '#222222';
  return KIND_COLORS[kind] ?? '#999999';
}

export function nodeSize(kind: string, a: Record<string, Scalar>): number {
  if (kind === 'actor') return a.role === 'organizer' ? 14 : a.member === true ? 10 : 8;
  if (kind === 'institution') return 8;
  return 5;
}

/** Server-side positions (ANX, GEXF): the same layout report.html computes in the browser. */
export function positionsOf(sub: RingSubgraph): Record<string, { x: number; y: number }> {
  return layoutPositions(toGraph(sub));
}
