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

/** Links: money moving is drawn red and thicker; every other link (an identifier, a filing) grey. */
export const EDGE_COLORS: Record<string, string> = {
  transfer: '#d62728',
  other: '#c8c8c8',
};

export function edgeColor(relationship: string): string {
  return relationship === 'TRANSFERRED' ? EDGE_COLORS.transfer! : EDGE_COLORS.other!;
}

/** What a reader of report.html sees for each attribute name: words, not field names. */
export const FIELD_WORDS: Record<string, string> = {
  ref: 'identifier',
  kind: 'kind',
  actorKind: 'kind of actor',
  accountKind: 'kind of account',
  claimKind: 'kind of claim',
  name: 'name',
  member: 'member of the ring',
  role: 'role in the ring',
  strength: 'strength of ties to the ring',
  summary: 'why in the ring',
  hasIdNumber: 'has an ID number on file',
  hub: 'shared too widely to link anyone (hub)',
  totalLinks: 'links in the whole database',
  institution: 'institution',
  institutionType: 'type of institution',
  source: 'reported by',
  sources: 'all reporting sources',
  filedAt: 'filed at (event time, UTC)',
  date: 'date of the event (UTC)',
  lastDate: 'last date the event was reported to hold (UTC)',
  category: 'category',
  channel: 'channel',
  policyNumber: 'policy number',
  amount: 'amount',
  text: 'text as filed',
  relationship: 'relationship',
  evidenceKind: 'kind of evidence',
  label: 'label',
  recordId: 'record',
  transferId: 'transfer',
  firstLoadedAt: 'first loaded into ringmap (not an event)',
  lastLoadedAt: 'last loaded into ringmap (not an event)',
};

/** The words for a field name: from FIELD_WORDS, else the name split into lower-case words. */
export function fieldWords(name: string): string {
  return (
    FIELD_WORDS[name] ??
    name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase()
  );
}
