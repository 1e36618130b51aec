// How much of the money leaving a ring's members converges on the same few accounts.
import type { MoneyEvent } from './ring-context.js';
import { compareStrings } from './ordering.js';

export const TOP_ACCOUNTS = 3;

export interface MoneyConcentration {
  /** Transfers sent and foreign payouts named by the members considered. */
  events: number;
  /** The (at most 3) accounts fed by two or more members, busiest first. */
  topAccounts: string[];
  eventsIntoTop: number;
  /** eventsIntoTop / events; 0 without events. */
  share: number;
  /** Members paying into the top accounts who do not themselves receive into them. */
  payers: string[];
}

/**
 * NOTE: only accounts fed by at least two distinct members count as converging; otherwise people paying one
 * another in a circle (every payment lands in a different single-payer account) would look concentrated.
 */
export function measureMoneyConcentration(events: readonly MoneyEvent[]): MoneyConcentration {
  const byAccount = new Map<string, { count: number; payers: Set<string> }>();
  for (const e of events) {
    const entry = byAccount.get(e.account) ?? { count: 0, payers: new Set<string>() };
    entry.count++;
    entry.payers.add(e.payer);
    byAccount.set(e.account, entry);
  }
  const top = [...byAccount.entries()]
    .filter(([, entry]) => entry.payers.size >= 2)
    .sort(([a, x], [b, y]) => y.count - x.count || y.payers.size - x.payers.size || compareStrings(a, b))
    .slice(0, TOP_ACCOUNTS);
  const eventsIntoTop = top.reduce((sum, [, entry]) => sum + entry.count, 0);
  const topSet = new Set(top.map(([account]) => account));
  const recipients = new Set(events.filter((e) => topSet.has(e.account)).flatMap((e) => [...e.recipients]));
  return {
    events: events.length,
    topAccounts: top.map(([account]) => account),
    eventsIntoTop,
    share: events.length === 0 ? 0 : eventsIntoTop / events.length,
    // NOTE: in a household money goes round (A pays B, B pays A); in a ring it flows one way, from members to
    // collectors, so a payer who also receives into the top accounts is not counted as feeding them.
    payers: [...new Set(top.flatMap(([, entry]) => [...entry.payers]))]
      .filter((p) => !recipients.has(p))
      .sort(compareStrings),
  };
}
