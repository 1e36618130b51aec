// The body of POST /v1/score: one complaint or claim in the ingest shape, with its type.
import { z } from 'zod';
import { ClaimRecord, ComplaintRecord } from '../ingest/ingest.schema.js';

export const ScoreBody = z.discriminatedUnion('type', [
  ComplaintRecord.extend({ type: z.literal('complaint') }),
  ClaimRecord.extend({ type: z.literal('claim') }),
]);
export type ScoreInput = z.infer<typeof ScoreBody>;
