// Shared start-up for the CLIs: config from the environment, the bundled Neo4j unless NEO4J_URI is set, quiet logs.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createContext, type AppContext } from '../app-context.js';
import { createLogger } from '../logger.js';
import { MissingToolError } from '../bundled/bundled-neo4j.js';
import { withLocalSecret } from '../bundled/local-secret.js';

export async function cliContext(): Promise<AppContext> {
  const config: Readonly<Config> = withLocalSecret(loadConfig());
  return createContext(config, createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr));
}

/** Prints one clear line for the errors a user can fix, and exits non-zero. */
export function failCli(name: string, e: unknown): never {
  if (e instanceof ConfigError) {
    for (const p of e.problems) console.error(`${name}: configuration error: ${p.variable} ${p.message}`);
  } else if (e instanceof MissingToolError) {
    console.error(`${name}: ${e.message}`);
  } else {
    console.error(`${name}: ${(e as Error).message}`);
  }
  process.exit(1);
}
