// Request shapes of the export routes.
import { z } from 'zod';
import { EXPORT_FORMATS } from './export.types.js';

export const ExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('bundle'),
  table: z.enum(['nodes', 'edges']).optional(),
});

export const MAX_EXPORTS_LISTED = 200;

/** A larger limit is capped rather than refused: the list is an audit trail, not paged data. */
export const ListExportsQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .transform((n) => Math.min(n, MAX_EXPORTS_LISTED)),
});
