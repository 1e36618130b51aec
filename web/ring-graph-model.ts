// Turns a ring report into the nodes and edges the ring page draws: members, victims, identifiers, filings, money.
import type { Filing, RingReport } from './api-types.js';

export type NodeKind = 'member' | 'victim' | 'identifier' | 'filing';

export interface GraphNode {
  key: string;
  kind: NodeKind;
  /** Role for people, identifier kind (phone, account…) for identifiers, complaint/claim for filings. */
  category: string;
  label: string;
  /** The actor id, identifier string or filing id the node stands for. */
  ref: string;
}

export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  category: 'identifier' | 'filed' | 'transfer' | 'represented' | 'victim';
}

export const NODE_COLORS: Record<string, string> = {
  organizer: '#c0392b',
  agent: '#d35400',
  member: '#2471a3',
  victim: '#7d3c98',
  phone: '#1e8449',
  account: '#6e4b3a',
  device: '#566573',
  identifier: '#909497',
  complaint: '#b7950b',
  claim: '#148f77',
};

export const EDGE_COLORS: Record<GraphEdge['category'], string> = {
  identifier: '#aab2bd',
  filed: '#d0d3d4',
  transfer: '#c0392b',
  represented: '#e59866',
  victim: '#c39bd3',
};

/** Filings drawn at most; a ring with more shows the earliest ones and says how many were left out. */
export const MAX_FILINGS_DRAWN = 300;

export interface RingGraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  filingsLeftOut: number;
}

export function ringGraphModel(ring: RingReport): RingGraphModel {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const add = (n: GraphNode) => {
    if (!nodes.has(n.key)) nodes.set(n.key, n);
  };
  const link = (source: string, target: string, category: GraphEdge['category']) => {
    if (!nodes.has(source) || !nodes.has(target) || source === target) return;
    const key = `${category}:${source}->${target}`;
    if (!edges.has(key)) edges.set(key, { key, source, target, category });
  };
  const actorKey = (id: string) => `actor:${id}`;

  for (const m of ring.members)
    add({ key: actorKey(m.id), kind: 'member', category: m.role, label: m.name ?? m.id, ref: m.id });
  for (const v of ring.victims ?? []) {
    if (nodes.has(actorKey(v.actorId))) continue; // never drawn as a victim when it is a member
    add({ key: actorKey(v.actorId), kind: 'victim', category: 'victim', label: v.actorId, ref: v.actorId });
  }

  // NOTE: masked identifiers can collide ("****" for two accounts without digits), so keys are positional
  const identifierKeys = new Map<string, string>();
  ring.sharedIdentifiers.forEach((s, i) => {
    if (s.kind === 'agent' && nodes.has(actorKey(s.identifier))) {
      for (const id of s.memberIds) link(actorKey(id), actorKey(s.identifier), 'represented');
      return;
    }
    const key = `identifier:${i}`;
    const category = ['phone', 'account', 'device'].includes(s.kind) ? s.kind : 'identifier';
    add({ key, kind: 'identifier', category, label: s.identifier, ref: s.identifier });
    identifierKeys.set(`${s.kind}|${s.identifier}`, key);
    for (const id of s.memberIds) link(actorKey(id), key, 'identifier');
  });

  const filings: (Filing & { type: 'complaint' | 'claim' })[] = [
    ...ring.complaints.map((f) => ({ ...f, type: 'complaint' as const })),
    ...ring.claims.map((f) => ({ ...f, type: 'claim' as const })),
  ].sort((a, b) => (a.filedAt < b.filedAt ? -1 : a.filedAt > b.filedAt ? 1 : a.id < b.id ? -1 : 1));
  const drawn = filings.slice(0, MAX_FILINGS_DRAWN);
  for (const f of drawn) {
    const key = `filing:${f.id}`;
    add({ key, kind: 'filing', category: f.type, label: f.id, ref: f.id });
    link(actorKey(f.filedBy), key, nodes.get(actorKey(f.filedBy))?.kind === 'victim' ? 'victim' : 'filed');
    const phone = f.contactPhone && identifierKeys.get(`phone|${f.contactPhone}`);
    if (phone) link(key, phone, 'identifier');
    const account = f.payoutAccount && identifierKeys.get(`account|${f.payoutAccount}`);
    if (account) link(key, account, 'identifier');
    if (f.representativeId) link(key, actorKey(f.representativeId), 'represented');
  }

  // a victim points at the members whose identifiers its filings name
  for (const v of ring.victims ?? [])
    for (const m of v.namedMemberIds) link(actorKey(v.actorId), actorKey(m), 'victim');

  for (const flow of ring.moneyFlows)
    if (flow.kind === 'transfer')
      for (const from of flow.fromActorIds)
        for (const to of flow.toActorIds) link(actorKey(from), actorKey(to), 'transfer');

  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    filingsLeftOut: filings.length - drawn.length,
  };
}

export function nodeColor(n: GraphNode): string {
  return NODE_COLORS[n.category] ?? NODE_COLORS.identifier!;
}

/** Radii in sigma's units (about 3.5 px each at the default zoom of a ring-sized graph). */
export function nodeSize(n: GraphNode): number {
  if (n.kind === 'member') return n.category === 'organizer' ? 5 : n.category === 'agent' ? 4.2 : 3.4;
  if (n.kind === 'victim') return 3;
  if (n.kind === 'identifier') return 2.8;
  return 2;
}
