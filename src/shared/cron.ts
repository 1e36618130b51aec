// Cron expressions as the scheduler (croner) reads them, checked when the configuration is read.
import { Cron } from 'croner';

/** Throws a readable error for an expression croner cannot schedule (validated at boot). */
export function validateCron(expression: string): void {
  const probe = new Cron(expression, { paused: true });
  probe.stop();
}
