// One pino logger; personal data and keys are redacted wherever they may appear.
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.idNumber',
  '*.phones',
  '*.contactPhone',
  '*.payoutAccount',
  '*.key',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'ringmap' } },
    destination ?? process.stdout,
  );
}
