// Error translation: database errors become domain errors in one place (code, retriable), and the problem
// middleware alone turns codes into statuses: a database that cannot be reached is a 503 with Retry-After.
import { expect } from 'chai';
import { Neo4jError } from 'neo4j-driver';
import { problemFor } from '../../src/http/problem.middleware.js';
import { DomainError, ERROR_CODES, Errors, toDomainError } from '../../src/shared/errors.js';

describe('domain errors', () => {
  const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:7687`), { code });

  it('answers 503 with Retry-After when the database is away, whatever the driver threw', () => {
    const cases: unknown[] = [
      new Neo4jError('Could not perform discovery', 'ServiceUnavailable', 'N/A', 'n/a'),
      new Neo4jError('session expired', 'SessionExpired', 'N/A', 'n/a'),
      new Neo4jError('Connection acquisition timed out in 10000 ms.', 'N/A', 'N/A', 'n/a'),
      new Neo4jError('Pool is closed, it is no more able to serve requests.', 'N/A', 'N/A', 'n/a'),
      socketError('ECONNREFUSED'),
      socketError('ECONNRESET'),
      new Error('wrapped', { cause: socketError('EPIPE') }),
      new Neo4jError('Database unavailable', 'Neo.TransientError.General.DatabaseUnavailable', 'N/A', 'n/a'),
    ];
    for (const err of cases) {
      const domain = toDomainError(err);
      expect(domain?.code, String(err)).to.equal('service_unavailable');
      expect(domain?.retriable).to.equal(true);
      const problem = problemFor(err);
      expect(problem?.status, String(err)).to.equal(503);
      expect(problem?.headers['Retry-After']).to.match(/^\d+$/);
    }
  });

  it('leaves unknown errors to the plain 500', () => {
    expect(toDomainError(new Error('boom'))).to.equal(undefined);
    expect(problemFor(new Error('boom'))).to.equal(undefined);
    expect(
      problemFor(new Neo4jError('syntax', 'Neo.ClientError.Statement.SyntaxError', 'N/A', 'n/a')),
    ).to.equal(undefined);
  });

  it('answers a transaction that ran out of memory with 413 and no Retry-After: retrying cannot help', () => {
    for (const code of [
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'Neo.ClientError.General.TransactionOutOfMemoryError',
      'Neo.TransientError.General.OutOfMemoryError',
    ]) {
      const problem = problemFor(new Neo4jError('out of memory', code, 'N/A', 'n/a'));
      expect(problem?.status, code).to.equal(413);
      expect(problem?.error.code).to.equal('too_large_for_database');
      expect(problem?.error.retriable).to.equal(false);
      expect(problem?.headers).to.not.have.property('Retry-After');
    }
  });

  it('gives every code a status, and asks for a key on 401 only', () => {
    for (const code of ERROR_CODES) {
      const problem = problemFor(new DomainError(code, 'x'));
      expect(problem?.status, code).to.be.within(400, 599);
      expect(problem?.headers['WWW-Authenticate'], code).to.equal(
        code === 'unauthorized' ? 'Bearer' : undefined,
      );
    }
    expect(problemFor(Errors.tooManyRequests(7))?.headers['Retry-After']).to.equal('7');
    expect(problemFor(Errors.notFound('ring', 'R1'))?.status).to.equal(404);
  });

  it('keeps the members of an answer and the cause', () => {
    const cause = new Error('inner');
    const e = Errors.queryTimeout(cause);
    expect(e.cause).to.equal(cause);
    expect(Errors.conflict('busy', { runId: 'r1' }).details).to.deep.equal({ runId: 'r1' });
  });
});
