// The contract recorder of the integration runs (test/support/contract-recorder.ts) can fail: a body that breaks
// its documented schema, a status or content type the route does not document, are each reported; a conforming
// answer and an undocumented path are not.
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { takeFailures, unexercised } from '../support/contract-recorder.js';

describe('contract recorder', () => {
  const app = express();
  app.get('/v1/rings/:id', (req, res) => {
    if (req.params.id === 'teapot') res.status(418).json({});
    else if (req.params.id === 'text') res.type('text/plain').send('no');
    else res.json({ id: req.params.id, members: 'not a list' });
  });
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.get('/not-documented', (_req, res) => res.json({ anything: true }));

  beforeEach(() => takeFailures());

  it('flags a body that breaks the schema of its documented answer', async () => {
    await request(app).get('/v1/rings/R-1').expect(200);
    const found = takeFailures();
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^GET \/v1\/rings\/\{id\} 200 application\/json .*body/);
  });

  it('flags a status and a content type the route does not document', async () => {
    await request(app).get('/v1/rings/teapot').expect(418);
    await request(app).get('/v1/rings/text').expect(200);
    const found = takeFailures();
    expect(found).to.have.length(2);
    expect(found[0]).to.include('the document has no 418');
    expect(found[1]).to.include('documented as application/json');
  });

  it('passes a conforming answer and ignores paths the document does not have', async () => {
    const before = unexercised();
    expect(before).to.include('GET /healthz 200 application/json');
    await request(app).get('/healthz').expect(200);
    await request(app).get('/not-documented').expect(200);
    expect(takeFailures()).to.deep.equal([]);
    expect(unexercised()).to.not.include('GET /healthz 200 application/json');
  });
});
