// Coached clients (被代理客户): filers who only claimed through the ring and never complained. They are listed with
// the ring's victims, with the reason, and not accused as members.
import type { Evidence, EvidenceKind } from './evidence.types.js';
import { handsOffFrom } from './evidence-kind.js';
import type { RingContext } from './ring-context.js';
import type { RingVictim } from './ring-victims.js';
import { compareStrings } from './ordering.js';
import { compareTimes } from './iso-time.js';

/**
 * What may tie a coached client to members: its own hand-offs (their phone as its contact, their account as its
 * payout, them as its representative, and other clients doing the same), the money that goes with them (a fee
 * paid, a refund passed back) and the devices its claims were filed from.
 * NOTE: sharing a phone, an account or another identifier the client owns with members, or writing like them, is
 * taking part; a client with such a tie stays a member.
 */
const CLIENT_TIE_KINDS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>([
  'contact_phone',
  'payout_account',
  'representation',
  'transfer',
  'co_payment',
  'co_named',
  'shared_device',
  // a client's complaints that tie it in must name the party complained about (allNaming): victims complaining alike
  'template_text',
  'lockstep',
]);

/** Members that must stay accused for the ring to be split into members and coached clients at all. */
const MIN_ACCUSED = 1;

/**
 * Members of a ring that are its coached clients: each filed at least one claim (a surrender, a claim); none of its
 * complaints is evidence tying it to members, unless the complaint names someone as the party complained about; it
 * hands off to a member (its contact, payout or representative, or money sent); no member hands off to it; and it
 * is tied to members only by CLIENT_TIE_KINDS.
 * NOTE: a surrender agent's scheme (DESIGN.md: coaches policyholders to surrender with false pretexts, takes a cut)
 * has two kinds of policyholders: accomplices who sign and file the false statement (a complaint of mis-selling) and
 * surrender, and policyholders who were only talked into surrendering through the agent and lost a share of their
 * refund. The first are members; the second are the agent's victims and witnesses. A complaint of one's own that has
 * nothing to do with the ring (about a bank's fees) changes nothing. If fewer than MIN_ACCUSED members would be left,
 * nobody is set apart: the structure cannot tell organiser from clients then.
 */
export function coachedClients(ctx: RingContext): { clients: Set<string>; victims: RingVictim[] } {
  const tiesOf = new Map<string, Tie[]>();
  for (const pair of ctx.pairs) {
    pushTie(tiesOf, pair.a, { other: pair.b, evidence: pair.evidence });
    pushTie(tiesOf, pair.b, { other: pair.a, evidence: pair.evidence });
  }
  const clients = new Set<string>();
  for (const actor of ctx.members) {
    const filings = ctx.graph.filingsOf(actor);
    if (!filings.some((f) => f.type === 'claim')) continue;
    const ties = tiesOf.get(actor) ?? [];
    const ringRecords = new Set<string>();
    let handsOff = false;
    let takesPart = false;
    for (const { other, evidence } of ties) {
      for (const e of evidence) {
        e.recordIds.forEach((id) => ringRecords.add(id));
        if (handsOffFrom(e, actor) || sendsMoney(e, actor)) handsOff = true;
        if (handsOffFrom(e, other) || !CLIENT_TIE_KINDS.has(e.kind)) takesPart = true;
      }
    }
    if (!handsOff || takesPart) continue;
    const complaints = filings.filter((f) => f.type === 'complaint' && ringRecords.has(f.id));
    if (complaints.length > 0 && !allNaming(ctx, actor, complaints)) continue;
    clients.add(actor);
  }
  if (ctx.members.length - clients.size < MIN_ACCUSED) return { clients: new Set(), victims: [] };
  return { clients, victims: clientVictims(ctx, clients, tiesOf) };
}

interface Tie {
  other: string;
  evidence: Evidence[];
}

function pushTie(map: Map<string, Tie[]>, actor: string, tie: Tie): void {
  const list = map.get(actor);
  if (list === undefined) map.set(actor, [tie]);
  else list.push(tie);
}

/** Money sent to the other actor of a transfer evidence: a fee paid. */
function sendsMoney(e: Evidence, actor: string): boolean {
  if (e.kind !== 'transfer') return false;
  const vias = e.actors[0] === actor ? e.vias[0] : e.actors[1] === actor ? e.vias[1] : [];
  return vias.includes('transfer_out');
}

/** Every one of these complaints names someone as the party complained about. */
function allNaming(ctx: RingContext, actor: string, complaints: readonly { id: string }[]): boolean {
  const naming = new Set<string>();
  for (const holder of ctx.graph.namesBy(actor))
    for (const fact of ctx.graph.namedAgainst(holder))
      if (fact.namerId === actor && fact.recordId !== undefined) naming.add(fact.recordId);
  return complaints.every((f) => naming.has(f.id));
}

/** The coached clients as victims of the ring: whose identifiers their claims went through, which claims, when. */
function clientVictims(
  ctx: RingContext,
  clients: ReadonlySet<string>,
  tiesOf: ReadonlyMap<string, readonly Tie[]>,
): RingVictim[] {
  const out: RingVictim[] = [];
  for (const actor of [...clients].sort(compareStrings)) {
    const through = new Set<string>();
    const identifiers = new Set<string>();
    const sources = new Set<string>();
    for (const { other, evidence } of tiesOf.get(actor) ?? []) {
      if (clients.has(other)) continue;
      for (const e of evidence) {
        if (!handsOffFrom(e, actor)) continue;
        through.add(other);
        identifiers.add(`${e.identifierKind}:${e.identifier}`);
        e.sources.forEach((s) => sources.add(s));
      }
    }
    const claims = ctx.graph
      .filingsOf(actor)
      .filter((f) => f.type === 'claim')
      .sort((x, y) => compareTimes(x.filedAt, y.filedAt) || compareStrings(x.id, y.id));
    claims.forEach((f) => sources.add(f.source));
    const members = [...through].sort(compareStrings);
    const victim: RingVictim = {
      actorId: actor,
      namedMemberIds: members,
      identifiers: [...identifiers].sort(compareStrings),
      recordIds: claims.map((f) => f.id),
      sources: [...sources].sort(compareStrings),
      reason:
        `${actor} filed ${claims.length} claim(s) through ` +
        (members.length > 0
          ? `member(s) ${members.join(', ')} (${[...identifiers].sort(compareStrings).join(', ')})`
          : 'other clients of the ring') +
        ` and no complaint of its own: a coached client (被代理客户) of the ring, listed with its victims, not a member.`,
    };
    const first = claims[0]?.filedAt;
    const last = claims[claims.length - 1]?.filedAt;
    if (first !== undefined) victim.firstAt = first;
    if (last !== undefined) victim.lastAt = last;
    out.push(victim);
  }
  return out;
}
