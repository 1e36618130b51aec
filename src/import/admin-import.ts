// Writes an ImportGraph as the CSV files of Neo4j's offline importer and runs it (`neo4j-admin database import full`,
// org.neo4j.cli.AdminTool from the neo4j-import-tool and neo4j-command-line jars the bundled Neo4j already resolves).
import { Errors } from '../shared/errors.js';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bundledClasspath, ensureJars } from '../bundled/bundled-neo4j.js';
import { nodeId, type ImportGraph, type NodeLabel, type Props } from './import-graph.js';

/** How the importer reads each property (firstSeen: datetime, sources: string[]…); the rest are strings. */
const TYPES: Record<string, string> = {
  firstSeen: 'datetime',
  lastSeen: 'datetime',
  filedAt: 'datetime',
  at: 'datetime',
  observedAt: 'datetime',
  lastObservedAt: 'datetime',
  amount: 'double',
  extracted: 'boolean',
  sources: 'string[]',
};

/** Between the items of a string[]: a control character, which no source may hold (ingest.schema.ts). */
const ARRAY_DELIMITER = '\u001F';

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

function cell(v: Props[string]): string {
  if (v === undefined) return ''; // NOTE: an empty unquoted field is no property; an empty string is "".
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return quote(v.join(ARRAY_DELIMITER));
  return quote(v);
}

const MULTILINE = /[\r\n]/;

/** The files of one node label or relationship type: a header file, the rows, and rows with line breaks apart. */
interface FileGroup {
  arg: string;
  files: string[];
  multiline: string | undefined;
}

class Writer {
  private readonly parts: string[] = [];
  private size = 0;
  private readonly out;
  rows = 0;
  constructor(readonly file: string) {
    this.out = createWriteStream(file);
  }
  async line(s: string): Promise<void> {
    this.parts.push(s, '\n');
    this.size += s.length + 1;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = this.parts.join('');
    this.parts.length = 0;
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
}

async function writeGroup(
  dir: string,
  name: string,
  idColumns: string[],
  rows: Iterable<[string[], Props]>,
  keys: string[],
): Promise<FileGroup> {
  const header = path.join(dir, `${name}.header.csv`);
  const body = new Writer(path.join(dir, `${name}.csv`));
  const ml = new Writer(path.join(dir, `${name}.multiline.csv`));
  const head = new Writer(header);
  await head.line([...idColumns, ...keys.map((k) => `${k}:${TYPES[k] ?? 'string'}`)].join(','));
  await head.close();
  for (const [ids, props] of rows) {
    const line = [...ids.map(quote), ...keys.map((k) => cell(props[k]))].join(',');
    await (MULTILINE.test(line) ? ml : body).line(line);
  }
  await body.close();
  await ml.close();
  return {
    arg: name,
    files: [header, body.file, ...(ml.rows > 0 ? [ml.file] : [])],
    multiline: ml.rows > 0 ? ml.file : undefined,
  };
}

function propertyKeys(props: Iterable<Props>): string[] {
  const keys = new Set<string>();
  for (const p of props) for (const [k, v] of Object.entries(p)) if (v !== undefined) keys.add(k);
  return [...keys].sort();
}

/** Writes the graph as importer CSV into `dir`; returns the importer's --nodes / --relationships arguments. */
export async function writeImportCsv(graph: ImportGraph, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const args: string[] = [];
  const multiline: string[] = [];
  for (const [label, nodes] of graph.nodes) {
    if (nodes.size === 0) continue;
    const keys = propertyKeys(nodes.values());
    const rows = (function* () {
      for (const [key, p] of nodes) yield [[nodeId(label as NodeLabel, key)], p] as [string[], Props];
    })();
    const g = await writeGroup(dir, `nodes-${label}`, [':ID'], rows, keys);
    args.push(`--nodes=${label}=${g.files.join(',')}`);
    if (g.multiline) multiline.push(g.multiline);
  }
  for (const [type, rels] of graph.rels) {
    if (rels.size === 0) continue;
    const keys = propertyKeys([...rels.values()].map((r) => r.props));
    const rows = (function* () {
      for (const r of rels.values()) yield [[r.start, r.end], r.props] as [string[], Props];
    })();
    const g = await writeGroup(dir, `rels-${type}`, [':START_ID', ':END_ID'], rows, keys);
    args.push(`--relationships=${type}=${g.files.join(',')}`);
    if (g.multiline) multiline.push(g.multiline);
  }
  if (multiline.length > 0)
    args.push('--multiline-fields-format=v2', `--multiline-fields=${multiline.join(',')}`);
  return args;
}

/**
 * Runs the offline importer into the bundled database kept under `dataDir` (its server must be stopped): the
 * database `neo4j` is replaced by the CSV's graph. Resolves with the importer's output; rejects with its last lines.
 */
export async function runAdminImport(
  dataDir: string,
  args: string[],
  opts: { reportFile: string; maxOffHeap?: string; log?: (line: string) => void },
): Promise<string> {
  ensureJars(opts.log);
  const home = path.join(path.resolve(dataDir), 'db');
  mkdirSync(home, { recursive: true });
  const argv = [
    '-Xmx2g',
    '-cp',
    bundledClasspath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // NOTE: the database name first: --nodes and --relationships take every argument after them as a file.
    'neo4j',
    '--overwrite-destination=true',
    `--array-delimiter=U+001F`,
    `--report-file=${opts.reportFile}`,
    `--max-off-heap-memory=${opts.maxOffHeap ?? '2g'}`,
    ...args,
  ];
  const out: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('java', argv, {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (b: Buffer) => {
      out.push(b.toString('utf8'));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', resolve);
  });
  const text = out.join('');
  if (code !== 0) {
    const report = existsSync(opts.reportFile) ? readFileSync(opts.reportFile, 'utf8').slice(0, 4000) : '';
    throw Errors.startFailed(
      `the Neo4j importer failed (exit ${code}):\n${text.split('\n').slice(-30).join('\n')}${report ? `\nreport:\n${report}` : ''}`,
    );
  }
  return text;
}
