// The money, filing and coordination phases of EvidenceGraphBuilder.build: transfers between two actors tie
// them; near-identical texts, lockstep filing, co-payment and co-naming tie actors who share no identifier.
import type { DetectionParams } from './detection-params.js';
import type { FilingRow, TransferRow } from './evidence.types.js';
import { coordinationRef } from './evidence-graph.js';
import type { TransferGroup } from './evidence-graph.js';
import { rarity, transferFactor } from './evidence-kind.js';
import type { CoordinationAnalysis, CoordinationLink } from './coordination-evidence.js';
import { analyseCoordination, lockstepFactor } from './coordination-evidence.js';
import type { CoNamedMatch } from './co-named.js';
import { findCoNamed } from './co-named.js';
import type { NamedFact } from './evidence-graph.js';
import { pushTo, type PairTable, type Ranking } from './evidence-pairs.js';
import { compareTimes } from './iso-time.js';
import { compareStrings } from './ordering.js';

export interface TransferLinks {
  transfersByActor: Map<string, TransferRow[]>;
  ownTransfers: number;
  transferGroups: TransferGroup[];
}

/** Groups the transfers by the pair of actors they are between, each group one piece of evidence. */
export function linkTransfers(
  transfers: Iterable<TransferRow>,
  transferAccounts: ReadonlyMap<string, ReadonlySet<string>>,
  ranking: Ranking,
  weights: DetectionParams['weights'],
  table: PairTable,
): TransferLinks {
  const { actorIds, actorRank } = ranking;
  const n = actorIds.length;
  const transfersByActor = new Map<string, TransferRow[]>();
  let ownTransfers = 0;
  const groupsByPair = new Map<number, TransferRow[]>();
  for (const t of transfers) {
    // NOTE: money moved between one's own accounts, or into/out of a joint account one holds, ties nobody:
    // it is household bookkeeping, and would otherwise look like family members paying one account.
    if (
      t.toActor === t.fromActor ||
      transferAccounts.get(t.toAccount)?.has(t.fromActor) ||
      transferAccounts.get(t.fromAccount)?.has(t.toActor)
    ) {
      ownTransfers++;
      continue;
    }
    pushTo(transfersByActor, t.fromActor, t);
    pushTo(transfersByActor, t.toActor, t);
    const a = actorRank.get(t.fromActor) ?? 0;
    const b = actorRank.get(t.toActor) ?? 0;
    let group = groupsByPair.get(a < b ? a * n + b : b * n + a);
    if (group === undefined) groupsByPair.set(a < b ? a * n + b : b * n + a, (group = []));
    group.push(t);
  }
  for (const list of transfersByActor.values()) list.sort(compareTransfers);
  const transferGroups: TransferGroup[] = [...groupsByPair.keys()]
    .sort((x, y) => x - y)
    .map((key) => ({
      a: actorIds[Math.floor(key / n)] ?? '',
      b: actorIds[key % n] ?? '',
      transfers: (groupsByPair.get(key) ?? []).sort(compareTransfers),
    }));
  transferGroups.forEach((group, t) => {
    table.add(
      actorRank.get(group.a) ?? 0,
      actorRank.get(group.b) ?? 0,
      -(t + 1),
      weights.transfer * transferFactor(group.transfers.length),
    );
  });
  return { transfersByActor, ownTransfers, transferGroups };
}

/** Each actor's filings in time order. */
export function filingsByActor(filings: Iterable<FilingRow>): Map<string, FilingRow[]> {
  const byActor = new Map<string, FilingRow[]>();
  for (const f of filings) pushTo(byActor, f.actorId, f);
  for (const list of byActor.values()) {
    list.sort((x, y) => compareTimes(x.filedAt, y.filedAt) || compareStrings(x.id, y.id));
  }
  return byActor;
}

export interface CoordinationLinks {
  coordination: CoordinationAnalysis;
  coordinationLinks: CoordinationLink[];
  coNamed: CoNamedMatch[];
  coordinationMs: number;
}

// Coordination: near-identical texts, lockstep filing, fees into one collection account. These tie actors
// who share no identifier at all, so they are computed over all filings and transfers, not per identifier.
export function linkCoordination(
  filings: FilingRow[],
  transferGroups: readonly TransferGroup[],
  namedAgainst: ReadonlyMap<string, NamedFact[]>,
  params: DetectionParams,
  ranking: Ranking,
  table: PairTable,
): CoordinationLinks {
  const { weights } = params;
  const { actorRank } = ranking;
  const coordinationStarted = performance.now();
  const coordination = analyseCoordination(
    filings,
    transferGroups.flatMap((g) => g.transfers),
    params,
  );
  const coordinationMs = performance.now() - coordinationStarted;
  const coordinationLinks: CoordinationLink[] = [];
  const link = (
    kind: CoordinationLink['kind'],
    index: number,
    a: string,
    b: string,
    weight: number,
  ): void => {
    const rankA = actorRank.get(a);
    const rankB = actorRank.get(b);
    if (rankA === undefined || rankB === undefined || rankA === rankB) return;
    table.add(rankA, rankB, coordinationRef(coordinationLinks.length), weight);
    coordinationLinks.push({ kind, index });
  };
  coordination.templates.matches.forEach((m, i) =>
    link('template_text', i, m.actorA, m.actorB, weights.template_text * m.similarity * rarity(m.spread)),
  );
  coordination.lockstep.matches.forEach((m, i) =>
    link(
      'lockstep',
      i,
      m.actorA,
      m.actorB,
      weights.lockstep * lockstepFactor(m.episodes.length, params.lockstepMinRepetitions),
    ),
  );
  // NOTE: co_payment is for payers not otherwise linked: family members paying one relative's account, or
  // two people who also pay each other, are already tied (or are one household) and gain nothing from it.
  const directlyLinked = (a: string, b: string): boolean =>
    table.directlyLinked(actorRank.get(a) ?? -1, actorRank.get(b) ?? -1);
  coordination.coPayments.matches.forEach((m, i) => {
    if (directlyLinked(m.actorA, m.actorB)) return;
    const payers = coordination.coPayments.accounts[m.account]?.payerIds.length ?? 2;
    link('co_payment', i, m.actorA, m.actorB, weights.co_payment * rarity(payers));
  });
  const coNamed = weights.co_named > 0 ? findCoNamed(namedAgainst) : [];
  coNamed.forEach((m, i) => link('co_named', i, m.actorA, m.actorB, weights.co_named * m.strength));
  return { coordination, coordinationLinks, coNamed, coordinationMs };
}
/** The coordination part of the graph's stats, in the order the stats list them. */
export function coordinationStats(coordination: CoordinationAnalysis) {
  return {
    texts: coordination.templates.stats.texts,
    nearDuplicatePairs: coordination.templates.stats.nearDuplicatePairs,
    templates: coordination.templates.stats.templates,
    genericTemplates: coordination.templates.stats.genericTemplates,
    templateLinks: coordination.templates.matches.length,
    lockstepLinks: coordination.lockstep.matches.length,
    coPaymentLinks: coordination.coPayments.matches.length,
    crowds: coordination.lockstep.crowds.length,
    collectionAccounts: coordination.coPayments.accounts.length,
  };
}

function compareTransfers(x: TransferRow, y: TransferRow): number {
  return compareTimes(x.at, y.at) || compareStrings(x.transferId, y.transferId);
}
