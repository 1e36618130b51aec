// Ring reports for analysts, always read from the latest succeeded run (or the run a cursor pins).
import neo4j from 'neo4j-driver';
import type { z } from 'zod';
import { DEFAULT_DETECTION_PARAMS } from '../analytics/index.js';
import { Errors } from '../shared/errors.js';
import type { Db, Params, Row } from '../store/db.js';
import type { RunService } from '../runs/run.service.js';
import type { Written } from '../shared/events.js';
import { ReportCache } from './report-cache.js';
import { utcTimes } from '../shared/utc-time.js';
import { ringFilings, type RingFilings } from './ring-filings.js';
import type {
  ActorReport as ActorReportSchema,
  RingPage as RingPageSchema,
  RingHistory as RingHistorySchema,
  RingReport as RingReportSchema,
} from './rings.responses.js';

/** What GET /v1/rings answers: the documented schema is the type this service returns. */
export type RingPage = z.infer<typeof RingPageSchema>;
/** What GET /v1/rings/:id answers (and an evidence bundle's ring.json holds). */
export type RingReport = z.infer<typeof RingReportSchema>;
/** What GET /v1/actors/:id answers. */
export type ActorReport = z.infer<typeof ActorReportSchema>;
/** What GET /v1/rings/:id/history answers. */
export type RingHistory = z.infer<typeof RingHistorySchema>;

type Member = RingReport['members'][number];
/** A ring as cypher/rings/ring-get.cypher returns it: the run's snapshot, its JSON fields as the run wrote them. */
interface RingRow {
  id: string;
  rank: number;
  score: number;
  probability?: number | null;
  reported: boolean;
  typology: RingReport['typology'];
  typologyReason: string;
  size: number;
  breakdown?: string;
  details?: string;
  filingIds?: string[];
  /** The ring's filings as its run found them (RingFilings as JSON), when asked for and written. */
  filings?: string | null;
}

/** The parts of a ring's report the run wrote as one JSON document (run-pipeline.ts, ringRow). */
type RingDetails = Partial<
  Pick<
    RingReport,
    | 'probabilityTerms'
    | 'counterEvidence'
    | 'victims'
    | 'sharedIdentifiers'
    | 'timeline'
    | 'moneyFlows'
    | 'templates'
    | 'bursts'
    | 'collections'
  >
>;

type MemberRow = Omit<Member, 'name' | 'sources' | 'evidence'> & {
  name?: string | null;
  sources?: string[] | null;
  evidence?: string;
};
import { CURSOR_PATTERN } from './rings.schema.js';

export const REPORT_QUERIES = [
  'rings/rings-list',
  'rings/ring-get',
  'rings/filings-by-id',
  'rings/actor-get',
  'rings/ring-history',
  'rings/ring-counts',
  'rings/ring-browser',
] as const;

export interface RingListQuery {
  minScore?: number;
  minProbability?: number;
  typology?: string;
  status?: string;
  institution?: string;
  filedFrom?: string;
  filedTo?: string;
  limit: number;
  cursor?: string;
}

/** The page size of GET /v1/rings without `limit` (rings.schema.ts) and of the console's list. */
export const DEFAULT_LIST_LIMIT = 50;

interface Cursor {
  runId: string;
  rank: number;
}

export class RingReportService {
  private readonly reportMinByRun = new Map<string, number>();

  constructor(
    private readonly deps: {
      db: Db;
      runs: RunService;
      /** Answers kept per run (see ReportCache); without one every request reads Neo4j. */
      cache?: ReportCache;
    },
  ) {
    deps.db.require(REPORT_QUERIES);
    this.cache = deps.cache ?? new ReportCache({ max: 0, ttlMs: 0 });
  }

  private readonly cache: ReportCache;

  /** An ingest through this process wrote these: reports showing them are read again. */
  written(w: Written): void {
    // NOTE: `actor:` answers show an actor as stored, `lastSeen` included, so any write of it counts; `filer:` ones
    // the list of what an actor filed (the actor report). Ring reports show members' name, kind and sources
    // (`member:`) and filings without `lastSeen` (`filing:`): only a record that changed counts for them, so a feed
    // re-sending what it sent before does not empty the cache of ring reports.
    this.cache.invalidate([
      ...w.actorIds.map((id) => `actor:${id}`),
      ...w.filerIds.map((id) => `filer:${id}`),
      ...w.changedActorIds.map((id) => `member:${id}`),
      ...w.changedFilingIds.map((id) => `filing:${id}`),
    ]);
  }

  /** A ring's review status changed: ring pages and ring reports show it. */
  reviewsChanged(): void {
    this.cache.invalidate(['reviews']);
  }

  /** Another process wrote something (see WriteMarks); what it wrote is not known, so everything goes. */
  othersWrote(): void {
    this.cache.clear();
  }

  /** Answers of older runs are no longer asked for (keys carry the run id); free them, and warm the new run's list. */
  runSucceeded(): void {
    this.cache.clear();
    void this.warm();
  }

  /**
   * Reads the first page of the default ring list (what every sign-in to the console shows) into the cache, at start
   * and after each run, so the first analyst does not wait for the list query's first execution in the database
   * (planning and cold pages: seconds on a 200,000-actor world, a tenth of a second after). The best ring's report is
   * read too, not kept: that plans the report query, so the first report an analyst opens is one read (npm run
   * bench:report: a quarter of a second more on a 20,000-actor world otherwise).
   */
  warm(): Promise<void> {
    // NOTE: best effort: nobody is waiting for it, and a request that fails the same way reports it itself
    return this.list({ limit: DEFAULT_LIST_LIMIT })
      .then(async (page) => {
        const top = page.rings[0];
        if (page.runId && top) await this.readRing(page.runId, String(top.id), { snapshot: true });
      })
      .catch(() => undefined);
  }

  get cacheStats(): { hits: number; misses: number; entries: number } {
    return { ...this.cache.stats, entries: this.cache.size };
  }

  private read(name: string, params: Params): Promise<Row[]> {
    return this.deps.db.read(name, params);
  }

  async list(q: RingListQuery): Promise<RingPage> {
    let runId: string | undefined;
    let afterRank = 0;
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      runId = c.runId;
      afterRank = c.rank;
    } else {
      runId = await this.deps.runs.latestSucceeded();
    }
    if (!runId) return { runId: null, rings: [], nextCursor: null };
    const reportMin = await this.reportMinScore(runId);
    const minScore = q.minScore ?? reportMin;
    const key = JSON.stringify([
      'list',
      runId,
      minScore,
      q.minProbability,
      q.typology,
      q.status,
      q.institution,
      q.filedFrom,
      q.filedTo,
      afterRank,
      q.limit,
    ]);
    return this.cache.get(key, async () => {
      const rows = await this.read('rings/rings-list', {
        runId,
        minScore,
        minProbability: q.minProbability ?? null,
        typology: q.typology ?? null,
        status: q.status ?? null,
        institution: q.institution ?? null,
        filedFrom: q.filedFrom ?? null,
        filedTo: q.filedTo ?? null,
        afterRank,
        limit: neo4j.int(q.limit + 1),
      });
      // NOTE: rows as cypher/rings/rings-list.cypher returns them; the integration tests check them against the schema
      const page = rows.slice(0, q.limit).map(
        (r) =>
          ({
            ...(r.ring as object),
            status: r.status,
            organizerId: r.organizerId ?? null,
          }) as RingPage['rings'][number],
      );
      const last = page[page.length - 1];
      const nextCursor = rows.length > q.limit && last ? encodeCursor({ runId, rank: last.rank }) : null;
      // NOTE: the page is the run's snapshot apart from each ring's review status
      return { value: { runId, rings: page, nextCursor }, deps: ['reviews'] };
    });
  }

  /** A run's parameters never change: its report threshold is read once (the run record also holds big stats). */
  private async reportMinScore(runId: string): Promise<number> {
    let min = this.reportMinByRun.get(runId);
    if (min === undefined) {
      const run = await this.deps.runs.get(runId);
      min = Number(
        (run?.params as { reportMinScore?: number } | undefined)?.reportMinScore ??
          DEFAULT_DETECTION_PARAMS.reportMinScore,
      );
      if (this.reportMinByRun.size > 100) this.reportMinByRun.clear();
      this.reportMinByRun.set(runId, min);
    }
    return min;
  }

  /**
   * The ring's report: one read, found by the ring's key, with the filings as the run found them (written with the
   * ring at write-back), so that evidence ingested or corrected after the run does not change what the run accuses
   * the ring of. `fresh`: read from Neo4j whatever the cache holds, with the run's filings as they are stored now
   * (evidence exports: they read the store).
   */
  async get(id: string, opts: { fresh?: boolean } = {}): Promise<RingReport> {
    const runId = await this.deps.runs.latestSucceeded();
    if (!runId) throw Errors.notFound('ring', id);
    if (opts.fresh) return (await this.readRing(runId, id, { snapshot: false })).value;
    return this.cache.get(JSON.stringify(['ring', runId, id]), () =>
      this.readRing(runId, id, { snapshot: true }),
    );
  }

  private async readRing(
    runId: string,
    id: string,
    opts: { snapshot: boolean },
  ): Promise<{ value: RingReport; deps: string[] }> {
    const row = (
      await this.read('rings/ring-get', { runId, key: `${runId}:${id}`, snapshot: opts.snapshot })
    )[0];
    if (!row) throw Errors.notFound('ring', id);
    const ring = row.ring as RingRow;
    const details = parse<RingDetails>(ring.details, {});
    const filingIds = ring.filingIds ?? [];
    // NOTE: rings of runs from before filings were written with them have none: read from the store, as then
    const snapshot = parse<RingFilings | undefined>(ring.filings, undefined);
    const filings =
      snapshot ??
      ringFilings(filingIds.length > 0 ? await this.read('rings/filings-by-id', { ids: filingIds }) : []);
    const members = (row.members as MemberRow[]).map((m) => ({
      id: m.id,
      name: m.name ?? null,
      kind: m.kind,
      role: m.role,
      strength: m.strength,
      summary: m.summary,
      sources: m.sources ?? [],
      evidence: parse<Member['evidence']>(m.evidence, []),
    }));
    const value = {
      runId,
      id: ring.id,
      rank: ring.rank,
      score: ring.score,
      probability: ring.probability ?? null,
      reported: ring.reported,
      typology: ring.typology,
      typologyReason: ring.typologyReason,
      size: ring.size,
      review: row.review as RingReport['review'],
      scoreBreakdown: parse<RingReport['scoreBreakdown']>(ring.breakdown, []),
      probabilityTerms: details.probabilityTerms ?? [],
      counterEvidence: details.counterEvidence ?? [],
      members,
      victims: details.victims ?? [],
      sharedIdentifiers: details.sharedIdentifiers ?? [],
      complaints: filings.complaints,
      claims: filings.claims,
      timeline: details.timeline ?? [],
      moneyFlows: details.moneyFlows ?? [],
      templates: details.templates ?? [],
      bursts: details.bursts ?? [],
      collections: details.collections ?? [],
      neo4jBrowser: this.browserQuery(runId, String(ring.id)),
    };
    // NOTE: member names/kinds/sources and the review status are read live; the rest is the run's snapshot (the
    // filings too, unless read from the store). Every date-time is answered in UTC, whatever offset the source
    // wrote it with.
    const deps = [
      'reviews',
      `ring:${id}`,
      ...members.map((m) => `member:${String(m.id)}`),
      ...(snapshot ? [] : filingIds.map((f) => `filing:${f}`)),
    ];
    return { value: utcTimes(value), deps };
  }

  /**
   * The Cypher that shows this ring's subgraph in Neo4j Browser or Bloom, for analysts who work there: the query
   * (cypher/rings/ring-browser.cypher, parameterised) and the `:params` command that sets its parameters.
   */
  private browserQuery(runId: string, ringId: string): RingReport['neo4jBrowser'] {
    const params = { runId, ringId };
    const query = this.deps.db.queries
      .get('rings/ring-browser')
      .split('\n')
      .filter((l) => !l.startsWith('// :params'))
      .join('\n')
      .trim();
    return { query, params, paramsCommand: `:params ${JSON.stringify(params)}` };
  }

  /** Rings of the latest succeeded run by typology and reported (the /metrics gauge). */
  async ringCounts(): Promise<{ typology: string; reported: boolean; n: number }[]> {
    const runId = await this.deps.runs.latestSucceeded();
    if (!runId) return [];
    const rows = await this.read('rings/ring-counts', { runId });
    return rows.map((r) => ({ typology: String(r.typology), reported: r.reported === true, n: Number(r.n) }));
  }

  /** The ring in every retained run, with the lineage events that name it; 404 if no run knows it. */
  async history(id: string): Promise<RingHistory> {
    const rows = await this.read('rings/ring-history', { id });
    if (rows.length === 0) throw Errors.notFound('ring', id);
    return { id, runs: rows as RingHistory['runs'] };
  }

  async actor(id: string): Promise<ActorReport> {
    const runId = (await this.deps.runs.latestSucceeded()) ?? '';
    return this.cache.get(JSON.stringify(['actor', runId, id]), async () => ({
      value: await this.readActor(runId, id),
      deps: [`actor:${id}`, `filer:${id}`],
    }));
  }

  private async readActor(runId: string, id: string): Promise<ActorReport> {
    const rows = await this.read('rings/actor-get', {
      id,
      runId,
      maxIdentifiers: neo4j.int(MAX_ACTOR_IDENTIFIERS),
    });
    const row = rows[0];
    if (!row) throw Errors.notFound('actor', id);
    const m = row.membership as Row | null;
    const ring =
      m && m.ring
        ? {
            runId,
            ...(m.ring as object),
            role: m.role,
            strength: m.strength,
            summary: m.summary,
            evidence: parse(m.evidence, []),
          }
        : null;
    return utcTimes({
      ...(row.actor as object),
      phones: row.phones,
      accounts: row.accounts,
      devices: row.devices,
      identifiers: row.identifiers,
      identifierCount: Number(row.identifierCount ?? 0),
      filingIds: row.filingIds,
      ring,
    }) as ActorReport;
  }
}

/** Generic identifiers listed in an actor report (a bot may hold 10,000 friends); `identifierCount` tells all. */
const MAX_ACTOR_IDENTIFIERS = 1000;

/** A JSON field as the run wrote it (run-pipeline.ts, ringRow); `fallback` when absent or unreadable. */
function parse<T>(v: unknown, fallback: T): T {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** `<runId>.<rank>`: the run the listing began on and the last rank shown (CURSOR_PATTERN, rings.schema.ts). */
export function encodeCursor(c: Cursor): string {
  return `${c.runId}.${c.rank}`;
}

/** A cursor the query schema let through; any run and rank it names is a page (empty when the run has none). */
export function decodeCursor(s: string): Cursor {
  const m = CURSOR_PATTERN.exec(s);
  if (!m) throw Errors.badRequest('cursor is not valid; use the nextCursor of a previous page');
  return { runId: m[1]!, rank: Number(m[2]) };
}
