// The OpenAPI document: every route with its method, bearer security on /v1, the ingest schemas and problems.
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { buildOpenApiDocument } from '../../src/api-document.js';
import { openApiRoutes, portablePattern } from '../../src/http/openapi-kit.js';
import { ActorRecord } from '../../src/ingest/ingest.schema.js';
import { openApiSpecValidate } from '../support/interop-tools.js';

type Json = Record<string, unknown>;

const ROUTES: [method: string, path: string][] = [
  ['get', '/healthz'],
  ['get', '/readyz'],
  ['get', '/openapi.json'],
  ['post', '/v1/ingest'],
  ['post', '/v1/runs'],
  ['get', '/v1/runs'],
  ['get', '/v1/runs/{id}'],
  ['get', '/v1/rings'],
  ['get', '/v1/rings/{id}'],
  ['get', '/v1/actors/{id}'],
  ['get', '/metrics'],
  ['get', '/v1/audit'],
  ['get', '/v1/keys'],
  ['post', '/v1/keys'],
  ['post', '/v1/keys/{name}/rotate'],
  ['delete', '/v1/keys/{name}'],
  ['get', '/v1/rings/{id}/export'],
  ['get', '/v1/exports'],
  ['get', '/v1/export-key'],
  ['get', '/.well-known/ringmap-export-key'],
  ['post', '/v1/score'],
  ['post', '/v1/rings/{id}/reviews'],
  ['get', '/v1/rings/{id}/reviews'],
  ['get', '/v1/allowlist'],
  ['post', '/v1/allowlist'],
  ['get', '/v1/rings/{id}/history'],
  ['get', '/v1/runs/{id}/changes'],
  ['get', '/v1/me'],
];

const ROLES: Record<string, string[]> = {
  '/v1/ingest': ['ingest'],
  '/v1/runs': ['analyst'],
  '/v1/runs/{id}': ['analyst'],
  '/v1/rings': ['analyst', 'prosecutor'],
  '/v1/rings/{id}': ['analyst', 'prosecutor'],
  '/v1/actors/{id}': ['analyst', 'prosecutor'],
  '/v1/rings/{id}/export': ['prosecutor'],
  '/v1/score': ['ingest', 'analyst'],
  '/v1/rings/{id}/history': ['analyst', 'prosecutor'],
  '/v1/runs/{id}/changes': ['analyst'],
  '/v1/allowlist': ['analyst'],
  '/v1/me': ['ingest', 'analyst', 'prosecutor'],
  '/v1/export-key': ['ingest', 'analyst', 'prosecutor'],
};

describe('openapi document', () => {
  const doc = buildOpenApiDocument('9.9.9') as unknown as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;

  const op = (method: string, path: string): Json => {
    const o = paths[path]?.[method];
    if (!o) throw new Error(`no operation ${method.toUpperCase()} ${path}`);
    return o;
  };
  const resolve = (schema: unknown): Json => {
    const ref = (schema as { $ref?: string }).$ref;
    if (!ref) return schema as Json;
    const name = ref.replace('#/components/schemas/', '');
    const target = schemas[name];
    if (!target) throw new Error(`dangling $ref ${ref}`);
    return target;
  };

  it('is OpenAPI 3.1 with the given version', () => {
    expect(doc.openapi).to.match(/^3\.1\.\d+$/);
    expect((doc.info as Json).version).to.equal('9.9.9');
  });

  it('lists exactly the routes the app serves, each with its method', () => {
    expect(Object.keys(paths).sort()).to.deep.equal([...new Set(ROUTES.map(([, p]) => p))].sort());
    for (const [method, path] of ROUTES) expect(paths[path], path).to.have.property(method);
    const ops = Object.entries(paths).flatMap(([p, o]) => Object.keys(o).map((m) => `${m} ${p}`));
    expect(ops.sort()).to.deep.equal(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('puts bearer security on every /v1 operation and names the roles it needs', () => {
    const schemes = (doc.components as { securitySchemes: Record<string, Json> }).securitySchemes;
    expect(schemes.bearerAuth).to.deep.include({ type: 'http', scheme: 'bearer' });
    for (const [method, path] of ROUTES) {
      const o = op(method, path);
      if (path === '/metrics') {
        expect(o.security, `${method} ${path}`).to.deep.equal([{ bearerAuth: [] }]);
        continue;
      }
      if (!path.startsWith('/v1/')) {
        expect(o.security, `${method} ${path}`).to.equal(undefined);
        continue;
      }
      expect(o.security, `${method} ${path}`).to.deep.equal([{ bearerAuth: [] }]);
      for (const role of [...(ROLES[path] ?? []), 'admin']) expect(o.description).to.include(`\`${role}\``);
      expect(o.responses).to.include.keys('401');
      // 403 only where some role is refused: a route every role may use documents none
      const everyRole = ['ingest', 'analyst', 'prosecutor'].every((r) => (ROLES[path] ?? []).includes(r));
      if (everyRole) expect(o.responses, `${method} ${path}`).to.not.have.property('403');
      else expect(o.responses, `${method} ${path}`).to.include.keys('403');
    }
    expect(op('get', '/v1/runs').description).not.to.include('`prosecutor`');
  });

  it('describes both ingest bodies, the partial flag and every ingest response', () => {
    const ingest = op('post', '/v1/ingest');
    const content = (ingest.requestBody as { content: Json }).content;
    expect(content).to.include.keys('application/json', 'application/x-ndjson');
    const params = ingest.parameters as { name: string; in: string }[];
    expect(params.map((p) => `${p.in}:${p.name}`)).to.deep.equal(['query:partial']);
    expect(ingest.responses).to.have.all.keys(
      '200',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '503',
    );
    const result = resolve(
      (ingest.responses as Record<string, { content: Record<string, Json> }>)['200']?.content[
        'application/json'
      ]?.schema,
    );
    expect(result.required).to.include.members(['received', 'accepted', 'rejected', 'written']);
  });

  it('answers an invalid ingest with a problem that lists the errors', () => {
    const r422 = (op('post', '/v1/ingest').responses as Record<string, { content: Record<string, Json> }>)[
      '422'
    ];
    const body = r422?.content['application/problem+json'];
    expect(body, 'problem+json body').to.not.equal(undefined);
    const problem = resolve(body?.schema);
    const props = problem.properties as Record<string, Json>;
    expect(props).to.include.keys('type', 'title', 'status', 'detail', 'instance', 'requestId', 'errors');
    expect(problem.required).to.include('errors');
    const fieldError = resolve((props.errors as { items: unknown }).items);
    expect(fieldError.required).to.include.members(['type', 'index', 'field', 'message']);
    expect(fieldError.properties).to.include.keys('line', 'id');
  });

  it('documents the actor records of the ingest document from the ingest schema', () => {
    const ingestDoc = resolve(
      (op('post', '/v1/ingest').requestBody as { content: Record<string, Json> }).content['application/json']
        ?.schema,
    );
    const docProps = ingestDoc.properties as Record<string, Json>;
    expect(docProps).to.have.all.keys('institutions', 'actors', 'complaints', 'claims', 'transfers');
    const actor = resolve((docProps.actors as { items: unknown }).items);
    expect(actor.required).to.deep.equal(['id']);
    expect(actor.properties).to.include.keys('phones', 'accounts', 'devices', 'identifiers', 'idNumber');
    const identifier = resolve((actor.properties as Record<string, { items: unknown }>).identifiers!.items);
    expect(identifier.required).to.deep.equal(['kind', 'value']);
    expect((actor.properties as Record<string, { maxItems?: number }>).identifiers!.maxItems).to.equal(
      10_000,
    );
    const complaint = resolve((docProps.complaints as { items: unknown }).items);
    expect(complaint.properties).to.include.keys('namedParties');
    expect(actor.additionalProperties).to.equal(false);
  });

  it('documents the ring list query parameters', () => {
    const params = op('get', '/v1/rings').parameters as { name: string; in: string; schema: Json }[];
    expect(params.map((p) => p.name)).to.have.members([
      'minScore',
      'minProbability',
      'typology',
      'status',
      'institution',
      'filedFrom',
      'filedTo',
      'limit',
      'cursor',
    ]);
    expect(params.every((p) => p.in === 'query')).to.equal(true);
    expect(params.find((p) => p.name === 'minScore')?.schema).to.deep.equal({
      type: 'number',
      minimum: 0,
      maximum: 100,
    });
    expect(params.find((p) => p.name === 'minProbability')?.schema).to.deep.equal({
      type: 'number',
      minimum: 0,
      maximum: 1,
    });
  });

  it('has no dangling $ref and no regex flags left in a pattern', () => {
    // NOTE: a key directly under `properties` is a field name (a ring's counter-evidence has a field `pattern`).
    const walk = (
      node: unknown,
      visit: (key: string, value: unknown) => void,
      inProperties = false,
    ): void => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (!inProperties) visit(k, v);
          walk(v, visit, !inProperties && k === 'properties');
        }
      }
    };
    walk(doc, (key, value) => {
      if (key === '$ref') expect(() => resolve({ $ref: value })).not.to.throw();
      if (key === 'pattern') {
        expect(value).to.be.a('string');
        expect(value as string).not.to.match(/\/[a-z]+$/);
        expect(() => new RegExp(value as string, 'u')).not.to.throw();
      }
    });
    // control characters, and the invisible and text-direction ones the ingest refuses in ids (id-text.ts)
    expect((schemas.ActorRecord?.properties as Record<string, Json>).id?.pattern).to.equal(
      '^[^\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]+$',
    );
  });

  it('passes openapi-spec-validator (patterns are ECMA-262 without the u flag)', () => {
    const r = openApiSpecValidate(doc);
    expect(r.stdout + r.stderr).to.match(/: OK\s*$/);
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });

  it('documents the same control characters the server refuses, which it still refuses', () => {
    const documented = new RegExp(portablePattern('^[^\\p{Cc}]+$/u'));
    const server = /^[^\p{Cc}]+$/u;
    for (let cp = 0; cp <= 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      expect(documented.test(ch), `U+${cp.toString(16)}`).to.equal(server.test(ch));
    }
    for (const bad of ['A\u0001', 'A\u0085B', 'A\u007F'])
      expect(ActorRecord.safeParse({ id: bad }).success, JSON.stringify(bad)).to.equal(false);
    expect(ActorRecord.safeParse({ id: 'A-1 张伟' }).success).to.equal(true);
    expect(() => portablePattern('^\\p{L}+$/u')).to.throw(/property escape/);
  });

  it('is served at GET /openapi.json without a key', async () => {
    const app = express().use(openApiRoutes(buildOpenApiDocument('1.2.3')));
    const res = await request(app)
      .get('/openapi.json')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body.openapi).to.match(/^3\.1\./);
    expect(res.body.info.version).to.equal('1.2.3');
    expect(Object.keys(res.body.paths)).to.include('/v1/ingest');
  });
});
