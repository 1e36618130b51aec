// Clue review (线索研判): analysts set a ring's status with a note; every change is kept with who and when, and
// the status stays with the ring id across refreshes. Dismissals can record allow-list entries later runs honour.
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { Errors } from '../shared/errors.js';
import type { CypherQueries } from '../store/cypher-queries.js';
import type { RunService } from '../runs/run.service.js';

export const REVIEW_QUERIES = [
  'reviews/add',
  'reviews/list',
  'reviews/allow-add',
  'reviews/allow-list',
  'reviews/set-only-identifiers',
  'reviews/ring-exists',
] as const;

export const REVIEW_STATUSES = ['new', 'under_review', 'confirmed', 'dismissed', 'referred'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface AllowEntry {
  id: string;
  kind: 'identifier' | 'actor_set';
  identifierKind: 'phone' | 'account' | 'device' | 'agent' | null;
  identifier: string | null;
  actorIds: string[];
  reason: string;
  ringId: string | null;
  by: string;
  at: string;
}

export interface NewAllowEntry {
  kind: 'identifier' | 'actor_set';
  identifierKind?: 'phone' | 'account' | 'device' | 'agent';
  identifier?: string;
  actorIds?: string[];
  reason: string;
}

export class ReviewService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly deps: {
      driver: Driver;
      database?: string;
      queries: CypherQueries;
      runs: RunService;
      /** Transaction timeout of every review query. */
      queryTimeoutMs?: number;
    },
  ) {
    deps.queries.require(REVIEW_QUERIES);
  }

  /** Called after any change that alters what triage should say (status, allow-list). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private async run(
    name: string,
    params: Record<string, unknown>,
    mode: 'READ' | 'WRITE',
  ): Promise<Record<string, unknown>[]> {
    const session = this.deps.driver.session({ database: this.deps.database, defaultAccessMode: mode });
    try {
      const work = (tx: {
        run: (q: string, p: Record<string, unknown>) => Promise<{ records: { toObject(): unknown }[] }>;
      }) => tx.run(this.deps.queries.get(name), params);
      const config = { timeout: this.deps.queryTimeoutMs ?? 60_000 };
      const res =
        mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
      return res.records.map((r) => r.toObject() as Record<string, unknown>);
    } finally {
      await session.close();
    }
  }

  async review(
    ringId: string,
    input: { status: ReviewStatus; note: string; caseReference?: string; allow?: NewAllowEntry[] },
    by: string,
  ): Promise<{ review: Record<string, unknown>; allow: string[] }> {
    const runId = await this.deps.runs.latestSucceeded();
    const exists = runId ? await this.ringExists(runId, ringId) : false;
    if (!exists) throw Errors.notFound('ring', ringId);
    if (input.status === 'referred' && !input.caseReference)
      throw Errors.badRequest('status "referred" needs a caseReference');
    if (input.allow?.length && input.status !== 'dismissed')
      throw Errors.badRequest('allow-list entries go with status "dismissed"');
    const at = new Date().toISOString();
    const id = `rev-${randomUUID()}`;
    const review = {
      id,
      ringId,
      runId,
      status: input.status,
      note: input.note,
      caseReference: input.caseReference ?? null,
      by,
      at,
    };
    await this.run('reviews/add', review, 'WRITE');
    const allow: string[] = [];
    for (const entry of input.allow ?? []) allow.push(await this.addAllow(entry, by, ringId));
    this.listeners.forEach((l) => l());
    return { review, allow };
  }

  async reviews(ringId: string): Promise<unknown[]> {
    return (await this.run('reviews/list', { ringId }, 'READ')).map((r) => r.review);
  }

  async addAllow(entry: NewAllowEntry, by: string, ringId: string | null = null): Promise<string> {
    const id = `allow-${randomUUID()}`;
    await this.run(
      'reviews/allow-add',
      {
        id,
        kind: entry.kind,
        identifierKind: entry.identifierKind ?? null,
        identifier: entry.identifier ?? null,
        actorIds: entry.actorIds ?? [],
        reason: entry.reason,
        ringId,
        by,
        at: new Date().toISOString(),
      },
      'WRITE',
    );
    this.listeners.forEach((l) => l());
    return id;
  }

  async allowList(): Promise<AllowEntry[]> {
    return (await this.run('reviews/allow-list', {}, 'READ')).map((r) => r.entry as AllowEntry);
  }

  /**
   * What a run must leave out of linking: allow-listed identifiers, and the identifiers that tie an allow-listed
   * actor set only to itself.
   */
  async suppressedIdentifiers(): Promise<{ keys: Set<string>; entries: string[]; actorSets: string[][] }> {
    const keys = new Set<string>();
    const entries: string[] = [];
    const actorSets: string[][] = [];
    for (const e of await this.allowList()) {
      entries.push(e.id);
      if (e.kind === 'identifier' && e.identifierKind && e.identifier)
        keys.add(`${e.identifierKind}:${e.identifier}`);
      if (e.kind === 'actor_set' && e.actorIds.length > 1) {
        actorSets.push(e.actorIds);
        for (const r of await this.run('reviews/set-only-identifiers', { actorIds: e.actorIds }, 'READ')) {
          keys.add(`${r.kind as string}:${r.identifier as string}`);
        }
      }
    }
    return { keys, entries, actorSets };
  }

  private async ringExists(runId: string, ringId: string): Promise<boolean> {
    const rows = await this.run('reviews/ring-exists', { runId, ringId }, 'READ');
    return Number(rows[0]?.n ?? 0) > 0;
  }
}
