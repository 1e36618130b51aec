// One read query as an auto-commit transaction: RUN and PULL go out together, one round trip, where a managed
// transaction (session.executeRead) costs three (BEGIN, RUN+PULL, COMMIT): about twice the reads a second on the
// bundled Neo4j (`npm run bench:bolt` prints the figures).
// NOTE: for single-statement reads only: no retry on transient errors (a lost connection is answered 503 by the
// error handler anyway), and two of them are two transactions.
import type { Driver } from 'neo4j-driver';
import type { Params, Row } from './db.js';

export interface ReadTarget {
  driver: Driver;
  database?: string;
  timeoutMs: number;
}

export async function readQuery(target: ReadTarget, text: string, params: Params): Promise<Row[]> {
  const session = target.driver.session({ database: target.database, defaultAccessMode: 'READ' });
  try {
    const res = await session.run(text, params, { timeout: target.timeoutMs });
    return res.records.map((r) => r.toObject() as Row);
  } finally {
    await session.close();
  }
}
