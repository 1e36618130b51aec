// The shapes an evidence export is built from: a ring's subgraph as flat nodes and edges, and the formats served.

export const EXPORT_FORMATS = ['bundle', 'graphml', 'gexf', 'csv', 'anx', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const NODE_KINDS = [
  'actor',
  'phone',
  'account',
  'device',
  'complaint',
  'claim',
  'institution',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const RELATIONSHIPS = [
  'USES_PHONE',
  'HOLDS',
  'USES_DEVICE',
  'FILED',
  'AGAINST',
  'CONTACT',
  'PAYOUT_TO',
  'REPRESENTED_BY',
  'TRANSFERRED',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** A scalar attribute: every export format can carry these without loss (lists are joined with "; "). */
export type Scalar = string | number | boolean;

/**
 * One node of the exported subgraph. `key` is unique across kinds (`actor:A-1`, `phone:+86…`); `ref` is the
 * natural id in ringmap (actor id, E.164 number, account id, device id, filing id, institution name).
 * Attributes never include the ID-number hash: only `hasIdNumber`.
 */
export interface ExportNode {
  key: string;
  kind: NodeKind;
  label: string;
  attributes: Record<string, Scalar>;
}

export interface ExportEdge {
  key: string;
  from: string;
  to: string;
  relationship: Relationship;
  attributes: Record<string, Scalar>;
}

export interface RingSubgraph {
  ringId: string;
  runId: string;
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/** What each relationship is evidence of, in the vocabulary of the ring reports' evidence kinds. */
export const EVIDENCE_KIND_OF: Record<Relationship, string> = {
  USES_PHONE: 'shared_phone',
  HOLDS: 'shared_account',
  USES_DEVICE: 'shared_device',
  CONTACT: 'contact_phone',
  PAYOUT_TO: 'payout_account',
  REPRESENTED_BY: 'representation',
  TRANSFERRED: 'transfer',
  FILED: 'filing',
  AGAINST: 'filing',
};

export const RELATIONSHIP_LABEL: Record<Relationship, string> = {
  USES_PHONE: 'uses phone',
  HOLDS: 'holds account',
  USES_DEVICE: 'uses device',
  FILED: 'filed',
  AGAINST: 'against',
  CONTACT: 'contact phone',
  PAYOUT_TO: 'payout to',
  REPRESENTED_BY: 'represented by',
  TRANSFERRED: 'transferred',
};
