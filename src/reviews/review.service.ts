// Clue review (线索研判): analysts set a ring's status with a note; every change is kept with who and when, and
// the status stays with the ring id across refreshes. Dismissals can record allow-list entries later runs honour.
import { randomUUID } from 'node:crypto';
import type { Events } from '../shared/events.js';
import { Errors } from '../shared/errors.js';
import type { Db } from '../store/db.js';
import {
  ALLOW_LIST_QUERIES,
  type AllowEntry,
  type AllowListRepo,
  type NewAllowEntry,
} from './allow-list.repo.js';

export type { AllowEntry, NewAllowEntry };
import type { RunService } from '../runs/run.service.js';
import type { Review, ReviewResult, ReviewStatus } from './reviews.schema.js';

export const REVIEW_QUERIES = [
  'reviews/add',
  'reviews/list',
  'reviews/ring-exists',
  ...ALLOW_LIST_QUERIES,
] as const;

export class ReviewService {
  constructor(
    private readonly deps: {
      db: Db;
      allowList: AllowListRepo;
      runs: Pick<RunService, 'latestSucceeded'>;
      /** Told after any change that alters what triage and reports should say (status, allow-list). */
      events?: Events;
    },
  ) {
    deps.db.require(REVIEW_QUERIES);
  }

  async review(
    ringId: string,
    input: { status: ReviewStatus; note: string; caseReference?: string; allow?: NewAllowEntry[] },
    by: string,
  ): Promise<ReviewResult> {
    const runId = await this.deps.runs.latestSucceeded();
    const exists = runId ? await this.ringExists(runId, ringId) : false;
    if (!exists) throw Errors.notFound('ring', ringId);
    // NOTE: rules across fields (the body's shape is right, its meaning is not): 422, like an invalid record.
    const invalid = (field: string, message: string) =>
      Errors.invalidRecords([{ type: 'review', index: 0, field, message }]);
    if (input.status === 'referred' && !input.caseReference)
      throw invalid('caseReference', 'status "referred" needs a caseReference');
    if (input.allow?.length && input.status !== 'dismissed')
      throw invalid('allow', 'allow-list entries go with status "dismissed"');
    const at = new Date().toISOString();
    const id = `rev-${randomUUID()}`;
    const review: Review = {
      id,
      ringId,
      runId: runId ?? null,
      status: input.status,
      note: input.note,
      caseReference: input.caseReference ?? null,
      by,
      at,
    };
    await this.deps.db.write('reviews/add', review);
    const allow: string[] = [];
    for (const entry of input.allow ?? []) allow.push(await this.addAllow(entry, by, ringId));
    this.deps.events?.emit('reviews.changed');
    return { review, allow };
  }

  async reviews(ringId: string): Promise<Review[]> {
    return (await this.deps.db.read('reviews/list', { ringId })).map((r) => r.review as Review);
  }

  async addAllow(entry: NewAllowEntry, by: string, ringId: string | null = null): Promise<string> {
    const id = await this.deps.allowList.add(entry, by, ringId);
    this.deps.events?.emit('reviews.changed');
    return id;
  }

  allowList(): Promise<AllowEntry[]> {
    return this.deps.allowList.list();
  }

  private async ringExists(runId: string, ringId: string): Promise<boolean> {
    const rows = await this.deps.db.read('reviews/ring-exists', { runId, ringId });
    return Number(rows[0]?.n ?? 0) > 0;
  }
}
