// Reads one ring's evidence subgraph from Neo4j: members, their identifiers and filings, and transfers among them.
import { utcTime } from '../shared/utc-time.js';
import type { Db, Row } from '../store/db.js';
import {
  EVIDENCE_KIND_OF,
  RELATIONSHIP_LABEL,
  type ExportEdge,
  type ExportNode,
  type NodeKind,
  type Relationship,
  type RingSubgraph,
  type Scalar,
} from './export.types.js';

export const SUBGRAPH_QUERIES = [
  'export/ring-members',
  'export/member-identifiers',
  'export/member-filings',
  'export/member-transfers',
] as const;

/** A node's properties as Neo4j returns them, or the attributes an export node is given. */
type Props = Row;

const IDENTIFIER_KIND: Record<string, NodeKind> = {
  USES_PHONE: 'phone',
  HOLDS: 'account',
  USES_DEVICE: 'device',
  CONTACT: 'phone',
  PAYOUT_TO: 'account',
  REPRESENTED_BY: 'actor',
  AGAINST: 'institution',
};

export const nodeKey = (kind: NodeKind, ref: string): string => `${kind}:${ref}`;

/**
 * Keeps the attributes every format can carry: strings, finite numbers, booleans; lists joined with "; ".
 * Date-times are written in UTC (one convention in every export).
 */
function scalars(o: Props): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'string') out[k] = utcTime(v);
    else if (typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String).join('; ');
    else if (typeof v === 'bigint') out[k] = Number(v);
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

class SubgraphBuilder {
  private readonly nodes = new Map<string, ExportNode>();
  private readonly edges = new Map<string, ExportEdge>();

  constructor(private readonly hubs: ReadonlySet<string>) {}

  node(kind: NodeKind, ref: string, label: string, attributes: Props): string {
    const key = nodeKey(kind, ref);
    const existing = this.nodes.get(key);
    const attrs = scalars({ ref, ...attributes });
    // NOTE: a member actor is first added with its role; a later sighting (as some filing's representative)
    // must not overwrite that, only fill what is missing.
    if (existing) existing.attributes = { ...attrs, ...existing.attributes };
    else this.nodes.set(key, { key, kind, label, attributes: attrs });
    return key;
  }

  identifier(kind: NodeKind, target: Props): string {
    const ref = String(target.key);
    // NOTE: firstSeen/lastSeen in the store are when ringmap loaded records naming it, never when anything happened
    const attrs: Props = {
      source: target.source,
      firstLoadedAt: target.firstSeen,
      lastLoadedAt: target.lastSeen,
      totalLinks: target.totalLinks,
    };
    if (kind === 'account') {
      attrs.accountKind = target.kind;
      attrs.institution = target.institution;
    }
    if (kind === 'phone' || kind === 'account' || kind === 'device') attrs.hub = this.hubs.has(ref);
    if (kind === 'institution') {
      attrs.institutionType = target.type;
      attrs.sources = target.sources;
    }
    if (kind === 'actor') {
      attrs.actorKind = target.kind;
      attrs.name = target.name;
      attrs.sources = target.sources;
      attrs.hasIdNumber = target.hasIdNumber === true;
      attrs.member = false;
    }
    const label =
      kind === 'actor' && typeof target.name === 'string' && target.name ? `${target.name} (${ref})` : ref;
    return this.node(kind, ref, label, attrs);
  }

  edge(relationship: Relationship, from: string, to: string, attributes: Props, discriminator = ''): void {
    const key = `${relationship}:${from}->${to}${discriminator ? `#${discriminator}` : ''}`;
    if (this.edges.has(key)) return;
    this.edges.set(key, {
      key,
      from,
      to,
      relationship,
      attributes: scalars({
        relationship,
        evidenceKind: EVIDENCE_KIND_OF[relationship],
        label: RELATIONSHIP_LABEL[relationship],
        ...attributes,
      }),
    });
  }

  result(ringId: string, runId: string): RingSubgraph {
    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return {
      ringId,
      runId,
      nodes: [...this.nodes.values()].sort(byKey),
      edges: [...this.edges.values()].sort(byKey),
    };
  }
}

export class RingSubgraphReader {
  constructor(private readonly db: Db) {
    db.require(SUBGRAPH_QUERIES);
  }

  /**
   * The ring's members and what ties them together, read in one transaction so the parts agree. Identifiers are
   * reached only from members, never the other way, so a hub (a hotline on thousands of complaints) is a node
   * here but brings none of its other users along.
   */
  async read(runId: string, ringId: string, hubs: ReadonlySet<string>): Promise<RingSubgraph | undefined> {
    return this.db.inRead(async (tx) => {
      const members = await tx.run('export/ring-members', { runId, ringId });
      if (members.length === 0) return undefined;
      const actorIds = members.map((m) => String(m.id));
      const identifiers = await tx.run('export/member-identifiers', { actorIds });
      const filings = await tx.run('export/member-filings', { actorIds });
      const transfers = await tx.run('export/member-transfers', { actorIds });
      return build(ringId, runId, hubs, members, identifiers, filings, transfers);
    });
  }
}

function build(
  ringId: string,
  runId: string,
  hubs: ReadonlySet<string>,
  members: Row[],
  identifiers: Row[],
  filings: Row[],
  transfers: Row[],
): RingSubgraph {
  const b = new SubgraphBuilder(hubs);
  for (const m of members) {
    const id = String(m.id);
    const name = str(m.name);
    b.node('actor', id, name ? `${name} (${id})` : id, {
      actorKind: m.kind,
      name,
      member: true,
      role: m.role,
      strength: m.strength,
      summary: m.summary,
      hasIdNumber: m.hasIdNumber === true,
      source: m.source,
      sources: m.sources,
      firstLoadedAt: m.firstSeen,
      lastLoadedAt: m.lastSeen,
    });
  }

  for (const r of identifiers) {
    const rel = String(r.rel) as Relationship;
    const kind = IDENTIFIER_KIND[rel];
    if (!kind) continue;
    const target = b.identifier(kind, r.target as Props);
    // `date`: the earliest time a source reported the actor using or holding it, `lastDate` the latest; none when
    // no source said when (never when ringmap loaded the record: that is firstLoadedAt/lastLoadedAt)
    b.edge(rel, nodeKey('actor', String(r.actorId)), target, {
      source: r.source,
      date: r.observedAt,
      lastDate: r.lastObservedAt,
      firstLoadedAt: r.firstSeen,
      lastLoadedAt: r.lastSeen,
    });
  }

  for (const r of filings) {
    const f = r.filing as Props;
    const type = r.type === 'claim' ? 'claim' : 'complaint';
    const fid = String(f.id);
    const filingKey = b.node(type, fid, `${type} ${fid}`, {
      filedAt: f.filedAt,
      category: f.category,
      channel: f.channel,
      claimKind: f.kind,
      policyNumber: f.policyNumber,
      amount: f.amount,
      text: f.text,
      source: f.source,
      firstLoadedAt: f.firstSeen,
      lastLoadedAt: f.lastSeen,
    });
    b.edge('FILED', nodeKey('actor', String(r.actorId)), filingKey, {
      source: r.filedSource ?? f.source,
      firstLoadedAt: r.filedFirstSeen,
      date: f.filedAt,
      recordId: fid,
    });
    for (const link of r.links as Props[]) {
      const rel = String(link.rel) as Relationship;
      const kind = IDENTIFIER_KIND[rel];
      if (!kind) continue;
      const target = b.identifier(kind, link.target as Props);
      b.edge(rel, filingKey, target, {
        source: link.source,
        firstLoadedAt: link.firstSeen,
        date: f.filedAt,
        recordId: fid,
      });
    }
  }

  // both ends are accounts members hold, so they are nodes already (added from HOLDS above)
  for (const t of transfers) {
    const from = nodeKey('account', String(t.fromAccount));
    const to = nodeKey('account', String(t.toAccount));
    b.edge(
      'TRANSFERRED',
      from,
      to,
      {
        transferId: t.id,
        amount: t.amount,
        source: t.source,
        firstLoadedAt: t.firstSeen,
        date: t.at,
      },
      String(t.id),
    );
  }
  return b.result(ringId, runId);
}
