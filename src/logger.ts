// One pino logger; personal data and keys are redacted wherever they may appear.
import { pino, stdSerializers, type Logger } from 'pino';
import { scrubText } from './http/masking.js';

/** Fields that hold personal data or secrets, wherever a log call puts them (one level deep). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'idNumber',
  '*.idNumber',
  '*.idNumberHash',
  '*.name',
  '*.phones',
  '*.number',
  '*.accounts',
  '*.identifier',
  '*.contactPhone',
  '*.payoutAccount',
  '*.text',
  '*.key',
  'apiKey',
  '*.apiKey',
];

/**
 * NOTE: redaction only knows field names; a phone number or an ID number can also ride inside a message or an error
 * (a Neo4j constraint error quotes the value), so every string logged is scrubbed as well.
 */
function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 4 || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  // generic object: scrubs any object logged
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'ringmap' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      serializers: {
        err: (e: Error) => scrubDeep(stdSerializers.err(e)),
        msg: (m: unknown) => (typeof m === 'string' ? scrubText(m) : m),
      },
    },
    destination ?? process.stdout,
  );
}
