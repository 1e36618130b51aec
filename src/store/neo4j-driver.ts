// Creates the Neo4j driver: the configured server, or the bundled one started on demand.
import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { startBundledNeo4j } from '../bundled/bundled-neo4j.js';

export interface Database {
  driver: Driver;
  uri: string;
  database?: string;
  /** Closes the driver; the bundled server keeps running (db:stop stops it). */
  close(): Promise<void>;
}

export async function connect(
  config: Config,
  log: (line: string) => void = () => {},
  /** Driver settings over the defaults below (tests shorten the retry time to see failures quickly). */
  overrides: Partial<
    Pick<DriverConfig, 'maxTransactionRetryTime' | 'connectionTimeout' | 'connectionAcquisitionTimeout'>
  > = {},
): Promise<Database> {
  let uri = config.neo4j.uri;
  let { user, password } = config.neo4j;
  if (!uri) {
    const b = config.neo4j.bundled;
    const db = await startBundledNeo4j(
      { dataDir: b.dataDir, port: b.port, heapMb: b.heapMb, pageCacheMb: b.pageCacheMb },
      log,
    );
    ({ uri, user, password } = db);
  }
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 15_000,
    ...overrides,
  });
  await driver.verifyConnectivity();
  return { driver, uri, database: config.neo4j.database, close: () => driver.close() };
}
