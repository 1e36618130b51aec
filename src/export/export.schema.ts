// Request and response shapes of the export routes; the responses are documented in export.openapi.ts and,
// through z.infer, the types export.service.ts returns.
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

export const ExportRecord = z
  .object({
    id: z.string(),
    ringId: z.string(),
    runId: z.string(),
    format: z
      .string()
      .meta({ description: 'bundle, graphml, gexf, csv:nodes, csv:edges, anx, json or html.' }),
    keyName: z.string().meta({ description: "The exporting API key's name (never the key)." }),
    at: z.string().meta({ format: 'date-time' }),
    sha256: z.string().meta({ description: 'SHA-256 (hex) of the bytes sent.' }),
    bytes: z.number().int(),
  })
  .meta({ id: 'ExportRecord' });
/** One export made: recorded before its bytes are sent. */
export type ExportRecord = z.infer<typeof ExportRecord>;

export const ExportList = z.object({ exports: z.array(ExportRecord) }).meta({ id: 'ExportList' });
export const ExportKey = z
  .object({
    algorithm: z.literal('Ed25519'),
    publicKey: z.string().meta({ description: 'SPKI PEM public key.' }),
    fingerprint: z.string().meta({ description: '`sha256:` and the hex SHA-256 of the DER public key.' }),
  })
  .meta({ id: 'ExportKey' });
export type ExportList = z.infer<typeof ExportList>;

/** The published verification key (GET /v1/exports/public-key). */
export type ExportKey = z.infer<typeof ExportKey>;
