// Creates the Neo4j driver: the configured server, or the bundled one started on demand.
import neo4j, { type Config as DriverConfig, type Driver } from 'neo4j-driver';
import type { Config } from '../config.js';
import { startBundledNeo4j } from '../bundled/bundled-neo4j.js';

export interface Database {
  driver: Driver;
  uri: string;
  database?: string;
  /** How the driver was opened: another thread (a run's, runs/run.worker.ts) opens its own with it. */
  settings: DriverSettings;
  /** Closes the driver; the bundled server keeps running (db:stop stops it). */
  close(): Promise<void>;
}

/** What opening a driver takes; plain data, so that it can be handed to a worker thread. */
export interface DriverSettings {
  uri: string;
  user: string;
  password: string;
  config: DriverConfig;
}

/** Opens a driver as connect() does, without checking that the server answers. */
export function openDriver(s: DriverSettings): Driver {
  return neo4j.driver(s.uri, neo4j.auth.basic(s.user, s.password), s.config);
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
  const settings: DriverSettings = {
    uri,
    user,
    password,
    config: {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 100,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 15_000,
      ...overrides,
    },
  };
  const driver = openDriver(settings);
  await driver.verifyConnectivity();
  return { driver, uri, database: config.neo4j.database, settings, close: () => driver.close() };
}
