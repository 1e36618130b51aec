// Why each member is in its ring: the evidence that ties it to the others, its role and a one-line summary (the ring-wide facts are in ring-facts.ts).
import type { EvidenceKind } from './evidence.types.js';
import { BEHAVIOUR_EVIDENCE_KINDS } from './evidence.types.js';
import { compareEvidence } from './evidence-graph.js';
import type { MemberEvidence, RingMember } from './ring.types.js';
import type { RingContext } from './ring-context.js';
import type { RingRoles } from './ring-roles.js';
import { compareTimes } from './iso-time.js';
import { round, sortedUnique } from './ordering.js';

const DIRECTED_VIAS = new Set(['contact', 'payout', 'represented_by']);
const OWNING_VIAS = new Set(['uses', 'holds', 'is_agent']);

interface Accumulator {
  item: MemberEvidence;
  with: Set<string>;
  records: Set<string>;
  own: Set<string>;
  sources: Set<string>;
  via: Set<string>;
  institutions: Set<string>;
}

/** Per member: the evidence tying it to other members, grouped by identifier and strongest first. */
export function explainMembers(ctx: RingContext, roles: RingRoles): RingMember[] {
  const byMember = new Map<string, Map<string, Accumulator>>(ctx.members.map((id) => [id, new Map()]));
  // a member's own records: what it filed, and the transfers it sent (its fees, in co_payment evidence)
  const ownFilings = new Map(
    ctx.members.map((id) => [
      id,
      new Set([
        ...ctx.graph.filingsOf(id).map((f) => f.id),
        ...ctx.graph
          .transfersOf(id)
          .filter((t) => t.fromActor === id)
          .map((t) => t.transferId),
      ]),
    ]),
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
            institutions: new Set(),
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
        if (e.similarity !== undefined)
          acc.item.similarity = Math.max(acc.item.similarity ?? 0, e.similarity);
        if (e.kind === 'lockstep' && e.count !== undefined)
          acc.item.count = Math.max(acc.item.count ?? 0, e.count);
        for (const institution of e.institutions ?? []) acc.institutions.add(institution);
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
        if (acc.institutions.size > 0) item.institutions = sortedUnique(acc.institutions);
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
      summary: summarizeChain(actorId, evidence, ctx, roles),
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
  shared_identifier: 'identifier',
  template_text: 'template',
  lockstep: 'institution',
  co_payment: 'account',
  co_named: 'complainant',
};

const plural = (count: number, word: string, words = `${word}s`): string =>
  `${count} ${count === 1 ? word : words}`;

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

const withinWindow = (ctx: RingContext): string => {
  const minutes = ctx.graph.params.lockstepWindowMinutes;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes} min`;
};

/** One clause per coordination evidence of a member: its template, its lockstep, its fees. */
function coordinationClauses(evidence: MemberEvidence[], ctx: RingContext): string[] {
  const clauses: string[] = [];
  const template = evidence.find((e) => e.kind === 'template_text');
  if (template) {
    const own = template.ownRecordIds[0];
    const users = template.withCount + 1;
    clauses.push(
      `${own ? `filed ${own} whose text` : 'its complaint text'} matches template ${template.identifier}` +
        `${template.similarity === undefined ? '' : ` (${template.similarity.toFixed(2)})`} used by ${plural(users, 'member')}`,
    );
  }
  const lockstep = evidence.find((e) => e.kind === 'lockstep');
  if (lockstep) {
    const against = (lockstep.institutions ?? [lockstep.identifier]).join('/');
    clauses.push(
      `filed within ${withinWindow(ctx)} of ${plural(lockstep.withCount, 'member')} against ${against}` +
        ` on up to ${plural(lockstep.count ?? 0, 'occasion')}`,
    );
  }
  const fees = evidence.find((e) => e.kind === 'co_payment');
  // A member's own fee transfer already says where its money went; the co-payment adds who paid alongside.
  if (fees && !evidence.some((e) => e.kind === 'transfer')) {
    clauses.push(
      `paid into collection account ${fees.identifier} like ${plural(fees.withCount, 'other member')}`,
    );
  }
  const coNamed = evidence.find((e) => e.kind === 'co_named');
  if (coNamed) {
    clauses.push(
      `named as the party complained about together with ${plural(coNamed.withCount, 'member')} in ` +
        `${plural(coNamed.recordIds.length, 'complaint')} (complainant ${coNamed.identifier} among others)`,
    );
  }
  return clauses;
}

/**
 * The member's strongest chain of evidence: the identifier or money tie that explains it best (see
 * summarize), then what it did in concert with the others (template, lockstep, fees).
 */
function summarizeChain(
  actorId: string,
  evidence: MemberEvidence[],
  ctx: RingContext,
  roles: RingRoles,
): string {
  const coordination = coordinationClauses(evidence, ctx);
  const hard = evidence.filter(
    (e) => !BEHAVIOUR_EVIDENCE_KINDS.has(e.kind) && e.kind !== 'co_payment' && e.kind !== 'co_named',
  );
  if (hard.length === 0 && roles.organizerId !== actorId) {
    return coordination.length > 0
      ? `${coordination.join('; ')}.`
      : 'no evidence ties it to the other members.';
  }
  const main = summarize(actorId, hard, ctx, roles);
  return coordination.length === 0 ? main : `${main.replace(/\.$/u, '')}; ${coordination.join('; ')}.`;
}

function summarize(actorId: string, evidence: MemberEvidence[], ctx: RingContext, roles: RingRoles): string {
  const roleOf = (id: string): string => `${roles.roles.get(id) ?? 'member'} ${id}`;
  /** "complaint C-1 lists" / "complaints C-1 and 2 more list" */
  const records = (ids: string[], singular: string, plural: string): string => {
    const first = ids[0];
    if (first === undefined) return `its filings ${plural}`;
    const type = ctx.filingById.get(first)?.type ?? 'filing';
    return ids.length === 1
      ? `${type} ${first} ${singular}`
      : `${type}s ${first} and ${ids.length - 1} more ${plural}`;
  };
  const membersOn = (item: MemberEvidence): number => item.withCount + 1;

  if (roles.organizerId === actorId) {
    // NOTE: the clients pointing at an organiser are counted with the members but are not members
    const clientCount = roles.clients?.size ?? 0;
    const who = (n: number): string =>
      clientCount > 0 ? `${plural(n, 'member')} or coached client${n === 1 ? '' : 's'}` : plural(n, 'member');
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
          ? `${who(top.withCount)} ${top.withCount === 1 ? 'is' : 'are'} represented by it`
          : top.kind === 'payout_account'
            ? `${who(top.withCount)} had refunds paid into its account ${top.identifier}`
            : `${who(top.withCount)} wrote its phone ${top.identifier} as contact`;
      parts.push(what);
    }
    const paid = entry?.viaTransfers.size ?? 0;
    if (paid > 0) {
      const received = ctx.internalTransfers.filter((t) => t.toActor === actorId);
      const total = received.reduce((s, t) => s + t.amount, 0);
      parts.push(
        `${who(paid)} sent it ${plural(received.length, 'transfer')} totalling ${formatAmount(round(total, 2))}`,
      );
    }
    if (parts.length === 0) parts.push(`${who(entry?.viaIdentifiers.size ?? 0)} point at it`);
    return `${parts.join('; ')}.`;
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
  const ownerText = owners.length > 0 ? owners.map(roleOf).join(', ') : 'no member of the ring';

  switch (top.kind) {
    case 'contact_phone':
      if (top.via.includes('contact') && !top.via.includes('uses')) {
        return `${records(top.ownRecordIds, 'lists', 'list')} contact phone ${top.identifier} used by ${ownerText}; ${membersOn(top)} members share it.`;
      }
      return `uses phone ${top.identifier}, which ${plural(top.withCount, 'other member')} list as contact.`;
    case 'payout_account':
      if (top.via.includes('payout') && !top.via.includes('holds')) {
        return `${records(top.ownRecordIds, 'pays', 'pay')} out to account ${top.identifier} held by ${ownerText}; ${membersOn(top)} members share it.`;
      }
      return `holds account ${top.identifier}, into which ${plural(top.withCount, 'other member')} have refunds paid.`;
    case 'representation':
      if (top.via.includes('represented_by')) {
        const agents = owners.length > 0 ? ownerText : top.identifier;
        return `${records(top.ownRecordIds, 'is', 'are')} represented by ${agents}, who represents ${plural(top.withCount, 'other member')}.`;
      }
      return `represents ${plural(top.withCount, 'member')} (${plural(top.recordIds.length, 'complaint/claim', 'complaints/claims')}).`;
    case 'transfer': {
      const sent = top.via.includes('transfer_out');
      const amount = formatAmount(top.amount ?? 0);
      return sent && top.withCount === 1
        ? `sent ${plural(top.ownRecordIds.length, 'transfer')} (${amount}) to ${roleOf(top.withActorIds[0] ?? '')}, account ${top.identifier}.`
        : `exchanged ${plural(top.ownRecordIds.length, 'transfer')} (${amount}) with ${plural(top.withCount, 'member')} through account ${top.identifier}.`;
    }
    default: {
      const shown = top.withActorIds.slice(0, 5).join(', ');
      const more = top.withCount > 5 ? ` and ${top.withCount - 5} more` : '';
      return `shares ${NOUN[top.kind]} ${top.identifier} with ${plural(top.withCount, 'member')} (${shown}${more}).`;
    }
  }
}
