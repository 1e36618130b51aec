// The in-memory index triage reads: which ring each member, identifier and burst belongs to, built once per run
// so scoring an incoming complaint never touches the projection.
import type { Link, LinkKind, RingRisk, TriageResult } from './triage.schema.js';
export interface IndexRing {
  ringId: string;
  score: number;
  typology: string;
  status: string;
  members: { id: string; role: string; kind: string }[];
}

export interface MemberIdentifierRow {
  actorId: string;
  kind: 'phone' | 'account' | 'device' | 'filing';
  identifier: string;
  via: string;
  institution?: string | null;
  at?: string | null;
}

export interface Incoming {
  complainantId: string;
  institution: string;
  filedAt: string;
  contactPhone?: string | null;
  payoutAccount?: string | null;
  representativeId?: string | null;
  /** The stored identifiers of the complainant, when it is a known actor. */
  known?: { phones: string[]; accounts: string[]; devices: string[] };
}

/**
 * How strongly one link ties an incoming record to a ring (0..1), before the ring's own score is applied.
 * NOTE: a burst alone (filing against the same institution while a ring files) is weak on purpose: honest
 * customers complain in waves too; it only adds to other links.
 */
export const LINK_STRENGTH: Readonly<Record<LinkKind, number>> = Object.freeze({
  complainant_is_member: 1.0,
  contact_phone: 0.9,
  payout_account: 0.9,
  represented_by_member: 0.8,
  shared_device: 0.6,
  shared_account: 0.6,
  shared_phone: 0.5,
  burst: 0.3,
});

export const BURST_WINDOW_MS = 72 * 3600 * 1000;
export const BURST_MIN_FILINGS = 3;
/** A confirmed ring raises the risk of what links to it. */
export const CONFIRMED_FACTOR = 1.25;

/** What the index finds for a record: the answer of POST /v1/score without the record's id and type and the run. */
export type IndexTriage = Omit<TriageResult, 'id' | 'type' | 'runId'>;

export function levelOf(risk: number): IndexTriage['level'] {
  return risk >= 60 ? 'high' : risk >= 30 ? 'elevated' : 'low';
}

type Hit = { ringId: string; actorId: string; via: string };

export class RingIndex {
  private readonly rings = new Map<string, IndexRing>();
  private readonly memberOf = new Map<string, { ringId: string; role: string }>();
  private readonly byIdentifier = new Map<string, Hit[]>();
  private readonly filings = new Map<string, { ringId: string; at: number; actorId: string }[]>();
  /** Stored phones/accounts/devices of every actor that shares one with a ring member (members included). */
  private readonly neighbours = new Map<
    string,
    { phones: string[]; accounts: string[]; devices: string[] }
  >();

  constructor(
    readonly runId: string | null,
    rings: IndexRing[],
    rows: MemberIdentifierRow[],
    /** Identifiers that link nothing: hubs of the run and allow-listed ones, with the reason. */
    private readonly ignoredIdentifiers: ReadonlyMap<string, string>,
  ) {
    for (const r of rings) {
      this.rings.set(r.ringId, r);
      for (const m of r.members) this.memberOf.set(m.id, { ringId: r.ringId, role: m.role });
    }
    for (const row of rows) {
      const ring = this.memberOf.get(row.actorId);
      if (!ring) continue;
      if (row.kind === 'filing') {
        if (!row.institution || !row.at) continue;
        const list = this.filings.get(row.institution) ?? [];
        list.push({ ringId: ring.ringId, at: Date.parse(row.at), actorId: row.actorId });
        this.filings.set(row.institution, list);
        continue;
      }
      const key = `${row.kind}:${row.identifier}`;
      const list = this.byIdentifier.get(key) ?? [];
      list.push({ ringId: ring.ringId, actorId: row.actorId, via: row.via });
      this.byIdentifier.set(key, list);
    }
    for (const list of this.filings.values()) list.sort((a, b) => a.at - b.at);
  }

  /** Adds what actors near the rings use or hold (see cypher/triage/neighbour-identifiers.cypher). */
  addNeighbours(rows: { actorId: string; kind: string; identifier: string }[]): void {
    for (const r of rows) {
      const n = this.neighbours.get(r.actorId) ?? { phones: [], accounts: [], devices: [] };
      const list = r.kind === 'phone' ? n.phones : r.kind === 'account' ? n.accounts : n.devices;
      if (!list.includes(r.identifier)) list.push(r.identifier);
      this.neighbours.set(r.actorId, n);
    }
  }

  /**
   * The complainant's stored identifiers that can matter: only those shared with ring members can link, so an
   * actor outside this map has none (as of the index build).
   */
  knownOf(actorId: string): Incoming['known'] {
    return this.neighbours.get(actorId) ?? { phones: [], accounts: [], devices: [] };
  }

  /** The ring members' own phones, accounts and devices (to find their neighbours). */
  memberIdentifiers(): { phones: string[]; accounts: string[]; devices: string[] } {
    const out = { phones: new Set<string>(), accounts: new Set<string>(), devices: new Set<string>() };
    for (const [key, hits] of this.byIdentifier) {
      if (!hits.some((h) => h.via === 'uses' || h.via === 'holds' || h.via === 'device')) continue;
      const [kind, ...rest] = key.split(':');
      const id = rest.join(':');
      if (kind === 'phone') out.phones.add(id);
      else if (kind === 'account') out.accounts.add(id);
      else if (kind === 'device') out.devices.add(id);
    }
    return { phones: [...out.phones], accounts: [...out.accounts], devices: [...out.devices] };
  }

  get size(): number {
    return this.rings.size;
  }

  score(incoming: Incoming): IndexTriage {
    const links: Link[] = [];
    const ignored: IndexTriage['ignored'] = [];
    const seenIgnored = new Set<string>();
    const ignore = (identifier: string, reason: string) => {
      if (!seenIgnored.has(identifier)) ignored.push({ identifier, reason });
      seenIgnored.add(identifier);
    };
    const byRing = (hits: Hit[]) => {
      const m = new Map<string, Hit[]>();
      for (const h of hits) m.set(h.ringId, [...(m.get(h.ringId) ?? []), h]);
      return m;
    };
    const identifierLinks = (
      kind: 'phone' | 'account' | 'device',
      identifier: string,
      linkKind: LinkKind,
      what: string,
    ) => {
      const reason = this.ignoredIdentifiers.get(`${kind}:${identifier}`);
      if (reason) return ignore(identifier, reason);
      for (const [ringId, hits] of byRing(this.byIdentifier.get(`${kind}:${identifier}`) ?? [])) {
        const members = [...new Set(hits.map((h) => h.actorId))].sort();
        const users = hits
          .filter((h) => h.via === 'uses' || h.via === 'holds' || h.via === 'device')
          .map((h) => h.actorId);
        const pointers = hits.filter((h) => h.via === 'contact' || h.via === 'payout').length;
        const parts: string[] = [];
        if (users.length)
          parts.push(
            `${kind === 'account' ? 'held' : 'used'} by ring member${users.length > 1 ? 's' : ''} ${[...new Set(users)].sort().join(', ')}`,
          );
        if (pointers) parts.push(`written on ${pointers} complaint(s)/claim(s) of ring members`);
        links.push({
          ringId,
          kind: linkKind,
          identifier,
          memberIds: members,
          detail: `${what} ${identifier} is ${parts.join(' and ')}`,
        });
      }
    };

    const member = this.memberOf.get(incoming.complainantId);
    if (member) {
      links.push({
        ringId: member.ringId,
        kind: 'complainant_is_member',
        identifier: null,
        memberIds: [incoming.complainantId],
        detail: `the complainant ${incoming.complainantId} is a ring member (${member.role})`,
      });
    }
    if (incoming.contactPhone)
      identifierLinks('phone', incoming.contactPhone, 'contact_phone', 'contact phone');
    if (incoming.payoutAccount)
      identifierLinks('account', incoming.payoutAccount, 'payout_account', 'payout account');
    if (incoming.representativeId) {
      const rep = this.memberOf.get(incoming.representativeId);
      if (rep) {
        links.push({
          ringId: rep.ringId,
          kind: 'represented_by_member',
          identifier: incoming.representativeId,
          memberIds: [incoming.representativeId],
          detail: `represented by ${incoming.representativeId}, a ring ${rep.role}`,
        });
      }
    }
    for (const p of incoming.known?.phones ?? [])
      if (p !== incoming.contactPhone) identifierLinks('phone', p, 'shared_phone', "the complainant's phone");
    for (const a of incoming.known?.accounts ?? [])
      if (a !== incoming.payoutAccount)
        identifierLinks('account', a, 'shared_account', "the complainant's account");
    for (const d of incoming.known?.devices ?? [])
      identifierLinks('device', d, 'shared_device', "the complainant's device");

    const at = Date.parse(incoming.filedAt);
    const nearby = (this.filings.get(incoming.institution) ?? []).filter(
      (f) => Math.abs(f.at - at) <= BURST_WINDOW_MS,
    );
    const burstByRing = new Map<string, string[]>();
    for (const f of nearby) burstByRing.set(f.ringId, [...(burstByRing.get(f.ringId) ?? []), f.actorId]);
    for (const [ringId, actors] of burstByRing) {
      if (actors.length < BURST_MIN_FILINGS) continue;
      const members = [...new Set(actors)].sort();
      links.push({
        ringId,
        kind: 'burst',
        identifier: incoming.institution,
        memberIds: members,
        detail: `filed within 72 h of ${actors.length} filings by ${members.length} ring members against ${incoming.institution}`,
      });
    }

    const perRing = new Map<string, Link[]>();
    for (const l of links) perRing.set(l.ringId, [...(perRing.get(l.ringId) ?? []), l]);
    const rings: RingRisk[] = [];
    for (const [ringId, ls] of perRing) {
      const ring = this.rings.get(ringId)!;
      const kinds = new Set(ls.map((l) => l.kind));
      const combined = 1 - [...kinds].reduce((p, k) => p * (1 - LINK_STRENGTH[k]), 1);
      let risk = 100 * combined * Math.sqrt(Math.min(100, Math.max(0, ring.score)) / 100);
      if (ring.status === 'confirmed') risk *= CONFIRMED_FACTOR;
      rings.push({
        ringId,
        ringScore: ring.score,
        typology: ring.typology,
        status: ring.status,
        risk: round(Math.min(100, risk)),
        links: ls,
      });
    }
    rings.sort((a, b) => b.risk - a.risk || (a.ringId < b.ringId ? -1 : 1));
    const risk = rings[0]?.risk ?? 0;
    const explanation =
      rings.length === 0
        ? `no link to a known ring${ignored.length ? ` (ignored: ${ignored.map((i) => `${i.identifier}: ${i.reason}`).join('; ')})` : ''}`
        : `${rings[0]!.links.map((l) => l.detail).join('; ')} — ring ${rings[0]!.ringId} (${rings[0]!.typology}, score ${rings[0]!.ringScore.toFixed(1)}${rings[0]!.status === 'confirmed' ? ', confirmed' : ''})`;
    return { risk, level: levelOf(risk), rings, ignored, explanation };
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
