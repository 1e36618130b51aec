// A ring's shared identifiers, timeline, money flows, templates, bursts and collection accounts, from its context.
import type {
  MoneyFlow,
  RingBurst,
  RingCollection,
  RingTemplate,
  SharedIdentifier,
  TimelineDay,
  TimelineFiling,
  TimelineTransfer,
} from './ring.types.js';
import type { RingContext } from './ring-context.js';
import { compareTimes, dayOf, timeMs } from './iso-time.js';
import { compareStrings, round, sortedUnique } from './ordering.js';

/** Identifiers tied to at least two members. */
export function sharedIdentifiers(ctx: RingContext): SharedIdentifier[] {
  const threshold = ctx.graph.params.hubThreshold;
  return ctx.identifiers.map((id) => {
    const memberIds = [...id.vias.keys()];
    const shared: SharedIdentifier = {
      identifier: id.identifier,
      kind: id.kind,
      memberIds,
      actorCount: id.actorCount,
    };
    // NOTE: only a wide identifier whose holders outsiders name links above the hub threshold (NAMED_HUB_SHARE)
    if (id.actorCount > threshold) {
      const holders = new Set(id.owners);
      const named = id.owners.filter((m) =>
        ctx.graph
          .namedAgainst(m)
          .some((fact) => !holders.has(fact.namerId) && !ctx.memberSet.has(fact.namerId)),
      ).length;
      shared.reason =
        `${id.kind} ${id.identifier} is tied to ${id.actorCount} actors, more than the hub threshold of ` +
        `${threshold}; it links them because most of them hold it and are named as the party complained about by ` +
        `filers who do not (here ${named} of the ${id.owners.length} members holding it are).`;
    }
    return shared;
  });
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

/** The templates members used, most members first, with a representative text (names and numbers masked). */
export function ringTemplates(ctx: RingContext): RingTemplate[] {
  const byTemplate = new Map<string, Set<string>>();
  for (const pair of ctx.pairs) {
    for (const e of pair.evidence) {
      if (e.kind !== 'template_text') continue;
      const set = byTemplate.get(e.identifier) ?? new Set<string>();
      set.add(pair.a).add(pair.b);
      byTemplate.set(e.identifier, set);
    }
  }
  const { templates } = ctx.graph.coordination.templates;
  const filingIds = new Set(ctx.filings.map((f) => f.id));
  return [...byTemplate]
    .flatMap(([templateId, members]) => {
      // NOTE: ids are TPL-<n>, the n-th template of the run.
      const template = templates[Number(templateId.slice(4)) - 1];
      if (template === undefined || template.id !== templateId) return [];
      const own = template.filingIds.filter((id) => filingIds.has(id)).sort(compareStrings);
      return [
        {
          templateId,
          text: template.representativeText,
          memberIds: sortedUnique(members),
          memberCount: members.size,
          filingIds: own,
          actorCount: template.actorIds.length,
          meanSimilarity: template.meanSimilarity,
        },
      ];
    })
    .sort((x, y) => y.memberCount - x.memberCount || compareStrings(x.templateId, y.templateId));
}

/** Filings at least this many members made in one session make a burst. */
export const BURST_MIN_MEMBERS = 3;

/**
 * Sessions of members' filings against one institution, each filing within the lockstep window of the one
 * before; sessions of at least BURST_MIN_MEMBERS members are the ring's bursts, in time order.
 */
export function ringBursts(ctx: RingContext): RingBurst[] {
  const windowMs = ctx.graph.params.lockstepWindowMinutes * 60_000;
  const byInstitution = new Map<string, { at: number; filing: (typeof ctx.filings)[number] }[]>();
  for (const f of ctx.filings) {
    const at = timeMs(f.filedAt);
    if (Number.isNaN(at) || !f.institution) continue;
    const list = byInstitution.get(f.institution) ?? [];
    list.push({ at, filing: f });
    byInstitution.set(f.institution, list);
  }
  const bursts: RingBurst[] = [];
  for (const [institution, list] of byInstitution) {
    list.sort((x, y) => x.at - y.at || compareStrings(x.filing.id, y.filing.id));
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i]!.at - list[i - 1]!.at <= windowMs) continue;
      const session = list.slice(start, i);
      const members = sortedUnique(session.map((s) => s.filing.actorId));
      if (members.length >= BURST_MIN_MEMBERS) {
        bursts.push({
          institution,
          from: session[0]!.filing.filedAt,
          to: session[session.length - 1]!.filing.filedAt,
          memberIds: members,
          filingIds: session.map((s) => s.filing.id),
        });
      }
      start = i;
    }
  }
  return bursts.sort((x, y) => compareTimes(x.from, y.from) || compareStrings(x.institution, y.institution));
}

/** Accounts two or more members sent money into, with the amounts summed: where a ring's fees converge. */
export function ringCollections(ctx: RingContext): RingCollection[] {
  const byAccount = new Map<
    string,
    { events: typeof ctx.moneyEvents; payers: Set<string>; holders: Set<string> }
  >();
  for (const e of ctx.moneyEvents) {
    if (e.kind !== 'transfer') continue;
    const entry = byAccount.get(e.account) ?? {
      events: [],
      payers: new Set<string>(),
      holders: new Set<string>(),
    };
    entry.events.push(e);
    entry.payers.add(e.payer);
    for (const r of e.recipients) entry.holders.add(r);
    byAccount.set(e.account, entry);
  }
  return [...byAccount]
    .filter(([, entry]) => entry.payers.size >= 2)
    .map(([account, entry]) => {
      const times = entry.events.flatMap((e) => (e.at === undefined ? [] : [e.at])).sort(compareTimes);
      const collection: RingCollection = {
        account,
        holderIds: sortedUnique(entry.holders),
        payerIds: sortedUnique(entry.payers),
        count: entry.events.length,
        amount: round(
          entry.events.reduce((sum, e) => sum + (e.amount ?? 0), 0),
          2,
        ),
      };
      if (times.length > 0) {
        collection.firstAt = times[0]!;
        collection.lastAt = times[times.length - 1]!;
      }
      return collection;
    })
    .sort((x, y) => y.amount - x.amount || y.count - x.count || compareStrings(x.account, y.account));
}
