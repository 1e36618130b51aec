// Every answer any Express app in the test process sends, checked against the OpenAPI document (the one
// /openapi.json serves) by ajv, a JSON Schema validator we did not write; records which documented
// (method, path, status, content type) the tests exercised. A mocha root-hook plugin (`.mocharc.json` requires
// this file): after the run, an answer that breaks its schema (named with the test it came in) fails the run, and
// so does, after a whole run, a documented answer no test received.
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import express from 'express';
import type { Context, RootHookObject, Suite } from 'mocha';
import { buildOpenApiDocument } from '../../src/api-document.js';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { VERSION } from '../../src/version.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const DOC = buildOpenApiDocument(VERSION) as unknown as Document;
const DOC_ID = 'openapi.json';

// NOTE: OpenAPI 3.1 schemas are JSON Schema 2020-12 with a few annotation keywords of their own (example,
// discriminator, xml, externalDocs): strict mode off lets ajv ignore those, as the dialect says it should.
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS whose default export is the plugin; under ESM the namespace may wrap it once more
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => void;
addFormats(ajv);
ajv.addSchema(DOC as object, DOC_ID);

/** A documented answer: `GET /v1/rings/{id} 200 application/json` (no content type for an answer with no body). */
const key = (method: string, template: string, status: string, type?: string) =>
  `${method.toUpperCase()} ${template} ${status}${type ? ` ${type}` : ''}`;

/** Every answer the document describes. */
export const DOCUMENTED: ReadonlySet<string> = new Set(
  Object.entries(DOC.paths).flatMap(([template, ops]) =>
    Object.entries(ops).flatMap(([method, op]) =>
      Object.entries(op.responses ?? {}).flatMap(([status, res]) => {
        const types = Object.keys(res.content ?? {});
        return types.length
          ? types.map((t) => key(method, template, status, t))
          : [key(method, template, status)];
      }),
    ),
  ),
);

/** Path templates as patterns, literal ones first (`/v1/keys/me` before `/v1/keys/{name}`). */
const TEMPLATES = Object.keys(DOC.paths)
  .map((t) => ({
    template: t,
    params: (t.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }))
  .sort((a, b) => a.params - b.params);

function templateOf(urlPath: string): string | undefined {
  return TEMPLATES.find((t) => t.pattern.test(urlPath))?.template;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

const validators = new Map<string, ValidateFunction>();
function validatorFor(method: string, template: string, status: string, type: string): ValidateFunction {
  const ref = `${DOC_ID}#/${pointer('paths', template, method, 'responses', status, 'content', type, 'schema')}`;
  let v = validators.get(ref);
  if (!v) validators.set(ref, (v = ajv.compile({ $ref: ref })));
  return v;
}

const seen = new Set<string>();
const failures: string[] = [];
let received = 0;
let currentTest = '(before any test)';

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

/** Checks one finished answer; what breaks the document lands in `failures`. */
function check(
  method: string,
  urlPath: string,
  status: number,
  type: string,
  body: Buffer | undefined,
): void {
  const template = templateOf(urlPath);
  if (!template) return; // not an API route (the console, a static file, an unknown path)
  const m = method.toLowerCase();
  const op = DOC.paths[template]![m];
  if (!op) return; // a method the route does not have (answered by Express, not the API)
  received++;
  const where = `${key(m, template, String(status), type || undefined)} (in "${currentTest}")`;
  const documented = op.responses?.[String(status)];
  if (!documented) {
    failures.push(`${where}: the document has no ${status} for this route`);
    return;
  }
  const types = Object.keys(documented.content ?? {});
  if (types.length === 0) {
    seen.add(key(m, template, String(status)));
    return;
  }
  if (!types.includes(type)) {
    failures.push(`${where}: documented as ${types.join(', ')}`);
    return;
  }
  seen.add(key(m, template, String(status), type));
  if (!isJson(type) || !body) return; // a file (zip, csv, xml, html, text): its content type is its contract
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    failures.push(`${where}: the body is not JSON`);
    return;
  }
  const validate = validatorFor(m, template, String(status), type);
  if (!validate(parsed))
    failures.push(
      `${where}: ${ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' }).slice(0, 1500)}`,
    );
}

/** Largest JSON body kept to check (a bigger one is still counted as exercised, its body is not checked). */
const MAX_BODY = 64 * 1024 * 1024;

// NOTE: Express copies its application prototype onto each app it creates, so wrapping `handle` here, before any
// test builds one, records every app of the run: tests cannot add a route or a request that escapes the check.
const proto = express.application as unknown as {
  handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;
};
const handle = proto.handle;
proto.handle = function recordedHandle(this: unknown, req, res, next) {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk == null || typeof chunk === 'function' || size > MAX_BODY) return;
    const type = String(res.getHeader('content-type') ?? '');
    if (!type.includes('json')) return;
    const b = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    size += b.length;
    chunks.push(b);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  res.once('finish', () => {
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
    const type = String(res.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    check(
      req.method ?? '',
      url.split('?')[0]!,
      res.statusCode,
      type,
      size <= MAX_BODY ? Buffer.concat(chunks) : undefined,
    );
  });
  return handle.call(this, req, res, next);
};

/** Whether every test of every integration file ran (not one file alone, not a --grep). */
function wholeRun(root: Suite): boolean {
  const dir = path.join(PROJECT_ROOT, 'test/integration');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  const loaded = new Set(root.suites.map((s) => s.file && path.relative(dir, s.file)));
  const tests = (s: Suite): Mocha.Test[] => [...s.tests, ...s.suites.flatMap(tests)];
  return (
    files.every((f) => loaded.has(f)) &&
    root.suites
      .filter((s) => s.file?.startsWith(dir))
      .every((s) => tests(s).every((t) => t.state !== undefined || t.isPending()))
  );
}

/** The breaches found since the last call, taken out of the list (for the recorder's own test). */
export function takeFailures(): string[] {
  return failures.splice(0);
}

/** The documented answers no test received so far. */
export function unexercised(): string[] {
  return [...DOCUMENTED].filter((k) => !seen.has(k)).sort();
}

// NOTE: breaches are reported once, after the run, with the test each came in: a root-level afterEach that throws
// would stop mocha from running the tests after it.
export const mochaHooks: RootHookObject = {
  beforeEach(this: Context) {
    currentTest = this.currentTest?.fullTitle() ?? '(unknown test)';
  },
  afterAll(this: Context) {
    if (received === 0) return; // a unit run: no app answered anything
    const left = unexercised();
    const root = this.test?.parent;
    const whole = root !== undefined && wholeRun(root);
    console.log(
      `  contract: ${received} answers checked against the document, ${failures.length} broke it; ` +
        `${DOCUMENTED.size - left.length} of ${DOCUMENTED.size} documented answers exercised` +
        (whole ? '' : ' (not a whole run: the unexercised ones are not enforced)'),
    );
    const problems = [
      ...(failures.length ? [`answers that break the OpenAPI document:\n  ${failures.join('\n  ')}`] : []),
      ...(whole && left.length
        ? [`documented answers no integration test received:\n  ${left.join('\n  ')}`]
        : []),
    ];
    if (problems.length) throw new Error(problems.join('\n'));
  },
};
