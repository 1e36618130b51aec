// Real-time triage of one incoming complaint or claim against the rings of the latest run, from a cached index
// rebuilt when a new run succeeds or a review changes a ring's status.
import type { Logger } from 'pino';
import type { Db, Params, Row } from '../store/db.js';
import type { RunService } from '../runs/run.service.js';
import type { ReviewService } from '../reviews/review.service.js';
import { RingIndex, type IndexRing, type Incoming, type MemberIdentifierRow } from './ring-index.js';
import type { TriageResult } from './triage.schema.js';

export const TRIAGE_QUERIES = [
  'triage/ring-rows',
  'triage/member-identifiers',
  'triage/actor-identifiers',
] as const;

/** How often the service checks whether another instance finished a newer run. */
const RECHECK_MS = 5_000;

export class TriageService {
  private index: RingIndex | undefined;
  private building: Promise<RingIndex> | undefined;
  private checkedAt = 0;
  private version = 0;
  /** Actors written since the index was built: their identifiers are looked up in Neo4j (one indexed query). */
  private readonly changedSinceBuild = new Set<string>();

  constructor(
    private readonly deps: {
      db: Db;
      runs: RunService;
      reviews: ReviewService;
      logger: Logger;
    },
  ) {
    deps.db.require(TRIAGE_QUERIES);
  }

  /** Drops the cached index (a run succeeded, a status or the allow-list changed). */
  invalidate(): void {
    this.version++;
    this.index = undefined;
  }

  /** Ingest tells triage which actors it wrote, so their new phones/accounts are not missed until the next run. */
  actorsWritten(actorIds: readonly string[]): void {
    if (this.changedSinceBuild.size > 1_000_000) this.invalidate();
    for (const id of actorIds) this.changedSinceBuild.add(id);
  }

  async currentIndex(): Promise<RingIndex> {
    const now = Date.now();
    if (this.index && now - this.checkedAt < RECHECK_MS) return this.index;
    if (this.index) {
      this.checkedAt = now;
      const latest = (await this.deps.runs.latestSucceeded()) ?? null;
      if (latest === this.index.runId) return this.index;
      this.invalidate();
    }
    if (!this.building) {
      const version = this.version;
      this.building = this.build().finally(() => (this.building = undefined));
      const built = await this.building;
      if (version === this.version) {
        this.index = built;
        this.checkedAt = Date.now();
      }
      return built;
    }
    return this.building;
  }

  async score(incoming: Omit<Incoming, 'known'>): Promise<Omit<TriageResult, 'id' | 'type'>> {
    const index = await this.currentIndex();
    // NOTE: the index already holds the identifiers of every actor that shares one with a ring member; only
    // actors written since it was built need a look-up.
    const known = this.changedSinceBuild.has(incoming.complainantId)
      ? await this.knownIdentifiers(incoming.complainantId)
      : index.knownOf(incoming.complainantId);
    return { runId: index.runId, ...index.score({ ...incoming, ...(known ? { known } : {}) }) };
  }

  private read(name: string, params: Params): Promise<Row[]> {
    return this.deps.db.read(name, params);
  }

  private async knownIdentifiers(actorId: string): Promise<Incoming['known']> {
    const rows = await this.read('triage/actor-identifiers', { id: actorId });
    const r = rows[0];
    if (!r) return undefined;
    return { phones: r.phones as string[], accounts: r.accounts as string[], devices: r.devices as string[] };
  }

  private async build(): Promise<RingIndex> {
    const t0 = performance.now();
    const runId = (await this.deps.runs.latestSucceeded()) ?? null;
    const ignored = new Map<string, string>();
    for (const e of await this.deps.reviews.allowList()) {
      if (e.kind === 'identifier' && e.identifierKind && e.identifier)
        ignored.set(`${e.identifierKind}:${e.identifier}`, `allow-listed: ${e.reason}`);
    }
    if (!runId) return new RingIndex(null, [], [], ignored);
    const run = await this.deps.runs.get(runId);
    const params = (run?.params ?? {}) as { reportMinScore?: number };
    const hubs =
      (run?.hubs as { items?: { identifier: string; identifierKind: string; actorCount: number }[] } | null)
        ?.items ?? [];
    for (const h of hubs)
      ignored.set(
        `${h.identifierKind}:${h.identifier}`,
        `hub shared by ${h.actorCount} actors, not evidence`,
      );
    const ringRows = await this.read('triage/ring-rows', { runId, minScore: params.reportMinScore ?? 50 });
    const rings: IndexRing[] = ringRows.map((r) => ({
      ringId: r.ringId as string,
      score: Number(r.score),
      typology: r.typology as string,
      status: r.status as string,
      members: r.members as IndexRing['members'],
    }));
    const actorIds = rings.flatMap((r) => r.members.map((m) => m.id));
    const rows: MemberIdentifierRow[] = [];
    for (let i = 0; i < actorIds.length; i += 2000) {
      for (const r of await this.read('triage/member-identifiers', {
        actorIds: actorIds.slice(i, i + 2000),
      })) {
        rows.push(r as unknown as MemberIdentifierRow);
      }
    }
    const index = new RingIndex(runId, rings, rows, ignored);
    this.changedSinceBuild.clear();
    const ids = index.memberIdentifiers();
    const chunk = 5000;
    for (let i = 0; i < Math.max(ids.phones.length, ids.accounts.length, ids.devices.length); i += chunk) {
      index.addNeighbours(
        (await this.read('triage/neighbour-identifiers', {
          phones: ids.phones.slice(i, i + chunk),
          accounts: ids.accounts.slice(i, i + chunk),
          devices: ids.devices.slice(i, i + chunk),
        })) as { actorId: string; kind: string; identifier: string }[],
      );
    }
    this.deps.logger.info(
      { runId, rings: index.size, rows: rows.length, ms: Math.round(performance.now() - t0) },
      'triage index built',
    );
    return index;
  }
}
