// Which trade a ring plies (TYPOLOGIES), from its members' filings, who represents whom and where money goes.
import type { Typology } from '../shared/domain.js';
import { COMPLAINT_CATEGORIES, TYPOLOGIES } from '../shared/domain.js';
import type { FilingRow } from './evidence.types.js';
import type { RingContext } from './ring-context.js';
import type { RingRoles } from './ring-roles.js';
import { measureMoneyConcentration } from './money-concentration.js';
import { compareStrings } from './ordering.js';

export interface RingTypology {
  typology: Typology;
  reason: string;
}

/**
 * Categories decide the typology only when the winning typology's filings number at least a third of the
 * members (and 2); otherwise the ring is read from its structure.
 * NOTE: ring members also file the odd ordinary complaint, like everyone; a stock-tips crew of 40 with five
 * stray fee complaints is not a complaint mill, while every mill member files the mill's complaints.
 */
const MIN_VOTES_PER_MEMBER = 1 / 3;
const MIN_CATEGORY_VOTES = 2;

function categoryTypology(filing: FilingRow, foreignPayouts: ReadonlySet<string>): Typology | null {
  if (filing.type === 'claim') {
    // NOTE: a plain claim is what every policyholder files; it points at a surrender agent only when its
    // payout goes to someone else's account.
    return filing.category === 'surrender' || foreignPayouts.has(filing.id) ? 'surrender_agent' : null;
  }
  return Object.hasOwn(COMPLAINT_CATEGORIES, filing.category)
    ? COMPLAINT_CATEGORIES[filing.category as keyof typeof COMPLAINT_CATEGORIES]
    : null;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * In order:
 * 1. members' filings, when they are many enough (MIN_VOTES_PER_MEMBER): the typology most of them map to
 *    (COMPLAINT_CATEGORIES; surrender claims and claims paid into someone else's account → surrender_agent);
 * 2. structure: members represented by a member they also pay → loan_mediation; refunds paid into another
 *    member's account → surrender_agent (claims) or complaint_mill; members writing another member's phone as
 *    contact → complaint_mill; a pool of ≥ 2 phones used by several members → debt_collection; shared devices
 *    with money converging on ≤ 3 accounts → stock_tips;
 * 3. a category plurality too weak for step 1; members filing one template or in lockstep → complaint_mill;
 *    else unknown.
 * The reason ends with what members did in concert (template, lockstep, collection accounts) when they did.
 */
export function classifyRing(ctx: RingContext, roles: RingRoles): RingTypology {
  const { typology, reason } = classifyByEvidence(ctx, roles);
  const concert = concertedAction(ctx);
  return concert === ''
    ? { typology, reason }
    : { typology, reason: `${reason.replace(/\.$/u, '')}; ${concert}.` };
}

/**
 * What the members did in concert, from the coordination evidence: one template, lockstep filing, fees into
 * the same collection accounts. Empty when none of it ties three or more members.
 */
function concertedAction(ctx: RingContext): string {
  const parts: string[] = [];
  const templated = ctx.kindMembers.get('template_text')?.size ?? 0;
  if (templated >= 3) {
    const templates = ctx.kindIdentifiers.get('template_text')?.size ?? 0;
    parts.push(`${templated} members filed near-identical texts (${plural(templates, 'template')})`);
  }
  const lockstep = ctx.kindMembers.get('lockstep')?.size ?? 0;
  if (lockstep >= 3) parts.push(`${lockstep} members filed in lockstep against the same institutions`);
  const money = measureMoneyConcentration(
    ctx.moneyEvents.filter((e) => e.kind === 'transfer' && ctx.tiedMembers.has(e.payer)),
  );
  if (money.payers.length >= 3) {
    parts.push(
      `${money.payers.length} members paid ${money.eventsIntoTop} transfers into ${plural(money.topAccounts.length, 'collection account')}`,
    );
  }
  return parts.join(', ');
}

function classifyByEvidence(ctx: RingContext, roles: RingRoles): RingTypology {
  const n = ctx.members.length;
  const foreignPayouts = new Set(ctx.moneyEvents.filter((e) => e.kind === 'payout').map((e) => e.id));
  const votes = new Map<Typology, number>();
  const categories = new Map<Typology, Map<string, number>>();
  for (const filing of ctx.filings) {
    const typology = categoryTypology(filing, foreignPayouts);
    if (typology === null) continue;
    votes.set(typology, (votes.get(typology) ?? 0) + 1);
    const byCategory = categories.get(typology) ?? new Map<string, number>();
    const label = filing.type === 'claim' ? `${filing.category} claims` : filing.category;
    byCategory.set(label, (byCategory.get(label) ?? 0) + 1);
    categories.set(typology, byCategory);
  }
  const ranked = [...votes.entries()].sort(
    (x, y) => y[1] - x[1] || TYPOLOGIES.indexOf(x[0]) - TYPOLOGIES.indexOf(y[0]),
  );
  const filers = new Set(ctx.filings.map((f) => f.actorId)).size;
  const top = ranked[0];
  const categoryReason = (typology: Typology, count: number): string => {
    const detail = [...(categories.get(typology) ?? new Map<string, number>()).entries()]
      .sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]))
      .map(([category, c]) => `${category} ${c}`)
      .join(', ');
    return `${count} of the ${plural(ctx.filings.length, 'filing')} by ${filers} of ${n} members fall in ${typology} categories (${detail}).`;
  };
  if (top && top[1] >= Math.max(MIN_CATEGORY_VOTES, MIN_VOTES_PER_MEMBER * n)) {
    return { typology: top[0], reason: categoryReason(top[0], top[1]) };
  }

  const accused = classifyByComplaintsAgainst(ctx, n);
  if (accused) return accused;
  const structural = classifyByStructure(ctx, roles);
  if (structural) return structural;
  if (top) return { typology: top[0], reason: categoryReason(top[0], top[1]) };
  // NOTE: members who share no identifier but file one template in lockstep are a mill by their conduct.
  if (
    (ctx.kindMembers.get('template_text')?.size ?? 0) >= 3 ||
    (ctx.kindMembers.get('lockstep')?.size ?? 0) >= 3
  ) {
    return {
      typology: 'complaint_mill',
      reason: `Members file coordinated complaints whose categories match no trade.`,
    };
  }
  return {
    typology: 'unknown',
    reason:
      ctx.filings.length === 0
        ? `None of the ${n} members filed complaints or claims, and the ties match no known trade.`
        : `The ${plural(ctx.filings.length, 'filing')} fall in no typology's categories and the ties match no known trade.`,
  };
}

/**
 * What outsiders complain about when they name members' phones, accounts or identifiers as the party complained
 * about (被投诉方): debtors naming collectors, buyers naming a tipster. Decides when at least a third of the
 * members (and 2) are named, in complaints whose categories mostly map to one typology.
 */
function classifyByComplaintsAgainst(ctx: RingContext, n: number): RingTypology | undefined {
  const named = new Set<string>();
  const records = new Set<string>();
  for (const member of ctx.members) {
    for (const fact of ctx.graph.namedAgainst(member)) {
      if (ctx.memberSet.has(fact.namerId) || fact.recordId === undefined) continue;
      named.add(member);
      records.add(fact.recordId);
    }
  }
  if (named.size < Math.max(MIN_CATEGORY_VOTES, MIN_VOTES_PER_MEMBER * n)) return undefined;
  const votes = new Map<Typology, number>();
  for (const id of records) {
    const filing = ctx.graph.filing(id);
    const typology =
      filing === undefined || filing.type === 'claim' ? null : categoryTypology(filing, new Set());
    if (typology !== null) votes.set(typology, (votes.get(typology) ?? 0) + 1);
  }
  const [top] = [...votes.entries()].sort(
    (x, y) => y[1] - x[1] || TYPOLOGIES.indexOf(x[0]) - TYPOLOGIES.indexOf(y[0]),
  );
  if (top === undefined || top[1] < records.size / 2) return undefined;
  return {
    typology: top[0],
    reason: `${named.size} of ${n} members are named as the party complained about in ${plural(records.size, 'complaint')} by outsiders, ${top[1]} of them in ${top[0]} categories.`,
  };
}

function classifyByStructure(ctx: RingContext, roles: RingRoles): RingTypology | undefined {
  const channelTies = (channel: 'contact' | 'payout' | 'representation') => {
    const pointers = new Set<string>();
    const centres = new Set<string>();
    const paying = new Set<string>();
    for (const byCentre of ctx.ties.values()) {
      for (const tie of byCentre.values()) {
        if (!tie.channels.has(channel)) continue;
        pointers.add(tie.memberId);
        centres.add(tie.centre);
        if (tie.channels.has('transfer')) paying.add(tie.memberId);
      }
    }
    return { pointers: pointers.size, centres: [...centres].sort(compareStrings), paying: paying.size };
  };
  const label = (centres: string[]): string =>
    centres.map((c) => (roles.roles.get(c) ? `${roles.roles.get(c)} ${c}` : c)).join(', ');

  const represented = channelTies('representation');
  if (represented.pointers >= 2 && represented.paying >= 1) {
    return {
      typology: 'loan_mediation',
      reason: `${represented.pointers} members are represented by ${label(represented.centres)} and ${represented.paying} of them also paid it.`,
    };
  }
  const payout = channelTies('payout');
  if (payout.pointers >= 2) {
    const claims = ctx.filings.filter((f) => f.type === 'claim').length;
    return {
      typology: claims > 0 ? 'surrender_agent' : 'complaint_mill',
      reason: `${payout.pointers} members have refunds paid into the account of ${label(payout.centres)}${claims > 0 ? ` (${plural(claims, 'claim')} among their filings)` : ''}.`,
    };
  }
  const contact = channelTies('contact');
  if (contact.pointers >= 2) {
    return {
      typology: 'complaint_mill',
      reason: `${contact.pointers} members write the phone of ${label(contact.centres)} as contact on their complaints${contact.paying > 0 ? ` and ${contact.paying} of them paid it` : ''}.`,
    };
  }

  const pooled = (kind: 'phone' | 'device'): number =>
    ctx.identifiers.filter((id) => id.kind === kind && id.vias.size >= 2).length;
  const phones = pooled('phone');
  const devices = pooled('device');
  const money = measureMoneyConcentration(
    ctx.moneyEvents.filter((e) => e.kind === 'transfer' && ctx.tiedMembers.has(e.payer)),
  );
  const converging = money.share >= 0.5 && money.payers.length >= 2;
  const phonePool = phones >= 2;
  if (phonePool && phones >= devices) {
    return {
      typology: 'debt_collection',
      reason: `${ctx.members.length} members share a pool of ${phones} phones${devices > 0 ? ` and ${plural(devices, 'device')}` : ''}.`,
    };
  }
  if (devices >= 1 && converging) {
    return {
      typology: 'stock_tips',
      reason: `Members share ${plural(devices, 'device')} and ${money.payers.length} of them pay ${money.eventsIntoTop} of ${money.events} transfers into ${plural(money.topAccounts.length, 'collection account')} (${money.topAccounts.join(', ')}).`,
    };
  }
  if (phonePool) {
    return {
      typology: 'debt_collection',
      reason: `${ctx.members.length} members share a pool of ${phones} phones and ${plural(devices, 'device')}.`,
    };
  }
  return undefined;
}
