// Why each member is in its ring, and the ring's shared identifiers, filings, timeline and money flows.
import type { EvidenceKind } from './evidence.types.js';
import { compareEvidence } from './evidence-graph.js';
import type {
  MemberEvidence,
  MoneyFlow,
  RingMember,
  SharedIdentifier,
  TimelineDay,
  TimelineFiling,
  TimelineTransfer,
} from './ring.types.js';
import type { RingContext } from './ring-context.js';
import type { RingRoles } from './ring-roles.js';
import { compareTimes, dayOf } from './iso-time.js';
import { compareStrings, round, sortedUnique } from './ordering.js';

const DIRECTED_VIAS = new Set(['contact', 'payout', 'represented_by']);
const OWNING_VIAS = new Set(['uses', 'holds', 'is_agent']);

interface Accumulator {
  item: MemberEvidence;
  with: Set<string>;
  records: Set<string>;
  own: Set<string>;
  sources: Set<string>;
  via: Set<string>;
}

/** Per member: the evidence tying it to other members, grouped by identifier and strongest first. */
export function explainMembers(ctx: RingContext, roles: RingRoles): RingMember[] {
  const byMember = new Map<string, Map<string, Accumulator>>(ctx.members.map((id) => [id, new Map()]));
  const ownFilings = new Map(
    ctx.members.map((id) => [id, new Set(ctx.graph.filingsOf(id).map((f) => f.id))]),
  );
  for (const pair of ctx.pairs) {
    for (const e of pair.evidence) {
      e.actors.forEach((self, side) => {
        const other = e.actors[1 - side]!;
        const groups = byMember.get(self);
        if (groups === undefined) return;
        const key = `${e.kind}\u0000${e.identifier}`;
        let acc = groups.get(key);
        if (acc === undefined) {
          acc = {
            item: {
              kind: e.kind,
              identifierKind: e.identifierKind,
              identifier: e.identifier,
              via: [],
              withActorIds: [],
              withCount: 0,
              ownRecordIds: [],
              recordIds: [],
              sources: [],
              weight: 0,
            },
            with: new Set(),
            records: new Set(),
            own: new Set(),
            sources: new Set(),
            via: new Set(),
          };
          groups.set(key, acc);
        }
        acc.with.add(other);
        for (const via of e.vias[side] ?? []) acc.via.add(via);
        for (const source of e.sources) acc.sources.add(source);
        const mine = ownFilings.get(self);
        for (const record of e.recordIds) {
          acc.records.add(record);
          if (e.kind === 'transfer' || mine?.has(record)) acc.own.add(record);
        }
        acc.item.weight += e.weight;
        if (e.amount !== undefined) acc.item.amount = (acc.item.amount ?? 0) + e.amount;
        if (e.firstAt && (!acc.item.firstAt || compareTimes(e.firstAt, acc.item.firstAt) < 0))
          acc.item.firstAt = e.firstAt;
        if (e.lastAt && (!acc.item.lastAt || compareTimes(e.lastAt, acc.item.lastAt) > 0))
          acc.item.lastAt = e.lastAt;
      });
    }
  }

  return ctx.members.map((actorId) => {
    const evidence = [...(byMember.get(actorId)?.values() ?? [])]
      .map((acc) => {
        const item = acc.item;
        item.via = sortedUnique(acc.via) as MemberEvidence['via'];
        item.withActorIds = sortedUnique(acc.with);
        item.withCount = acc.with.size;
        item.recordIds = sortedUnique(acc.records);
        item.ownRecordIds = sortedUnique(acc.own);
        item.sources = sortedUnique(acc.sources);
        item.weight = round(item.weight, 4);
        if (item.amount !== undefined) item.amount = round(item.amount, 2);
        return item;
      })
      .sort(compareEvidence);
    const role = roles.roles.get(actorId) ?? 'member';
    return {
      actorId,
      kind: ctx.kindOf.get(actorId) ?? 'person',
      role,
      strength: round(ctx.strength.get(actorId) ?? 0, 4),
      evidence,
      summary: summarize(actorId, evidence, ctx, roles),
    };
  });
}

const NOUN: Readonly<Record<EvidenceKind, string>> = {
  contact_phone: 'phone',
  payout_account: 'account',
  representation: 'agent',
  transfer: 'account',
  shared_device: 'device',
  shared_account: 'account',
  shared_phone: 'phone',
};

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function summarize(actorId: string, evidence: MemberEvidence[], ctx: RingContext, roles: RingRoles): string {
  const roleOf = (id: string): string => `${roles.roles.get(id) ?? 'member'} ${id}`;
  const recordLabel = (ids: string[]): string => {
    const first = ids[0];
    if (first === undefined) return 'its filing';
    const type = ctx.filingById.get(first)?.type ?? 'filing';
    return ids.length === 1 ? `${type} ${first}` : `${type}s ${first} and ${ids.length - 1} more`;
  };
  const membersOn = (item: MemberEvidence): number => item.withCount + 1;

  if (roles.organizerId === actorId) {
    const entry = roles.pointedBy.get(actorId);
    const owned = evidence.filter(
      (e) =>
        e.kind !== 'transfer' &&
        e.via.some((v) => OWNING_VIAS.has(v)) &&
        e.kind !== 'shared_phone' &&
        e.kind !== 'shared_account' &&
        e.kind !== 'shared_device',
    );
    const parts: string[] = [];
    const top = owned[0];
    if (top) {
      const what =
        top.kind === 'representation'
          ? `${top.withCount} members are represented by it`
          : top.kind === 'payout_account'
            ? `${top.withCount} members have refunds paid into its account ${top.identifier}`
            : `${top.withCount} members write its phone ${top.identifier} as contact`;
      parts.push(what);
    }
    const paid = entry?.viaTransfers.size ?? 0;
    if (paid > 0) {
      const received = ctx.internalTransfers.filter((t) => t.toActor === actorId);
      const total = received.reduce((s, t) => s + t.amount, 0);
      parts.push(
        `${paid} members sent it ${received.length} transfers totalling ${formatAmount(round(total, 2))}`,
      );
    }
    if (parts.length === 0) parts.push(`${entry?.viaIdentifiers.size ?? 0} members point at it`);
    return `organizer: ${parts.join('; ')}.`;
  }

  const directed = evidence.find(
    (e) =>
      e.kind !== 'transfer' &&
      e.via.some((v) => DIRECTED_VIAS.has(v)) &&
      !e.via.some((v) => OWNING_VIAS.has(v)),
  );
  const top = directed ?? evidence[0];
  if (top === undefined) return 'no evidence ties it to the other members.';
  const owners =
    ctx.identifiers.find((id) => id.kind === top.identifierKind && id.identifier === top.identifier)
      ?.owners ?? [];
  const ownerText = owners.length > 0 ? owners.map(roleOf).join(', ') : 'no member';

  switch (top.kind) {
    case 'contact_phone':
      if (top.via.includes('contact') && !top.via.includes('uses')) {
        return `${recordLabel(top.ownRecordIds)} lists contact phone ${top.identifier} used by ${ownerText}; ${membersOn(top)} members share it.`;
      }
      return `uses phone ${top.identifier}, which ${top.withCount} other members list as contact.`;
    case 'payout_account':
      if (top.via.includes('payout') && !top.via.includes('holds')) {
        return `${recordLabel(top.ownRecordIds)} pays out to account ${top.identifier} held by ${ownerText}; ${membersOn(top)} members share it.`;
      }
      return `holds account ${top.identifier}, into which ${top.withCount} other members have refunds paid.`;
    case 'representation':
      if (top.via.includes('represented_by')) {
        const agents = owners.length > 0 ? ownerText : top.identifier;
        return `${recordLabel(top.ownRecordIds)} is represented by ${agents}, who represents ${top.withCount} other members.`;
      }
      return `represents ${top.withCount} members (${top.recordIds.length} complaints/claims).`;
    case 'transfer': {
      const sent = top.via.includes('transfer_out');
      const amount = formatAmount(top.amount ?? 0);
      return sent && top.withCount === 1
        ? `sent ${top.ownRecordIds.length} transfers (${amount}) to ${roleOf(top.withActorIds[0] ?? '')}, account ${top.identifier}.`
        : `exchanged ${top.ownRecordIds.length} transfers (${amount}) with ${top.withCount} members through account ${top.identifier}.`;
    }
    default: {
      const shown = top.withActorIds.slice(0, 5).join(', ');
      const more = top.withCount > 5 ? ` and ${top.withCount - 5} more` : '';
      return `shares ${NOUN[top.kind]} ${top.identifier} with ${top.withCount} members (${shown}${more}).`;
    }
  }
}

/** Identifiers tied to at least two members. */
export function sharedIdentifiers(ctx: RingContext): SharedIdentifier[] {
  return ctx.identifiers.map((id) => ({
    identifier: id.identifier,
    kind: id.kind,
    memberIds: [...id.vias.keys()],
    actorCount: id.actorCount,
  }));
}

/** Members' filings and the transfers they sent, per calendar day. */
export function ringTimeline(ctx: RingContext): TimelineDay[] {
  const days = new Map<string, TimelineDay>();
  const day = (at: string): TimelineDay => {
    const date = dayOf(at);
    let entry = days.get(date);
    if (entry === undefined) days.set(date, (entry = { date, filings: [], transfers: [] }));
    return entry;
  };
  for (const f of ctx.filings) {
    const item: TimelineFiling = {
      id: f.id,
      type: f.type,
      actorId: f.actorId,
      category: f.category,
      institution: f.institution,
      at: f.filedAt,
    };
    if (f.amount !== undefined) item.amount = f.amount;
    day(f.filedAt).filings.push(item);
  }
  for (const t of ctx.transfersOut) {
    const item: TimelineTransfer = {
      id: t.transferId,
      fromActor: t.fromActor,
      toActor: t.toActor,
      fromAccount: t.fromAccount,
      toAccount: t.toAccount,
      amount: t.amount,
      at: t.at,
    };
    day(t.at).transfers.push(item);
  }
  return [...days.values()].sort((x, y) => compareStrings(x.date, y.date));
}

/** Money leaving members, summed per (from, to): transfers by account pair, foreign payouts by institution and account. */
export function ringMoneyFlows(ctx: RingContext): MoneyFlow[] {
  const flows = new Map<string, MoneyFlow & { fromSet: Set<string>; toSet: Set<string> }>();
  for (const e of ctx.moneyEvents) {
    const key = `${e.kind}\u0000${e.from}\u0000${e.account}`;
    let flow = flows.get(key);
    if (flow === undefined) {
      flow = {
        kind: e.kind,
        from: e.from,
        to: e.account,
        fromActorIds: [],
        toActorIds: [],
        count: 0,
        amount: 0,
        fromSet: new Set(),
        toSet: new Set(),
      };
      flows.set(key, flow);
    }
    flow.fromSet.add(e.payer);
    for (const r of e.recipients) flow.toSet.add(r);
    flow.count++;
    flow.amount += e.amount ?? 0;
    if (e.at !== undefined) {
      if (flow.firstAt === undefined || compareTimes(e.at, flow.firstAt) < 0) flow.firstAt = e.at;
      if (flow.lastAt === undefined || compareTimes(e.at, flow.lastAt) > 0) flow.lastAt = e.at;
    }
  }
  return [...flows.values()]
    .map(({ fromSet, toSet, ...flow }) => ({
      ...flow,
      fromActorIds: sortedUnique(fromSet),
      toActorIds: sortedUnique(toSet),
      amount: round(flow.amount, 2),
    }))
    .sort(
      (x, y) =>
        y.amount - x.amount ||
        y.count - x.count ||
        compareStrings(x.kind, y.kind) ||
        compareStrings(x.from, y.from) ||
        compareStrings(x.to, y.to),
    );
}
