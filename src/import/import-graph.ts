// The graph that the ingest queries (cypher/ingest/*.cypher) would write for validated batches, built in memory for
// Neo4j's offline importer: the same MERGE keys, ON CREATE / SET rules and statement order, batch after batch.
import type { ClaimRow, ComplaintRow, NamedPartyRow, ValidBatch } from '../ingest/ingest.schema.js';
import { widen, type ObservedTimes } from '../ingest/observed-times.js';

/** Property values as the importer types them (see import-csv.ts); undefined: no property. */
export type Props = Record<string, string | number | boolean | string[] | undefined>;

export const NODE_LABELS = [
  'Institution',
  'Actor',
  'Phone',
  'Account',
  'Device',
  'Identifier',
  'Complaint',
  'Claim',
  'Correction',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const REL_TYPES = [
  'USES_PHONE',
  'HOLDS',
  'USES_DEVICE',
  'HAS_IDENTIFIER',
  'FILED',
  'AGAINST',
  'CONTACT',
  'PAYOUT_TO',
  'REPRESENTED_BY',
  'NAMES',
  'CORRECTED',
  'TRANSFERRED',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export interface Rel {
  start: string;
  end: string;
  props: Props;
}

/** A record the importer cannot take although each request alone was valid (Neo4j would refuse it too). */
export class ImportConflictError extends Error {}

/** Node ids of the importer: a label's prefix and the node's key (one id space for all labels). */
const PREFIX: Record<NodeLabel, string> = {
  Institution: 'I:',
  Actor: 'A:',
  Phone: 'P:',
  Account: 'B:',
  Device: 'D:',
  Identifier: 'X:',
  Complaint: 'C:',
  Claim: 'L:',
  Correction: 'R:',
};

export const nodeId = (label: NodeLabel, key: string): string => PREFIX[label] + key;

const withSource = (list: string[] | undefined, source: string): string[] =>
  list === undefined ? [source] : list.includes(source) ? list : [...list, source];

export class ImportGraph {
  readonly nodes = new Map<NodeLabel, Map<string, Props>>(NODE_LABELS.map((l) => [l, new Map()]));
  readonly rels = new Map<RelType, Map<string, Rel>>(REL_TYPES.map((t) => [t, new Map()]));
  private corrections = 0;

  /** `now` is the load time written to firstSeen/lastSeen, as the ingest queries write their `$now`. */
  constructor(private readonly now: string) {}

  counts(): { nodes: number; relationships: number } {
    let nodes = 0;
    let relationships = 0;
    for (const m of this.nodes.values()) nodes += m.size;
    for (const m of this.rels.values()) relationships += m.size;
    return { nodes, relationships };
  }

  /** One batch, statement by statement in IngestService.write's order. */
  add(batch: ValidBatch): void {
    for (const r of batch.institutions) {
      const i = this.merge('Institution', r.name, { name: r.name, source: r.source, firstSeen: this.now });
      if (r.type !== null) i.type = r.type;
      i.sources = withSource(i.sources as string[] | undefined, r.source);
      i.lastSeen = this.now;
    }
    for (const r of batch.actors) {
      const a = this.merge('Actor', r.id, { id: r.id, source: r.source, firstSeen: this.now });
      a.kind = r.kind ?? a.kind ?? 'person';
      if (r.name !== null) a.name = r.name;
      if (r.idNumberHash !== null) a.idNumberHash = r.idNumberHash;
      a.sources = withSource(a.sources as string[] | undefined, r.source);
      a.lastSeen = this.now;
    }
    for (const r of batch.actors)
      for (const x of r.phones) {
        this.touch('Phone', x.number, { number: x.number, source: r.source, firstSeen: this.now });
        this.owned('USES_PHONE', r.id, nodeId('Phone', x.number), r.source, x);
      }
    for (const r of batch.actors)
      for (const x of r.accounts) {
        const acc = this.merge('Account', x.id, { id: x.id, source: r.source, firstSeen: this.now });
        if (x.kind !== null) acc.kind = x.kind;
        if (x.institution !== null) acc.institution = x.institution;
        acc.lastSeen = this.now;
        this.owned('HOLDS', r.id, nodeId('Account', x.id), r.source, x);
      }
    for (const r of batch.actors)
      for (const x of r.devices) {
        this.touch('Device', x.id, { id: x.id, source: r.source, firstSeen: this.now });
        this.owned('USES_DEVICE', r.id, nodeId('Device', x.id), r.source, x);
      }
    for (const r of batch.actors)
      for (const x of r.identifiers) {
        const node = this.merge('Identifier', x.key, {
          key: x.key,
          kind: x.kind,
          value: x.value,
          source: r.source,
          sources: [r.source],
          firstSeen: this.now,
        });
        node.sources = withSource(node.sources as string[] | undefined, r.source);
        node.lastSeen = this.now;
        const h = this.owned('HAS_IDENTIFIER', r.id, nodeId('Identifier', x.key), r.source, x, {
          sources: [r.source],
        });
        h.sources = withSource(h.sources as string[] | undefined, r.source);
      }
    for (const r of batch.complaints) this.filing('Complaint', r);
    for (const r of batch.complaints) this.namedParties('Complaint', r.id, r.namedParties, r.source);
    for (const r of batch.claims) this.filing('Claim', r);
    for (const r of batch.claims) this.namedParties('Claim', r.id, r.namedParties, r.source);
    for (const r of batch.transfers) {
      for (const id of [r.from, r.to])
        this.merge('Account', id, { id, source: r.source, firstSeen: this.now, lastSeen: this.now });
      const rels = this.rels.get('TRANSFERRED')!;
      const prior = rels.get(r.id);
      const start = nodeId('Account', r.from);
      const end = nodeId('Account', r.to);
      if (prior && (prior.start !== start || prior.end !== end))
        throw new ImportConflictError(
          `transfer "${r.id}" is sent twice with different accounts (constraint transfer_id)`,
        );
      if (!prior)
        rels.set(r.id, {
          start,
          end,
          props: { id: r.id, amount: r.amount, at: r.at, source: r.source, firstSeen: this.now },
        });
    }
  }

  private merge(label: NodeLabel, key: string, onCreate: Props): Props {
    const m = this.nodes.get(label)!;
    let p = m.get(key);
    if (!p) {
      p = onCreate;
      m.set(key, p);
    }
    return p;
  }

  /** MERGE … ON CREATE SET …, SET lastSeen: what every phone, device and named party gets. */
  private touch(label: NodeLabel, key: string, onCreate: Props): Props {
    const p = this.merge(label, key, onCreate);
    p.lastSeen = this.now;
    return p;
  }

  /**
   * An actor's own tie (actor-phones/-accounts/-devices/-identifiers.cypher): MERGE, SET lastSeen, and the event
   * times widened to the earliest and latest reported (observed-times.ts, the queries' CASE rules).
   */
  private owned(
    type: RelType,
    actorId: string,
    end: string,
    source: string,
    times: ObservedTimes,
    extra: Props = {},
  ): Props {
    const p = this.tie(type, nodeId('Actor', actorId), end, source, extra).props;
    p.lastSeen = this.now;
    const held = {
      observedAt: (p.observedAt as string | undefined) ?? null,
      lastObservedAt: (p.lastObservedAt as string | undefined) ?? null,
    };
    widen(held, times);
    p.observedAt = held.observedAt ?? undefined;
    p.lastObservedAt = held.lastObservedAt ?? undefined;
    return p;
  }

  /** MERGE (start)-[:TYPE]->(end) ON CREATE SET source, firstSeen (and `extra`). */
  private tie(type: RelType, start: string, end: string, source: string, extra: Props = {}): Rel {
    const m = this.rels.get(type)!;
    const key = `${start}\u0000${end}`;
    let r = m.get(key);
    if (!r) {
      r = { start, end, props: { source, firstSeen: this.now, ...extra } };
      m.set(key, r);
    }
    return r;
  }

  private filing(label: 'Complaint' | 'Claim', r: ComplaintRow | ClaimRow): void {
    const c = this.merge(label, r.id, { id: r.id, source: r.source, firstSeen: this.now });
    const set = (k: string, v: string | number | null) => {
      if (v === null) delete c[k];
      else c[k] = v;
    };
    set('filedAt', r.filedAt);
    let filerId: string;
    let institution: string;
    if (label === 'Complaint') {
      const x = r as ComplaintRow;
      set('category', x.category);
      set('channel', x.channel);
      set('text', x.text);
      filerId = x.complainantId;
      institution = x.institution;
    } else {
      const x = r as ClaimRow;
      set('kind', x.kind);
      set('policyNumber', x.policyNumber);
      filerId = x.claimantId;
      institution = x.insurer;
    }
    set('amount', r.amount);
    c.lastSeen = this.now;

    const cid = nodeId(label, r.id);
    const filer = nodeId('Actor', filerId);
    // A filing has one filer: another one replaces it and the change stays as a correction (complaints.cypher).
    const filed = this.rels.get('FILED')!;
    for (const [key, rel] of this.filedBy(cid)) {
      if (rel.start === filer) continue;
      const corr = `${++this.corrections}`;
      this.nodes.get('Correction')!.set(corr, {
        field: label === 'Complaint' ? 'complainantId' : 'claimantId',
        from: rel.start.slice(PREFIX.Actor.length),
        to: filerId,
        source: r.source,
        at: this.now,
        previousSource: rel.props.source as string,
      });
      const end = nodeId('Correction', corr);
      this.rels.get('CORRECTED')!.set(`${cid}\u0000${end}`, { start: cid, end, props: {} });
      filed.delete(key);
      this.filers.delete(cid);
    }
    this.tie('FILED', filer, cid, r.source);
    this.filers.set(cid, filer);
    this.merge('Institution', institution, {
      name: institution,
      source: r.source,
      sources: [r.source],
      ...(label === 'Claim' ? { type: 'insurer' } : {}),
      firstSeen: this.now,
      lastSeen: this.now,
    });
    this.tie('AGAINST', cid, nodeId('Institution', institution), r.source);
    if (r.contactPhone !== null) {
      this.touch('Phone', r.contactPhone, { number: r.contactPhone, source: r.source, firstSeen: this.now });
      this.tie('CONTACT', cid, nodeId('Phone', r.contactPhone), r.source);
    }
    if (r.payoutAccount !== null) {
      this.touch('Account', r.payoutAccount, { id: r.payoutAccount, source: r.source, firstSeen: this.now });
      this.tie('PAYOUT_TO', cid, nodeId('Account', r.payoutAccount), r.source);
    }
    if (r.representativeId !== null)
      this.tie('REPRESENTED_BY', cid, nodeId('Actor', r.representativeId), r.source);
  }

  /** The filer of each filing, so a re-sent filing finds its FILED tie without a scan. */
  private readonly filers = new Map<string, string>();

  private filedBy(filingId: string): [string, Rel][] {
    const start = this.filers.get(filingId);
    if (start === undefined) return [];
    const key = `${start}\u0000${filingId}`;
    const rel = this.rels.get('FILED')!.get(key);
    return rel ? [[key, rel]] : [];
  }

  private namedParties(
    label: 'Complaint' | 'Claim',
    filingId: string,
    parties: NamedPartyRow[],
    source: string,
  ): void {
    for (const p of parties) {
      let target: string;
      if (p.kind === 'phone') {
        this.touch('Phone', p.target, { number: p.target, source, firstSeen: this.now });
        target = nodeId('Phone', p.target);
      } else if (p.kind === 'account') {
        this.touch('Account', p.target, { id: p.target, source, firstSeen: this.now });
        target = nodeId('Account', p.target);
      } else {
        this.touch('Identifier', p.target, {
          key: p.target,
          kind: p.identifierKind ?? undefined,
          value: p.value,
          source,
          sources: [source],
          firstSeen: this.now,
        });
        target = nodeId('Identifier', p.target);
      }
      const n = this.tie('NAMES', nodeId(label, filingId), target, source, { extracted: p.extracted }).props;
      n.extracted = (n.extracted as boolean) && p.extracted;
      if (p.name !== null) n.name = p.name;
      n.lastSeen = this.now;
    }
  }
}
