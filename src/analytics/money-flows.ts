// Collection accounts: one account fed by fees from several filers links those payers to each other.
import type { TransferRow } from './evidence.types.js';
import { timeMs } from './iso-time.js';
import { compareStrings } from './ordering.js';

/**
 * NOTE: `transfer` evidence already ties each payer to the account's holder (a star around the organizer);
 * peeling (ring-periphery.ts) rightly drops a star's leaves, since paying someone is what customers do. What
 * sets a mill's clients apart is that they are *filers* paying the *same* account around the time they file:
 * the fee for the complaint. `co_payment` records that between the payers themselves, who are otherwise not
 * linked at all, with the amounts summed.
 */
export interface CoPaymentParams {
  /** An account paid by more distinct actors than this is a shop or a platform (like a hub): no co-payment. */
  maxPayers: number;
  /** Filers paying in needed before an account counts as collecting. */
  minPayers: number;
  /** A payment counts as a fee when its payer filed a complaint/claim within this many days of it. */
  windowDays: number;
}

export interface CollectionAccount {
  account: string;
  /** Holders of the account (recipients of the transfers). */
  holderIds: string[];
  /** Payers who filed near their payment, sorted. */
  payerIds: string[];
  /** All distinct payers, filers or not. */
  allPayers: number;
  /** Fee transfers by those payers into the account, and their sum. */
  count: number;
  amount: number;
  firstAt: string;
  lastAt: string;
}

export interface CoPaymentMatch {
  /** Smaller id first. */
  actorA: string;
  actorB: string;
  /** Index into `accounts`. */
  account: number;
  /** Fee transfers of both into the account, and their sum. */
  count: number;
  amount: number;
  transferIds: string[];
  firstAt: string;
  lastAt: string;
}

export interface CoPaymentAnalysis {
  accounts: CollectionAccount[];
  matches: CoPaymentMatch[];
  stats: { collectionAccounts: number; busyAccounts: number; matches: number };
}

export const EMPTY_CO_PAYMENT_ANALYSIS: CoPaymentAnalysis = Object.freeze({
  accounts: [],
  matches: [],
  stats: { collectionAccounts: 0, busyAccounts: 0, matches: 0 },
}) as CoPaymentAnalysis;

/** Sorted filing times of an actor (ms). */
export type FilingTimes = (actorId: string) => readonly number[];

function filedNear(times: readonly number[], at: number, windowMs: number): boolean {
  // NOTE: binary search for the first filing at or after at − window.
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < at - windowMs) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= at + windowMs;
}

/**
 * `transfers` are the ones that tie two different actors (moves within a household already taken out).
 * Every pair of qualifying payers of a collection account is a match; a payer feeding two collection
 * accounts of one ring gets one match per account.
 */
export function findCoPayments(
  transfers: readonly TransferRow[],
  filingTimes: FilingTimes,
  params: CoPaymentParams,
): CoPaymentAnalysis {
  const windowMs = params.windowDays * 86_400_000;
  const byAccount = new Map<string, TransferRow[]>();
  for (const t of transfers) {
    const list = byAccount.get(t.toAccount);
    if (list === undefined) byAccount.set(t.toAccount, [t]);
    else list.push(t);
  }
  const accounts: CollectionAccount[] = [];
  const matches: CoPaymentMatch[] = [];
  let busyAccounts = 0;
  for (const account of [...byAccount.keys()].sort(compareStrings)) {
    const list = byAccount.get(account)!;
    const holders = new Set(list.map((t) => t.toActor));
    const payers = new Set(list.map((t) => t.fromActor).filter((a) => !holders.has(a)));
    if (payers.size < params.minPayers) continue;
    if (payers.size > params.maxPayers) {
      busyAccounts++;
      continue;
    }
    const fees = new Map<string, TransferRow[]>();
    const seen = new Set<string>();
    for (const t of list) {
      // NOTE: a transfer into a joint account arrives once per holder; it is one payment.
      if (!payers.has(t.fromActor) || seen.has(t.transferId)) continue;
      seen.add(t.transferId);
      const at = timeMs(t.at);
      if (Number.isNaN(at) || !filedNear(filingTimes(t.fromActor), at, windowMs)) continue;
      const own = fees.get(t.fromActor);
      if (own === undefined) fees.set(t.fromActor, [t]);
      else own.push(t);
    }
    if (fees.size < params.minPayers) continue;
    const payerIds = [...fees.keys()].sort(compareStrings);
    const all = payerIds.flatMap((p) => fees.get(p)!);
    const times = all.map((t) => timeMs(t.at)).sort((x, y) => x - y);
    const index = accounts.length;
    accounts.push({
      account,
      holderIds: [...holders].sort(compareStrings),
      payerIds,
      allPayers: payers.size,
      count: all.length,
      amount: Math.round(all.reduce((s, t) => s + t.amount, 0) * 100) / 100,
      firstAt: new Date(times[0]!).toISOString(),
      lastAt: new Date(times[times.length - 1]!).toISOString(),
    });
    for (let i = 0; i < payerIds.length; i++) {
      const a = fees.get(payerIds[i]!)!;
      for (let j = i + 1; j < payerIds.length; j++) {
        const b = fees.get(payerIds[j]!)!;
        const both = [...a, ...b];
        const when = both.map((t) => timeMs(t.at)).sort((x, y) => x - y);
        matches.push({
          actorA: payerIds[i]!,
          actorB: payerIds[j]!,
          account: index,
          count: both.length,
          amount: Math.round(both.reduce((s, t) => s + t.amount, 0) * 100) / 100,
          transferIds: both.map((t) => t.transferId).sort(compareStrings),
          firstAt: new Date(when[0]!).toISOString(),
          lastAt: new Date(when[when.length - 1]!).toISOString(),
        });
      }
    }
  }
  matches.sort((p, q) => compareStrings(p.actorA, q.actorA) || compareStrings(p.actorB, q.actorB));
  return {
    accounts,
    matches,
    stats: { collectionAccounts: accounts.length, busyAccounts, matches: matches.length },
  };
}
