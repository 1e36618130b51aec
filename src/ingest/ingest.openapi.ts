// The ingest route's part of the OpenAPI document: the record schemas as documented, the result, the route.
import { z } from 'zod';
import { problemShape, type ApiPart } from '../http/openapi-kit.js';
import type { IngestResult } from './ingest.service.js';
import {
  ActorRecord as ActorRecordBase,
  ClaimRecord as ClaimRecordBase,
  ComplaintRecord as ComplaintRecordBase,
  IngestDocument as IngestDocumentBase,
  IngestQuery as IngestQueryBase,
  InstitutionRecord as InstitutionRecordBase,
  RECORD_TYPES,
  TransferRecord as TransferRecordBase,
} from './ingest.schema.js';

export const FieldError = z
  .object({
    type: z
      .string()
      .openapi({ description: `Record type (${RECORD_TYPES.join(', ')}), or document/unknown.` }),
    index: z.number().int().openapi({ description: 'Position of the record among those of its type.' }),
    line: z.number().int().optional().openapi({ description: '1-based line of an NDJSON body.' }),
    id: z.string().optional().openapi({ description: 'The record id, when it has one.' }),
    field: z.string().openapi({ example: 'phones[0]' }),
    message: z.string(),
  })
  .openapi('FieldError');

export const InvalidRecordsProblem = z
  .object({ ...problemShape, errors: z.array(FieldError) })
  .openapi('InvalidRecordsProblem', {
    description: 'Every invalid field of every record; nothing was written.',
  });

// NOTE: zod v4 copies `.openapi` onto a schema only when it is built, and the imported schemas are built before
// extendZodWithOpenApi runs; their names go through zod's own `.meta({ id })`, which zod-to-openapi reads too.
const InstitutionRecord = InstitutionRecordBase.meta({ id: 'InstitutionRecord' });
const ActorRecord = ActorRecordBase.meta({
  id: 'ActorRecord',
  description:
    'An actor; `idNumber` is stored only as a keyed hash. `identifiers` are generic `{kind, value}` pairs (ip, wifi, ' +
    'mac, email, address, wechat, qq, friend…; `phone`, `account` and `device` go to their own lists, `agent` is ' +
    'refused); each list holds at most 10,000 items. The same actor several times in one request is merged: lists ' +
    'united, a later non-null value wins.',
});
const NAMED_PARTIES =
  '`namedParties`: the parties the filing complains about (被投诉方), at most 50; phone and bank card numbers found ' +
  'in a complaint text are added (except its own contact phone and payout account).';
const ComplaintRecord = ComplaintRecordBase.meta({ id: 'ComplaintRecord', description: NAMED_PARTIES });
const ClaimRecord = ClaimRecordBase.meta({ id: 'ClaimRecord', description: NAMED_PARTIES });
const TransferRecord = TransferRecordBase.meta({ id: 'TransferRecord' });

// NOTE: the route reads the document as arrays of unknown so that one bad record cannot hide the others; the
// records are validated one by one against the schemas above, which is what a caller needs to see.
const IngestDocument = IngestDocumentBase.extend({
  institutions: z.array(InstitutionRecord).optional(),
  actors: z.array(ActorRecord).optional(),
  complaints: z.array(ComplaintRecord).optional(),
  claims: z.array(ClaimRecord).optional(),
  transfers: z.array(TransferRecord).optional(),
}).meta({ id: 'IngestDocument' });

/** One actor and the complaint it filed, as a JSON document (the NDJSON example holds the same records). */
const INGEST_EXAMPLE = {
  actors: [
    {
      id: 'A-1',
      name: '张伟',
      phones: ['+8613812345678', { number: '+8613900000001', observedAt: '2026-01-02T10:00:00+08:00' }],
      accounts: ['6222020000000001'],
      observedAt: '2026-01-01T00:00:00Z',
    },
  ],
  complaints: [
    {
      id: 'C-1',
      filedAt: '2026-01-05T09:30:00+08:00',
      complainantId: 'A-1',
      institution: '中国工商银行',
      category: 'fee_refund',
    },
  ],
};

/** The lines of the NDJSON example, each as its record. */
const NDJSON_EXAMPLE = [
  { type: 'actor', id: 'A-1', name: '张伟', phones: ['+8613812345678'], accounts: ['6222020000000001'] },
  {
    type: 'complaint',
    id: 'C-1',
    filedAt: '2026-01-05T09:30:00+08:00',
    complainantId: 'A-1',
    institution: '中国工商银行',
    category: 'fee_refund',
  },
];

// NOTE: OpenAPI 3.1 has no schema for a sequence of JSON texts (3.2's itemSchema has); the body is described as
// the array of its lines, each a record with its `type`, so that tools can generate and check each line. The test's
// schemathesis serializer (test/interop/schemathesis_hooks.py) writes such an array one item a line.
const typed = <T extends string, S extends z.ZodObject>(type: T, schema: S) =>
  schema.extend({ type: z.literal(type) });
const IngestNdjson = z
  .array(
    z.discriminatedUnion('type', [
      typed('institution', InstitutionRecordBase),
      typed('actor', ActorRecordBase),
      typed('complaint', ComplaintRecordBase),
      typed('claim', ClaimRecordBase),
      typed('transfer', TransferRecordBase),
    ]),
  )
  .openapi({
    description:
      `NDJSON: one record a line (not a JSON array), each a JSON object with \`type\` (${RECORD_TYPES.join(', ')}) ` +
      'and the fields of that record type (InstitutionRecord, ActorRecord, ComplaintRecord, ClaimRecord, ' +
      'TransferRecord); the schema lists the lines. Blank lines are skipped.',
  });

const IngestQuery = z.object({
  partial: IngestQueryBase.shape.partial.meta({
    param: {
      description:
        'false (default): any invalid record fails the request with 422 and nothing is written. ' +
        'true: the valid records are written and the invalid ones are returned in `rejected`.',
    },
  }),
});

const count = () => z.number().int().min(0);
export const IngestResultSchema = z
  .object({
    received: count(),
    accepted: z.object({
      institutions: count(),
      actors: count(),
      complaints: count(),
      claims: count(),
      transfers: count(),
    }),
    rejected: z
      .array(FieldError)
      .openapi({ description: 'Records left out with ?partial=true; empty otherwise.' }),
    written: z.object({ nodesCreated: count(), relationshipsCreated: count(), propertiesSet: count() }),
  })
  .openapi('IngestResult');

// NOTE: compile-time guard that the documented ingest result still accepts what the service returns.
const _ingestResultDocumented = {} as IngestResult satisfies z.infer<typeof IngestResultSchema>;

export const ingestApi: ApiPart = (registry, { v1, json, problem }) => {
  registry.registerPath(
    v1(
      {
        method: 'post',
        path: '/ingest',
        tags: ['ingest'],
        summary: 'Ingest records',
        description:
          'One JSON document with any of the five arrays, or NDJSON with one typed record a line. All-or-nothing ' +
          'unless `partial=true`. Re-sending the same records changes nothing; a request with no records (`{}`, an ' +
          'empty NDJSON body) writes nothing and answers 200 with zero counts.',
        request: {
          query: IngestQuery,
          body: {
            required: true,
            content: {
              'application/json': { schema: IngestDocument, example: INGEST_EXAMPLE },
              'application/x-ndjson': { schema: IngestNdjson, example: NDJSON_EXAMPLE },
              'application/ndjson': { schema: IngestNdjson, example: NDJSON_EXAMPLE },
            },
          },
        },
        responses: {
          200: json('The records were written (with `partial=true`, the valid ones).', IngestResultSchema),
          400: problem('The body is not valid JSON or `partial` is not a boolean.'),
          409: problem(
            'A record conflicts with one already stored (a transfer id recorded between other accounts); nothing ' +
              'was written.',
          ),
          413: problem('The body exceeds RINGMAP_INGEST_MAX_BYTES.'),
          415: problem('The content type is neither application/json nor application/x-ndjson.'),
          422: problem(
            'Some records are invalid; every error is listed and nothing was written.',
            InvalidRecordsProblem,
          ),
        },
      },
      ['ingest'],
    ),
  );
};
