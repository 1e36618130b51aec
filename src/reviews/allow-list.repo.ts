// The allow-list of clue review: entries analysts record when they dismiss a ring, and what runs must leave out.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { AllowEntry } from './reviews.schema.js';

export type { AllowEntry };

export const ALLOW_LIST_QUERIES = [
  'reviews/allow-add',
  'reviews/allow-list',
  'reviews/set-only-identifiers',
] as const;

export interface NewAllowEntry {
  kind: 'identifier' | 'actor_set';
  identifierKind?: 'phone' | 'account' | 'device' | 'agent';
  identifier?: string;
  actorIds?: string[];
  reason: string;
}

/** What a run leaves out of linking, and the entries that said so (kept in the run's stats). */
export interface Suppression {
  keys: Set<string>;
  entries: string[];
  actorSets: string[][];
}

export class AllowListRepo {
  constructor(private readonly db: Db) {
    db.require(ALLOW_LIST_QUERIES);
  }

  async add(entry: NewAllowEntry, by: string, ringId: string | null): Promise<string> {
    const id = `allow-${randomUUID()}`;
    await this.db.write('reviews/allow-add', {
      id,
      kind: entry.kind,
      identifierKind: entry.identifierKind ?? null,
      identifier: entry.identifier ?? null,
      actorIds: entry.actorIds ?? [],
      reason: entry.reason,
      ringId,
      by,
      at: new Date().toISOString(),
    });
    return id;
  }

  async list(): Promise<AllowEntry[]> {
    return (await this.db.read('reviews/allow-list')).map((r) => r.entry as AllowEntry);
  }

  /**
   * What a run must leave out of linking: allow-listed identifiers, and the identifiers that tie an allow-listed
   * actor set only to itself.
   */
  async suppressedIdentifiers(): Promise<Suppression> {
    const keys = new Set<string>();
    const entries: string[] = [];
    const actorSets: string[][] = [];
    for (const e of await this.list()) {
      entries.push(e.id);
      if (e.kind === 'identifier' && e.identifierKind && e.identifier)
        keys.add(`${e.identifierKind}:${e.identifier}`);
      if (e.kind === 'actor_set' && e.actorIds.length > 1) {
        actorSets.push(e.actorIds);
        for (const r of await this.db.read('reviews/set-only-identifiers', { actorIds: e.actorIds })) {
          keys.add(`${r.kind as string}:${r.identifier as string}`);
        }
      }
    }
    return { keys, entries, actorSets };
  }
}
