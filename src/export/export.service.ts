// Evidence exports for prosecutors: builds each format of a ring, signs bundles, and records every export.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { Errors } from '../shared/errors.js';
import type { RingReport, RingReportService } from '../rings/ring-report.service.js';
import type { RunService } from '../runs/run.service.js';
import type { Db } from '../store/db.js';
import { EXPORT_LOG_QUERIES, ExportRepo } from './export.repo.js';
import type { ExportKey, ExportRecord } from './export.schema.js';
import { writeAnx } from './anx.writer.js';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  SIGNATURE_FILE,
  manifestBytes,
  manifestFile,
  sha256Hex,
  type Manifest,
} from './bundle-manifest.js';
import { writeEdgesCsv, writeNodesCsv } from './csv.writer.js';
import { positionsOf } from './export-graph.js';
import type { ExportFormat, RingSubgraph } from './export.types.js';
import { writeGexf } from './gexf.writer.js';
import { writeGraphml } from './graphml.writer.js';
import { renderReportHtml } from './report-html.js';
import { ReportScript } from './report-script.js';
import { RingSubgraphReader, SUBGRAPH_QUERIES } from './ring-subgraph.reader.js';
import { SIGNING_KEY_VARIABLE, type ExportSigner } from './signing-key.js';
import { VERIFY_FILE, verifyInstructions } from './verify-instructions.js';
import { zipFiles } from './zip-archive.js';

export const EXPORT_QUERIES = [...SUBGRAPH_QUERIES, ...EXPORT_LOG_QUERIES] as const;
export type { ExportRecord } from './export.schema.js';

export const BUNDLE_FILES = [
  'graph.graphml',
  'graph.gexf',
  'nodes.csv',
  'edges.csv',
  'chart.anx',
  'ring.json',
  'report.html',
] as const;
type BundleFile = (typeof BUNDLE_FILES)[number];

const CONTENT_TYPES: Record<BundleFile | 'bundle', string> = {
  bundle: 'application/zip',
  'graph.graphml': 'application/graphml+xml; charset=utf-8',
  'graph.gexf': 'application/gexf+xml; charset=utf-8',
  'nodes.csv': 'text/csv; charset=utf-8',
  'edges.csv': 'text/csv; charset=utf-8',
  'chart.anx': 'application/xml; charset=utf-8',
  'ring.json': 'application/json; charset=utf-8',
  'report.html': 'text/html; charset=utf-8',
};

export interface ExportRequest {
  ringId: string;
  format: ExportFormat;
  /** Which table `csv` returns. */
  table?: 'nodes' | 'edges';
  /** The API key's name (never the key), or the CLI user. */
  by: string;
}

export interface ExportResult {
  id: string;
  data: Buffer;
  contentType: string;
  filename: string;
  sha256: string;
}

export interface ExportServiceDeps {
  db: Db;
  runs: RunService;
  reports: RingReportService;
  logger: Logger;
  version: string;
  /** undefined: no key configured (a configured server refuses to start; other contexts cannot sign). */
  signer?: ExportSigner;
  script?: ReportScript;
  now?: () => Date;
  /** The audit hash chain's head, named in every bundle's manifest and VERIFY.txt. */
  auditChainHead?: () => Promise<{ seq: number; hash: string }>;
}

/** Formats made from the subgraph alone, which need not read the (larger) ring report. */
const REPORT_FREE = new Set<ExportFormat>(['graphml', 'gexf', 'csv']);

const signingNotConfigured = () =>
  Errors.notConfigured(
    `evidence bundles are signed, and no signing key is configured: set ${SIGNING_KEY_VARIABLE}`,
  );

export class ExportService {
  private readonly reader: RingSubgraphReader;
  private readonly repo: ExportRepo;
  private readonly script: ReportScript;

  constructor(private readonly deps: ExportServiceDeps) {
    this.reader = new RingSubgraphReader(deps.db);
    this.repo = new ExportRepo(deps.db);
    this.script = deps.script ?? new ReportScript();
  }

  /** The published verification key; 503 when none is configured. */
  publicKey(): ExportKey {
    const s = this.deps.signer;
    if (!s) throw signingNotConfigured();
    return { algorithm: 'Ed25519', publicKey: s.publicKeyPem, fingerprint: s.fingerprint };
  }

  async export(req: ExportRequest): Promise<ExportResult> {
    const t0 = performance.now();
    if (req.format === 'bundle' && !this.deps.signer) throw signingNotConfigured();
    const at = (this.deps.now ?? (() => new Date()))();
    // the report names the run it read; the subgraph is read from that same run so the two always agree. Evidence
    // is read fresh, never from the report cache.
    const report: Partial<RingReport> = REPORT_FREE.has(req.format)
      ? {}
      : await this.deps.reports.get(req.ringId, { fresh: true });
    const runId = report.runId ?? (await this.deps.runs.latestSucceeded());
    if (!runId) throw Errors.notFound('ring', req.ringId);
    const run = await this.deps.runs.get(runId);
    const hubs = new Set(
      ((run?.hubs as { items?: { identifier: string }[] } | null)?.items ?? []).map((h) => h.identifier),
    );
    const sub = await this.reader.read(runId, req.ringId, hubs);
    if (!sub) throw Errors.notFound('ring', req.ringId);

    const stamp = at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    let data: Buffer;
    let contentType: string;
    let filename: string;
    if (req.format === 'bundle') {
      data = await this.bundle(sub, report, run?.params ?? null, at, req.by);
      contentType = CONTENT_TYPES.bundle;
      filename = `ringmap-${req.ringId}-${stamp}.zip`;
    } else {
      const file = singleFile(req.format, req.table);
      data = await this.file(file, sub, report, at, req.by);
      contentType = CONTENT_TYPES[file];
      filename = `ringmap-${req.ringId}-${stamp}-${file}`;
    }

    const record: ExportRecord = {
      id: `exp-${stamp.toLowerCase()}-${randomBytes(4).toString('hex')}`,
      ringId: req.ringId,
      runId,
      format: req.format === 'csv' ? `csv:${req.table ?? 'nodes'}` : req.format,
      keyName: req.by,
      at: at.toISOString(),
      sha256: sha256Hex(data),
      bytes: data.length,
    };
    // NOTE: recorded before anything is sent: an export that cannot be recorded is not made.
    await this.repo.record(record);
    this.deps.logger.info(
      {
        exportId: record.id,
        ringId: record.ringId,
        runId,
        format: record.format,
        keyName: record.keyName,
        bytes: record.bytes,
        sha256: record.sha256,
        ms: Math.round(performance.now() - t0),
      },
      'evidence export',
    );
    return { id: record.id, data, contentType, filename, sha256: record.sha256 };
  }

  async list(limit: number): Promise<ExportRecord[]> {
    return this.repo.list(limit);
  }

  private async file(
    name: BundleFile,
    sub: RingSubgraph,
    report: Partial<RingReport>,
    at: Date,
    by: string,
    positions?: Record<string, { x: number; y: number }>,
  ): Promise<Buffer> {
    const creator = `ringmap ${this.deps.version}`;
    const pos = () => positions ?? positionsOf(sub);
    switch (name) {
      case 'graph.graphml':
        return Buffer.from(writeGraphml(sub, { creator }), 'utf8');
      case 'graph.gexf':
        return Buffer.from(writeGexf(sub, pos(), { creator }), 'utf8');
      case 'nodes.csv':
        return Buffer.from(writeNodesCsv(sub), 'utf8');
      case 'edges.csv':
        return Buffer.from(writeEdgesCsv(sub), 'utf8');
      case 'chart.anx':
        return Buffer.from(
          writeAnx(sub, pos(), {
            title: `ringmap ring ${sub.ringId} (${String(report.typology)})`,
            comments: `run ${sub.runId}; exported ${at.toISOString()} by ${by}; ${creator}`,
          }),
          'utf8',
        );
      case 'ring.json':
        // byte for byte what GET /v1/rings/:id answers (Express's res.json is JSON.stringify without spacing)
        return Buffer.from(JSON.stringify(report), 'utf8');
      case 'report.html':
        return Buffer.from(
          renderReportHtml({
            report,
            subgraph: sub,
            exportedAt: at.toISOString(),
            exportedBy: by,
            version: this.deps.version,
            script: await this.script.get(),
          }),
          'utf8',
        );
    }
  }

  private async bundle(
    sub: RingSubgraph,
    report: Partial<RingReport>,
    runParams: unknown,
    at: Date,
    by: string,
  ): Promise<Buffer> {
    const signer = this.deps.signer;
    if (!signer) throw signingNotConfigured();
    const positions = positionsOf(sub);
    const chain = this.deps.auditChainHead ? await this.deps.auditChainHead() : undefined;
    const auditChainHead = chain ? { seq: chain.seq, hash: chain.hash } : null;
    const files: { name: string; data: Buffer }[] = [];
    for (const name of BUNDLE_FILES)
      files.push({ name, data: await this.file(name, sub, report, at, by, positions) });
    const verify = verifyInstructions({
      ringId: sub.ringId,
      runId: sub.runId,
      exportedAt: at.toISOString(),
      exportedBy: by,
      ringmapVersion: this.deps.version,
      fingerprint: signer.fingerprint,
      files: files.map((f) => manifestFile(f.name, f.data)),
      auditChainHead,
    });
    files.push({ name: VERIFY_FILE, data: Buffer.from(verify, 'utf8') });
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      ringmapVersion: this.deps.version,
      ringId: sub.ringId,
      runId: sub.runId,
      runParams,
      exportedAt: at.toISOString(),
      exportedBy: by,
      files: files.map((f) => manifestFile(f.name, f.data)),
      sources: sourcesOf(sub),
      signature: {
        algorithm: 'Ed25519',
        file: SIGNATURE_FILE,
        encoding: 'base64',
        signs: `the exact bytes of ${MANIFEST_FILE}`,
      },
      publicKey: signer.publicKeyPem,
      publicKeyFingerprint: signer.fingerprint,
      auditChainHead,
    };
    const mBytes = manifestBytes(manifest);
    const sig = Buffer.from(`${signer.sign(mBytes).toString('base64')}\n`, 'utf8');
    return zipFiles(
      [...files, { name: MANIFEST_FILE, data: mBytes }, { name: SIGNATURE_FILE, data: sig }],
      at,
    );
  }
}

function singleFile(format: Exclude<ExportFormat, 'bundle'>, table?: 'nodes' | 'edges'): BundleFile {
  switch (format) {
    case 'graphml':
      return 'graph.graphml';
    case 'gexf':
      return 'graph.gexf';
    case 'csv':
      return table === 'edges' ? 'edges.csv' : 'nodes.csv';
    case 'anx':
      return 'chart.anx';
    case 'json':
      return 'ring.json';
    case 'html':
      return 'report.html';
  }
}

/** Distinct `source` values of the exported nodes and links, with every source an actor or institution lists. */
export function sourcesOf(sub: RingSubgraph): string[] {
  const out = new Set<string>();
  for (const item of [...sub.nodes, ...sub.edges]) {
    const a = item.attributes;
    if (typeof a.source === 'string' && a.source) out.add(a.source);
    if (typeof a.sources === 'string') for (const s of a.sources.split('; ')) if (s) out.add(s);
  }
  return [...out].sort();
}
