// Error translation: a database that cannot be reached, however the driver reports it, is a 503 with Retry-After.
import { expect } from 'chai';
import { Neo4jError } from 'neo4j-driver';
import { translateError } from '../../src/http/app-error.js';

describe('translateError', () => {
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
      const app = translateError(err);
      expect(app?.status, String(err)).to.equal(503);
      expect(app?.headers['Retry-After']).to.match(/^\d+$/);
    }
  });

  it('leaves unknown errors to the plain 500', () => {
    expect(translateError(new Error('boom'))).to.equal(undefined);
    expect(
      translateError(new Neo4jError('syntax', 'Neo.ClientError.Statement.SyntaxError', 'N/A', 'n/a')),
    ).to.equal(undefined);
  });

  it('answers a transaction that ran out of memory with 413 and no Retry-After: retrying cannot help', () => {
    for (const code of [
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'Neo.ClientError.General.TransactionOutOfMemoryError',
      'Neo.TransientError.General.OutOfMemoryError',
    ]) {
      const app = translateError(new Neo4jError('out of memory', code, 'N/A', 'n/a'));
      expect(app?.status, code).to.equal(413);
      expect(app?.code).to.equal('too_large_for_database');
      expect(app?.headers).to.not.have.property('Retry-After');
    }
  });
});
