// Who organizes a ring, who works for it, and who is only a member, read from who points at whom.
import type { MemberRole } from './ring.types.js';
import type { RingContext } from './ring-context.js';
import { pointersByCentre } from './ring-context.js';
import { compareStrings } from './ordering.js';

export interface RingRoles {
  roles: Map<string, MemberRole>;
  organizerId?: string;
  /** For each member pointed at: distinct members using its identifiers (contact/payout/representation) or paying it. */
  pointedBy: Map<string, { viaIdentifiers: Set<string>; viaTransfers: Set<string> }>;
  /** Members listed apart as the ring's coached clients (ring-clients.ts); explanations count them by that name. */
  clients?: ReadonlySet<string>;
}

/**
 * organizer: the member the most other members point at (use its phone as contact, its account as payout,
 *   it as representative) or pay; it needs at least two distinct members pointing at it.
 *   NOTE: one member pointing at another is a pair (a relative's contact phone, one rent payment), not a centre.
 * agent: any other member of kind agent, or pointed at / paid by at least one member.
 * member: everyone else.
 */
export function assignRoles(ctx: RingContext): RingRoles {
  const pointedBy = pointersByCentre(ctx);
  const reach = (id: string): number => {
    const entry = pointedBy.get(id);
    return entry ? new Set([...entry.viaIdentifiers, ...entry.viaTransfers]).size : 0;
  };
  const byIdentifiers = (id: string): number => pointedBy.get(id)?.viaIdentifiers.size ?? 0;

  const candidates = [...pointedBy.keys()]
    .filter((id) => reach(id) >= 2)
    .sort((x, y) => reach(y) - reach(x) || byIdentifiers(y) - byIdentifiers(x) || compareStrings(x, y));
  const organizerId = candidates[0];

  const roles = new Map<string, MemberRole>();
  for (const id of ctx.members) {
    if (id === organizerId) roles.set(id, 'organizer');
    else if (ctx.kindOf.get(id) === 'agent' || reach(id) >= 1) roles.set(id, 'agent');
    else roles.set(id, 'member');
  }
  return organizerId === undefined ? { roles, pointedBy } : { roles, organizerId, pointedBy };
}
