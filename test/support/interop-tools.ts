// The independent readers the interop tests run: xmllint (Debian's libxml2-utils) and a Python venv with networkx
// and openapi-spec-validator. Missing tools fail the test with the command that installs them; nothing is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT as projectRoot } from '../../src/project-root.js';

/** Where the venv lives: `.venv-ci` in the repository (what the pretest script creates), or this variable. */
export const VENV_VARIABLE = 'RINGMAP_TEST_VENV';
const REQUIREMENTS = 'test/interop/requirements.txt';
const XSD_DIR = path.join(projectRoot, 'test/fixtures/xsd');

export const SETUP_HINT =
  `create it with: python3 -m venv .venv-ci && .venv-ci/bin/pip install -r ${REQUIREMENTS} ` +
  `(or point ${VENV_VARIABLE} at a venv holding those packages); xmllint comes from: apt-get install libxml2-utils`;

export function venvDir(): string {
  return path.resolve(projectRoot, process.env[VENV_VARIABLE] ?? '.venv-ci');
}

/** A program of the test venv; a missing one fails the test with the command that installs it. */
export function venvBin(name: string): string {
  const bin = path.join(venvDir(), 'bin', name);
  if (!existsSync(bin)) throw new Error(`${bin} is missing: the interop tests need it; ${SETUP_HINT}`);
  return bin;
}

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): ToolResult {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new Error(`cannot run ${cmd} (${code ?? r.error.message}); ${SETUP_HINT}`, { cause: r.error });
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes data to a temporary file, gives its path to fn, removes it after. */
export function withTempFile<T>(name: string, data: string | Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringmap-interop-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const SCHEMAS = {
  graphml: { option: '--schema', file: path.join(XSD_DIR, 'graphml-1.1/graphml.xsd') },
  gexfXsd: { option: '--schema', file: path.join(XSD_DIR, 'gexf-1.3/gexf.xsd') },
  gexfRng: { option: '--relaxng', file: path.join(XSD_DIR, 'gexf-1.3/gexf.rng') },
} as const;

/**
 * xmllint --schema (or --relaxng), offline: the vendored schemas' absolute imports resolve through
 * test/fixtures/xsd/catalog.xml. Exit status 0 means valid.
 */
export function xmllintValidate(xml: string, schema: keyof typeof SCHEMAS): ToolResult {
  const { option, file: schemaFile } = SCHEMAS[schema];
  return withTempFile('export.xml', xml, (file) =>
    run('xmllint', ['--nonet', '--noout', option, schemaFile, file], {
      XML_CATALOG_FILES: path.join(XSD_DIR, 'catalog.xml'),
    }),
  );
}

export interface NetworkxGraph {
  networkx: string;
  class: string;
  directed: boolean;
  nodes: Record<string, Record<string, unknown>>;
  edges: { source: string; target: string; key: string; attributes: Record<string, unknown> }[];
  /** Python type names each attribute was read as, across nodes and edges. */
  types: Record<string, string[]>;
}

/** networkx's read_graphml / read_gexf, through test/interop/read_graph.py. Throws with the reader's error. */
export function networkxRead(xml: string, format: 'graphml' | 'gexf'): NetworkxGraph {
  const script = path.join(projectRoot, 'test/interop/read_graph.py');
  const python = venvBin('python');
  return withTempFile(`export.${format}`, xml, (file) => {
    const r = run(python, [script, format, file]);
    if (r.status !== 0) throw new Error(`networkx could not read the ${format}:\n${r.stderr.slice(-4000)}`);
    return JSON.parse(r.stdout) as NetworkxGraph;
  });
}

/** openapi-spec-validator's command line on the document. */
export function openApiSpecValidate(doc: unknown): ToolResult {
  const validator = venvBin('openapi-spec-validator');
  return withTempFile('openapi.json', JSON.stringify(doc), (file) => run(validator, [file]));
}

export interface CapturedResponse {
  method: string;
  /** The documented path template, e.g. /v1/rings/{id}. */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

export interface ResponseCheck {
  checked: number;
  errors: string[];
  undocumented: string[];
  uncovered: string[];
}

/** Every captured response against its documented schema (openapi-schema-validator, OAS 3.1). */
export function checkResponses(doc: unknown, responses: CapturedResponse[]): ResponseCheck {
  const python = venvBin('python');
  const script = path.join(projectRoot, 'test/interop/check_responses.py');
  return withTempFile('openapi.json', JSON.stringify(doc), (docFile) =>
    withTempFile('responses.json', JSON.stringify(responses), (resFile) => {
      const r = run(python, [script, docFile, resFile]);
      if (r.status !== 0) throw new Error(`check_responses.py failed:\n${r.stderr.slice(-4000)}`);
      return JSON.parse(r.stdout) as ResponseCheck;
    }),
  );
}
