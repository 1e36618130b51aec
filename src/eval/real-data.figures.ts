// Quality figures of rings found on the real data sets (VK bots by trader, Sichuan fraud) against their labels.
import type { RealActor, RealLabel } from './real-data.sets.js';

export interface EvalRing {
  id: string;
  score: number;
  probability?: number;
  reported: boolean;
  members: { id: string; role: string }[];
}

const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** Label of one member: the trader for a bot, else its kind (`user`, `fraud`, `normal`, or `unlabelled`). */
const groupOf = (labels: ReadonlyMap<string, RealLabel>, id: string) => {
  const l = labels.get(id);
  return l ? (l.group ?? l.kind) : 'unlabelled';
};

/** The label more than half of the ring's members have, or null. */
export function majorityOf(ring: EvalRing, labelOf: (id: string) => string): string | null {
  const counts = new Map<string, number>();
  for (const m of ring.members) counts.set(labelOf(m.id), (counts.get(labelOf(m.id)) ?? 0) + 1);
  for (const [label, n] of counts) if (n * 2 > ring.members.length) return label;
  return null;
}

/** Bots sharing at least one identifier with another bot of their own trader: the ones a ring could hold. */
export function structurallyConnectedBots(
  actors: readonly RealActor[],
  labels: ReadonlyMap<string, RealLabel>,
): Set<string> {
  const botsByIdentifier = new Map<string, string[]>();
  for (const a of actors) {
    if (labels.get(a.id)?.kind !== 'bot') continue;
    for (const x of a.identifiers) {
      const key = `${x.kind}:${x.value}`;
      const list = botsByIdentifier.get(key);
      if (list) list.push(a.id);
      else botsByIdentifier.set(key, [a.id]);
    }
  }
  const connected = new Set<string>();
  for (const bots of botsByIdentifier.values()) {
    if (bots.length < 2) continue;
    const byTrader = new Map<string, string[]>();
    for (const b of bots) {
      const t = labels.get(b)?.group ?? '?';
      byTrader.set(t, [...(byTrader.get(t) ?? []), b]);
    }
    for (const same of byTrader.values()) if (same.length >= 2) for (const b of same) connected.add(b);
  }
  return connected;
}

export interface VkFigures {
  rings: number;
  botRings: number;
  membersInRings: number;
  connectedBots: number;
  /** Structurally connected bots in a ring whose majority is their own trader (target ≥ 0.80). */
  connectedBotsInOwnTraderRing: number | null;
  /** Members of bot-majority rings who are bots of the ring's majority trader, pooled (target ≥ 0.95). */
  botRingPurity: number | null;
  usersInRings: number;
  users: number;
  /** Organic users in rings / organic users (target ≤ 0.02). */
  usersInRingsShare: number | null;
  botsInRings: number;
  bots: number;
}

export function vkFigures(
  rings: readonly EvalRing[],
  actors: readonly RealActor[],
  labels: ReadonlyMap<string, RealLabel>,
  connected: ReadonlySet<string> = structurallyConnectedBots(actors, labels),
): VkFigures {
  const labelOf = (id: string) => groupOf(labels, id);
  let inOwn = 0;
  let botRings = 0;
  let pureMembers = 0;
  let botRingMembers = 0;
  const inRings = new Set<string>();
  for (const ring of rings) {
    const majority = majorityOf(ring, labelOf);
    for (const m of ring.members) inRings.add(m.id);
    const botMajority =
      ring.members.filter((m) => labels.get(m.id)?.kind === 'bot').length * 2 > ring.members.length;
    if (botMajority) {
      botRings++;
      botRingMembers += ring.members.length;
      pureMembers += majority ? ring.members.filter((m) => labelOf(m.id) === majority).length : 0;
    }
    if (majority)
      for (const m of ring.members) if (connected.has(m.id) && labelOf(m.id) === majority) inOwn++;
  }
  let users = 0;
  let bots = 0;
  let usersIn = 0;
  let botsIn = 0;
  for (const [id, l] of labels) {
    if (l.kind === 'user') {
      users++;
      if (inRings.has(id)) usersIn++;
    } else if (l.kind === 'bot') {
      bots++;
      if (inRings.has(id)) botsIn++;
    }
  }
  return {
    rings: rings.length,
    botRings,
    membersInRings: inRings.size,
    connectedBots: connected.size,
    connectedBotsInOwnTraderRing: share(inOwn, connected.size),
    botRingPurity: share(pureMembers, botRingMembers),
    usersInRings: usersIn,
    users,
    usersInRingsShare: share(usersIn, users),
    botsInRings: botsIn,
    bots,
  };
}

export interface SichuanFigures {
  rings: number;
  membersInRings: number;
  fraudInRings: number;
  fraud: number;
  /** Fraud actors among the actors in rings (target ≥ 0.9). */
  fraudShareInRings: number | null;
  /** Fraud actors in rings / all fraud actors (target ≥ 0.6). */
  recall: number | null;
  /** Rings whose majority is fraud. */
  fraudMajorityRings: number;
}

export function sichuanFigures(
  rings: readonly EvalRing[],
  labels: ReadonlyMap<string, RealLabel>,
): SichuanFigures {
  const inRings = new Set(rings.flatMap((r) => r.members.map((m) => m.id)));
  const fraud = [...labels.values()].filter((l) => l.kind === 'fraud').length;
  const fraudIn = [...inRings].filter((id) => labels.get(id)?.kind === 'fraud').length;
  return {
    rings: rings.length,
    membersInRings: inRings.size,
    fraudInRings: fraudIn,
    fraud,
    fraudShareInRings: share(fraudIn, inRings.size),
    recall: share(fraudIn, fraud),
    fraudMajorityRings: rings.filter((r) => majorityOf(r, (id) => groupOf(labels, id)) === 'fraud').length,
  };
}
