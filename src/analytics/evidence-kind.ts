// What kind of evidence two actors' ties to one identifier make, and how much one such evidence weighs.
import type { Evidence, EvidenceKind, EvidenceVia, IdentifierKind, Via } from './evidence.types.js';
import { VIAS } from './evidence.types.js';

/** Vias as bits, so the builder can keep one small integer per (identifier, actor). */
export const VIA_BIT: Readonly<Record<Via, number>> = Object.freeze(
  Object.fromEntries(VIAS.map((via, i) => [via, 1 << i])) as Record<Via, number>,
);

export function viaMask(vias: Iterable<Via>): number {
  let mask = 0;
  for (const via of vias) mask |= VIA_BIT[via];
  return mask;
}

export function viasOfMask(mask: number): Via[] {
  return VIAS.filter((via) => (mask & VIA_BIT[via]) !== 0);
}

/**
 * The vias that point at someone else's identifier.
 * NOTE: almost every complainant writes their own phone as contact and their own account as payout;
 * that is self-use, not a hand-off, so it counts only when the actor does not also use/hold it.
 */
export function directedMask(mask: number): number {
  let directed = mask & (VIA_BIT.contact | VIA_BIT.payout | VIA_BIT.represented_by);
  if (mask & VIA_BIT.uses) directed &= ~VIA_BIT.contact;
  if (mask & VIA_BIT.holds) directed &= ~VIA_BIT.payout;
  return directed;
}

/** The vias by which an actor owns an identifier others may point at. */
export const OWNING_MASK = VIA_BIT.uses | VIA_BIT.holds | VIA_BIT.is_agent | VIA_BIT.device | VIA_BIT.has;

export function evidenceKindForMasks(
  identifierKind: IdentifierKind,
  maskA: number,
  maskB: number,
): EvidenceKind {
  const directed = directedMask(maskA) | directedMask(maskB);
  switch (identifierKind) {
    case 'phone':
      return directed & VIA_BIT.contact ? 'contact_phone' : 'shared_phone';
    case 'account':
      return directed & VIA_BIT.payout ? 'payout_account' : 'shared_account';
    case 'device':
      return 'shared_device';
    case 'agent':
      return 'representation';
    case 'identifier':
      return 'shared_identifier';
  }
}

/** phone uses/uses → shared_phone, any contact → contact_phone; account holds/holds → shared_account, any payout → payout_account. */
export function evidenceKindFor(
  identifierKind: IdentifierKind,
  viasA: Iterable<Via>,
  viasB: Iterable<Via>,
): EvidenceKind {
  return evidenceKindForMasks(identifierKind, viaMask(viasA), viaMask(viasB));
}

/**
 * 1/log2(d+1) for an identifier shared by d actors: a phone shared by 2 weighs 0.63, by 12 only 0.27.
 * NOTE: an identifier shared by d actors yields d(d-1)/2 pairs; without damping one popular phone would
 * outweigh every other tie of its actors and Louvain would cut along it alone.
 */
export function rarity(actorCount: number): number {
  return 1 / Math.log2(actorCount + 1);
}

/** Repeated transfers between the same two actors count a little more, saturating at twice one transfer (16 of them). */
export function transferFactor(count: number): number {
  return Math.min(2, 1 + Math.log2(Math.max(1, count)) / 4);
}

const isIncidenceVia = (via: EvidenceVia): via is Via => via !== 'transfer_in' && via !== 'transfer_out';

/** An actor with these vias writes down an identifier that an actor with `otherVias` owns. */
function writesDown(ownVias: readonly EvidenceVia[], otherVias: readonly EvidenceVia[]): boolean {
  return writesDownMask(viaMask(ownVias.filter(isIncidenceVia)), viaMask(otherVias.filter(isIncidenceVia)));
}

/** The same on via masks (VIA_BIT) of one identifier: the actor with `ownMask` writes down what the other owns. */
export function writesDownMask(ownMask: number, otherMask: number): boolean {
  return directedMask(ownMask) !== 0 && (otherMask & OWNING_MASK) !== 0;
}

/** `actor`, one of the evidence's two actors, writes down an identifier the other one owns: the hand-off is its doing. */
export function handsOffFrom(evidence: Pick<Evidence, 'vias' | 'actors'>, actor: string): boolean {
  const [a, b] = evidence.vias;
  if (evidence.actors[0] === actor) return writesDown(a, b);
  if (evidence.actors[1] === actor) return writesDown(b, a);
  return false;
}

/**
 * One of the two actors writes down an identifier the other owns: its phone as contact, its account as
 * payout, it as representative. The hand-off that organises a ring around a person.
 */
export function isHandOff(evidence: Pick<Evidence, 'vias'>): boolean {
  const [a, b] = evidence.vias;
  return writesDown(a, b) || writesDown(b, a);
}
