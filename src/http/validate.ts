// Parses request parts with zod and turns failures into 400 problems that name the parameter.
import type { z } from 'zod';
import { Errors } from '../shared/errors.js';

export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'query' | 'body' | 'path',
): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({
    in: where,
    field: i.path.join('.') || '(all)',
    message: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw Errors.badRequest(problems.map((p) => `${p.in} ${p.field}: ${p.message}`).join('; '), {
    errors: problems,
  });
}
