// The stages of one detection run, all in the run's worker thread (run.worker.ts), with its own driver:
//   1. projection: the graph streamed out of Neo4j (less the allow-list) into the evidence graph builder;
//   2. detection: evidence graph, communities, scoring;
//   3. lineage: this run's rings matched to the previous run's, so a ring keeps its id;
//   4. write-back: the rings in batches, then the lineage events.
// Each stage is timed and starts with a checkpoint (where an interrupted run stops) and a heartbeat. Only the
// outcome (counts, stats, hubs) goes back to the service's thread, never the rings (see run-thread.ts).
import { createHash } from 'node:crypto';
import {
  EvidenceGraphBuilder,
  detectRingsInPool,
  type DetectionParams,
  type DetectionResult,
  type DetectedRing,
} from '../analytics/index.js';
import { matchRings, type LineageResult } from '../analytics/ring-lineage.js';
import type { Db } from '../store/db.js';
import { ringFilings } from '../rings/ring-filings.js';
import { readProjection, type ProjectionCounts } from './projection.reader.js';
import type { RunProgress } from './run-lease.js';
import type { RunRepo } from './run.repo.js';

export const STAGES = ['projection', 'detection', 'lineage', 'write-back'] as const;
export type Stage = (typeof STAGES)[number];

export interface RunHooks {
  /** Test hook: called after each write-back batch; throwing fails the run there. */
  afterWriteBatch?: (batchIndex: number) => void | Promise<void>;
  /** Test hook: called when the run's thread has begun detecting. */
  detectionStarted?: (runId: string) => void;
  /** Test hook: the run's thread blocks at this gate (see holdAtGate) before detecting. */
  detectionGate?: SharedArrayBuffer;
  /** Test hook: every message the service's thread receives from a run's thread (see run-thread.ts). */
  threadMessage?: (message: unknown) => void;
}

/** The allow-list as a run reads it at its start (see AllowListRepo.suppressedIdentifiers). */
export interface RunSuppression {
  keys: Set<string>;
  entries: string[];
  actorSets: string[][];
}

export interface PipelineDeps {
  db: Db;
  /** Worker threads that refine the communities (refine-pool.ts; 1: this thread). */
  detectThreads: number;
  repo: RunRepo;
  /** The allow-list as the run read it at its start. */
  suppression?: RunSuppression;
  hooks?: Pick<RunHooks, 'afterWriteBatch' | 'detectionGate'> & { detectionStarted?: () => void };
  /** The run this one's rings are matched to. */
  latestSucceeded: () => Promise<string | undefined>;
  /** Throws when the run was asked to stop. */
  checkpoint: () => void;
  /** Renews the run's lease and reports its progress. */
  beat: () => Promise<void>;
  /** Reports the progress within a stage (no heartbeat). */
  report: () => void;
}

/** What the run record keeps of a run that went through every stage. */
export interface PipelineOutcome {
  stats: object;
  hubs: ReturnType<typeof hubsRecord>;
  rings: number;
}

const WRITE_BATCH_RINGS = 100;

export class RunPipeline {
  constructor(
    private readonly runId: string,
    private readonly params: DetectionParams,
    /** Shared with the heartbeat, which reports it. */
    private readonly progress: RunProgress,
    private readonly deps: PipelineDeps,
  ) {}

  private readonly builder = new EvidenceGraphBuilder();

  async run(): Promise<PipelineOutcome> {
    const { suppression } = this.deps;
    const projected = await this.stage('projection', () => this.project(suppression));
    this.progress.progress = 0.4;
    const result = await this.stage('detection', () => this.detect());
    // NOTE: the detection stage's parts (evidence graph, template text, lockstep, money, communities,
    // assembly), so the cost of the text stage shows next to the rest.
    for (const [part, ms] of Object.entries(result.timings))
      this.progress.stages[`detection.${part}`] = { ms };
    this.progress.progress = 0.65;
    const { lineage, previousRunId } = await this.stage('lineage', () => this.lineage(result));
    this.progress.progress = 0.7;
    await this.stage('write-back', () =>
      this.writeBack(result, lineage, (p) => {
        this.progress.progress = 0.7 + 0.3 * p;
        this.deps.report();
      }),
    );
    const events: Record<string, number> = {};
    for (const c of lineage.changes) events[c.event] = (events[c.event] ?? 0) + 1;
    const stats = {
      projection: projected,
      ...result.stats,
      lineage: { previousRunId: previousRunId ?? null, keptIds: lineage.kept, events },
      allowList: {
        entries: suppression?.entries ?? [],
        suppressedIdentifiers: suppression?.keys.size ?? 0,
        suppressedRows: projected.suppressed,
      },
    };
    return { stats, hubs: hubsRecord(result, this.params), rings: result.rings.length };
  }

  private async stage<T>(name: Stage, fn: () => Promise<T> | T): Promise<T> {
    this.deps.checkpoint();
    this.progress.stage = name;
    await this.deps.beat();
    const t0 = performance.now();
    const out = await fn();
    this.progress.stages[name] = { ms: Math.round(performance.now() - t0) };
    this.deps.report();
    return out;
  }

  private project(suppression: RunSuppression | undefined): Promise<ProjectionCounts> {
    const { db, repo } = this.deps;
    return readProjection(db, this.builder, () => {}, suppression, repo.workTimeoutMs);
  }

  /** NOTE: CPU-bound for minutes on a large graph; fine here, this thread answers no requests. */
  private detect(): Promise<DetectionResult> {
    const { hooks } = this.deps;
    hooks?.detectionStarted?.();
    if (hooks?.detectionGate) holdAtGate(new Int32Array(hooks.detectionGate));
    return detectRingsInPool(this.builder, this.params, this.deps.detectThreads);
  }

  private async lineage(
    result: DetectionResult,
  ): Promise<{ lineage: LineageResult; previousRunId?: string }> {
    const previousRunId = await this.deps.latestSucceeded();
    const previous = previousRunId ? await this.deps.repo.previousRings(previousRunId) : [];
    const lineage = matchRings(
      previous,
      result.rings.map((r) => {
        const actorIds = r.members.map((m) => m.actorId);
        return { proposedId: ringIdFor(actorIds), actorIds, score: r.score };
      }),
    );
    return { lineage, previousRunId };
  }

  private async writeBack(
    result: DetectionResult,
    lineage: LineageResult,
    onProgress: (p: number) => void,
  ): Promise<void> {
    const { runId, params } = this;
    const { rings } = result;
    // NOTE: each ring's filings are written with it (Ring.filings) as they are read here: the report shows what the
    // run's accusation rests on, whatever is ingested later, in the ring's own read (ring-filings.ts). The next
    // batch's filings are read while this batch is written.
    const filingsOf = (from: number) => {
      const ids = [...new Set(rings.slice(from, from + WRITE_BATCH_RINGS).flatMap((r) => r.filingIds))];
      const read = this.deps.repo.filingsById(ids);
      // NOTE: awaited below; a write failing first must not leave its rejection unhandled
      read.catch(() => undefined);
      return read;
    };
    let nextFilings = rings.length > 0 ? filingsOf(0) : undefined;
    for (let i = 0, batch = 0; i < rings.length; i += WRITE_BATCH_RINGS, batch++) {
      // NOTE: a batch's rows are serialised when it is written, not the whole result at once: that is synchronous
      // work on the event loop, which every request waits behind
      const batchRings = rings.slice(i, i + WRITE_BATCH_RINGS);
      const filings = new Map<string, { at: number; row: Record<string, unknown> }>();
      for (const row of (await nextFilings) ?? []) filings.set(String(row.id), { at: filings.size, row });
      nextFilings = i + WRITE_BATCH_RINGS < rings.length ? filingsOf(i + WRITE_BATCH_RINGS) : undefined;
      const rows = batchRings.map((ring, j) =>
        ringRow(runId, lineage.ids[i + j]!, ring, i + j + 1, params.reportMinScore, filings),
      );
      await this.deps.repo.writeRings(runId, rows);
      await this.deps.hooks?.afterWriteBatch?.(batch);
      this.deps.checkpoint();
      onProgress(Math.min(1, (i + WRITE_BATCH_RINGS) / Math.max(1, rings.length)));
    }
    for (let i = 0; i < lineage.changes.length; i += 1000) {
      await this.deps.repo.writeEvents(runId, lineage.changes.slice(i, i + 1000));
    }
  }
}

/**
 * Test hook: blocks this thread (as CPU-bound detection would) until slot 0 is set, for at most slot 2 ms; slot 1
 * says when it passed. Were the run on the event loop, nothing else would answer meanwhile.
 */
function holdAtGate(gate: Int32Array): void {
  Atomics.wait(gate, 0, 0, gate[2] || 60_000);
  Atomics.store(gate, 1, 1);
}

/** A ring's id is a digest of its sorted member ids: the same members give the same id in every run. */
export function ringIdFor(actorIds: readonly string[]): string {
  const h = createHash('sha256')
    .update([...actorIds].sort().join('\u0000'), 'utf8')
    .digest('hex');
  return `R-${h.slice(0, 10)}`;
}

function hubsRecord(result: DetectionResult, params: DetectionParams) {
  return {
    count: result.hubs.length,
    threshold: params.hubThreshold,
    items: result.hubs.slice(0, 1000),
    // Quarantined like hubs: templates too common to link anyone, and crowds filing about one incident.
    genericTemplates: result.genericTemplates.slice(0, 1000),
    crowds: result.crowds.slice(0, 1000),
  };
}

function ringRow(
  runId: string,
  id: string,
  ring: DetectedRing,
  rank: number,
  reportMinScore: number,
  filings: ReadonlyMap<string, { at: number; row: Record<string, unknown> }>,
) {
  // NOTE: in the order filings-by-id.cypher answered them (filing time, then id), as a report read them before
  const own = ring.filingIds
    .flatMap((f) => filings.get(f) ?? [])
    .sort((a, b) => a.at - b.at)
    .map((f) => f.row);
  return {
    key: `${runId}:${id}`,
    id,
    rank,
    score: ring.score,
    probability: ring.probability,
    reported: ring.score >= reportMinScore,
    typology: ring.typology,
    typologyReason: ring.typologyReason,
    size: ring.members.length,
    breakdown: JSON.stringify(ring.breakdown),
    details: JSON.stringify({
      probabilityTerms: ring.probabilityTerms,
      counterEvidence: ring.counterEvidence,
      victims: ring.victims,
      features: ring.features,
      sharedIdentifiers: ring.sharedIdentifiers,
      timeline: ring.timeline,
      moneyFlows: ring.moneyFlows,
      templates: ring.templates,
      bursts: ring.bursts,
      collections: ring.collections,
    }),
    filingIds: ring.filingIds,
    filings: JSON.stringify(ringFilings(own)),
    members: ring.members.map((m) => ({
      actorId: m.actorId,
      role: m.role,
      strength: m.strength,
      summary: m.summary,
      evidence: JSON.stringify(m.evidence),
    })),
  };
}
