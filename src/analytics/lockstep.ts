// Lockstep filing: complainants who repeatedly file against the same institution within the same short window.
import { timeMs } from './iso-time.js';
import { compareStrings } from './ordering.js';

/**
 * CopyCatch (A. Beutel, W. Xu, V. Guruswami, C. Palow, C. Faloutsos, « CopyCatch: stopping group attacks by
 * spotting lockstep behavior in social networks », WWW 2013) flags users who act on the same targets within
 * the same time windows; SynchroTrap (Q. Cao, X. Yang, J. Yu, C. Palow, « Uncovering large groups of active
 * malicious accounts in online social networks », CCS 2014) pairs accounts by the same action on the same
 * target within a window and keeps pairs whose synchronised actions repeat. Here the action is filing a
 * complaint or claim, the target an institution: a mill files its clients' complaints in sessions, campaign
 * after campaign, while two honest consumers meet in a window once, by chance.
 */
export interface LockstepParams {
  /** Two filings against one institution at most this far apart coincide. */
  windowMinutes: number;
  /** Distinct coincidences (different institution, or further apart than the window) needed to link two actors. */
  minRepetitions: number;
  /**
   * A window holding more distinct filers than this is a crowd (an outage, a product recall, a news story):
   * recorded with the run and left out, never paired.
   */
  maxCrowd: number;
}

export interface LockstepFiling {
  id: string;
  actorId: string;
  institution: string;
  filedAt: string;
}

export interface LockstepEpisode {
  institution: string;
  /** The earlier of the two filings. */
  at: string;
  filingIds: [string, string];
}

export interface LockstepMatch {
  /** Smaller id first; filingIds of the episodes follow this order. */
  actorA: string;
  actorB: string;
  /** Distinct coincidences, earliest first; at least minRepetitions. */
  episodes: LockstepEpisode[];
}

/** A burst of filings against one institution by too many people to be one ring. */
export interface Crowd {
  institution: string;
  from: string;
  to: string;
  actorCount: number;
  filingCount: number;
  reason: string;
}

export interface LockstepAnalysis {
  matches: LockstepMatch[];
  crowds: Crowd[];
  stats: {
    filings: number;
    /** Pairs of filings by different actors against one institution within the window (crowds excluded). */
    coincidences: number;
    /** Actor pairs with at least one coincidence. */
    coincidingPairs: number;
    matches: number;
    crowds: number;
    crowdFilings: number;
  };
}

export const EMPTY_LOCKSTEP_ANALYSIS: LockstepAnalysis = Object.freeze({
  matches: [],
  crowds: [],
  stats: { filings: 0, coincidences: 0, coincidingPairs: 0, matches: 0, crowds: 0, crowdFilings: 0 },
}) as LockstepAnalysis;

interface Item {
  at: number;
  actor: number;
  filing: number;
}

/**
 * A sorted sweep per institution: every filing is paired with the later filings within the window, so the
 * cost is the number of coincidences, not the square of the filings. Windows with more than `maxCrowd`
 * distinct filers are crowds and pair nobody.
 */
export function findLockstep(filings: readonly LockstepFiling[], params: LockstepParams): LockstepAnalysis {
  const windowMs = params.windowMinutes * 60_000;
  const actors = [...new Set(filings.map((f) => f.actorId))].sort(compareStrings);
  const actorRank = new Map(actors.map((id, i) => [id, i]));
  const ids: string[] = [];
  const byInstitution = new Map<string, Item[]>();
  for (const f of filings) {
    const at = timeMs(f.filedAt);
    if (Number.isNaN(at) || !f.institution) continue;
    const list = byInstitution.get(f.institution) ?? [];
    list.push({ at, actor: actorRank.get(f.actorId)!, filing: ids.length });
    ids.push(f.id);
    byInstitution.set(f.institution, list);
  }
  const institutions = [...byInstitution.keys()].sort(compareStrings);
  const n = actors.length;
  // Actor pair (low·n + high) → flat [institution, at, filingLow, filingHigh, …] coincidences.
  const events = new Map<number, number[]>();
  const crowds: Crowd[] = [];
  let coincidences = 0;
  let crowdFilings = 0;

  institutions.forEach((institution, inst) => {
    const items = byInstitution.get(institution)!;
    items.sort((x, y) => x.at - y.at || compareStrings(ids[x.filing]!, ids[y.filing]!));
    const crowded = markCrowds(items, windowMs, params.maxCrowd);
    // Consecutive crowded filings, none more than a window after the previous one, form one crowd record.
    for (let i = 0; i < items.length;) {
      if (!crowded[i]) {
        i++;
        continue;
      }
      let j = i;
      const who = new Set<number>();
      do who.add(items[j++]!.actor);
      while (j < items.length && crowded[j] && items[j]!.at - items[j - 1]!.at <= windowMs);
      crowdFilings += j - i;
      crowds.push({
        institution,
        from: new Date(items[i]!.at).toISOString(),
        to: new Date(items[j - 1]!.at).toISOString(),
        actorCount: who.size,
        filingCount: j - i,
        reason:
          `${who.size} people filed ${j - i} complaints/claims against ${institution} within windows of ` +
          `${params.windowMinutes} minutes (more than ${params.maxCrowd}): a crowd reacting to one event, ` +
          `not used to link them.`,
      });
      i = j;
    }
    for (let i = 0; i < items.length; i++) {
      if (crowded[i]) continue;
      const x = items[i]!;
      for (let j = i + 1; j < items.length && items[j]!.at - x.at <= windowMs; j++) {
        const y = items[j]!;
        if (crowded[j] || y.actor === x.actor) continue;
        const [low, high] = x.actor < y.actor ? [x, y] : [y, x];
        const key = low.actor * n + high.actor;
        const list = events.get(key);
        const event = [inst, x.at, low.filing, high.filing];
        if (list === undefined) events.set(key, event);
        else list.push(...event);
        coincidences++;
      }
    }
  });

  const matches: LockstepMatch[] = [];
  for (const key of [...events.keys()].sort((x, y) => x - y)) {
    const flat = events.get(key)!;
    if (flat.length / 4 < params.minRepetitions) continue;
    const episodes = distinctEpisodes(flat, windowMs);
    if (episodes.length < params.minRepetitions) continue;
    matches.push({
      actorA: actors[Math.floor(key / n)]!,
      actorB: actors[key % n]!,
      episodes: episodes.map((e) => ({
        institution: institutions[e[0]]!,
        at: new Date(e[1]).toISOString(),
        filingIds: [ids[e[2]]!, ids[e[3]]!],
      })),
    });
  }
  return {
    matches,
    crowds,
    stats: {
      filings: ids.length,
      coincidences,
      coincidingPairs: events.size,
      matches: matches.length,
      crowds: crowds.length,
      crowdFilings,
    },
  };
}

/**
 * Flags every filing inside a window [t, t + window] that holds more than maxCrowd distinct actors, with a
 * two-pointer sweep over the time-sorted items.
 */
function markCrowds(items: readonly Item[], windowMs: number, maxCrowd: number): Uint8Array {
  const crowded = new Uint8Array(items.length);
  const inWindow = new Map<number, number>();
  let end = 0;
  for (let start = 0; start < items.length; start++) {
    while (end < items.length && items[end]!.at - items[start]!.at <= windowMs) {
      const actor = items[end++]!.actor;
      inWindow.set(actor, (inWindow.get(actor) ?? 0) + 1);
    }
    if (inWindow.size > maxCrowd) crowded.fill(1, start, end);
    const leaving = items[start]!.actor;
    const left = (inWindow.get(leaving) ?? 1) - 1;
    if (left === 0) inWindow.delete(leaving);
    else inWindow.set(leaving, left);
  }
  return crowded;
}

/**
 * Coincidences of one pair, greedily grouped: a new episode starts at another institution or more than a
 * window after the current episode began, so two filings each in one session count once, not four times.
 */
function distinctEpisodes(flat: readonly number[], windowMs: number): [number, number, number, number][] {
  const all: [number, number, number, number][] = [];
  for (let i = 0; i < flat.length; i += 4) all.push([flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!]);
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]);
  const episodes: [number, number, number, number][] = [];
  let current: [number, number, number, number] | undefined;
  for (const e of all) {
    if (current === undefined || e[0] !== current[0] || e[1] - current[1] > windowMs) {
      current = e;
      episodes.push(e);
    }
  }
  return episodes.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
}
