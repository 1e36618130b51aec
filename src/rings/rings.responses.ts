// The ring and actor report shapes: what GET /v1/rings, /v1/rings/:id and /v1/actors/:id answer, documented in
// rings.openapi.ts and, through z.infer, the types ring-report.service.ts returns.
import { z } from 'zod';
import { RING_FEATURES } from '../analytics/ring-features.js';
import { LEGITIMATE_PATTERNS } from '../analytics/legitimate-patterns.js';
import {
  EVIDENCE_KINDS,
  EVIDENCE_SUBJECT_KINDS,
  EVIDENCE_VIAS,
  IDENTIFIER_KINDS,
} from '../analytics/evidence.types.js';
import { SCORE_COMPONENTS } from '../analytics/ring.types.js';
// NOTE: the kit extends zod with .openapi() (extendZodWithOpenApi) before these schemas are declared
import '../http/openapi-kit.js';
import { REVIEW_STATUSES } from '../reviews/reviews.schema.js';
import { ACTOR_KINDS, TYPOLOGIES } from '../shared/domain.js';
import { RingChange } from '../runs/runs.schema.js';

const MEMBER_ROLES = ['organizer', 'agent', 'member'] as const;

export const MemberEvidence = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    identifierKind: z.enum(EVIDENCE_SUBJECT_KINDS),
    identifier: z.string(),
    via: z.array(z.enum(EVIDENCE_VIAS)),
    withActorIds: z.array(z.string()),
    withCount: z.number().int(),
    ownRecordIds: z.array(z.string()),
    recordIds: z.array(z.string()),
    sources: z.array(z.string()),
    firstAt: z.string().optional(),
    lastAt: z.string().optional(),
    weight: z.number(),
    amount: z.number().optional(),
    similarity: z.number().optional(),
    count: z.number().int().optional(),
    institutions: z.array(z.string()).optional(),
  })
  .openapi('MemberEvidence', { description: 'One reason a member is in its ring.' });

const ringSummaryShape = {
  id: z.string().openapi({ example: 'R-0123456789' }),
  rank: z.number().int(),
  score: z.number().min(0).max(100).openapi({ description: '100 × probability, rounded to 0.1.' }),
  probability: z.number().min(0).max(1).nullable().openapi({
    description:
      'Calibrated probability that the ring is organised (docs/calibration.md); null for rings written before detection v2.',
  }),
  reported: z.boolean().openapi({ description: "Whether the score reaches the run's reportMinScore." }),
  typology: z.enum(TYPOLOGIES),
  typologyReason: z.string(),
  size: z.number().int(),
};
export const RingSummary = z
  .object({
    ...ringSummaryShape,
    status: z.enum(REVIEW_STATUSES).openapi({ description: "The ring's current review status." }),
    organizerId: z.string().nullable(),
  })
  .openapi('RingSummary');
export const RingPage = z
  .object({
    runId: z.string().nullable().openapi({ description: 'The run read; null before any run has succeeded.' }),
    rings: z.array(RingSummary),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page.' }),
  })
  .openapi('RingPage');

const Filing = z
  .object({
    id: z.string(),
    filedBy: z.string(),
    filedAt: z.string(),
    institution: z.string(),
    category: z.string().optional(),
    kind: z.string().optional(),
    channel: z.string().optional(),
    amount: z.number().optional(),
    text: z.string().optional(),
    policyNumber: z.string().optional(),
    source: z.string().optional(),
    contactPhone: z.string().optional(),
    payoutAccount: z.string().optional(),
    representativeId: z.string().optional(),
    namedParties: z
      .array(
        z.object({
          kind: z.string().openapi({ description: '`phone`, `account` or a generic identifier kind.' }),
          identifier: z.string(),
          name: z.string().optional(),
          extracted: z
            .boolean()
            .openapi({ description: 'Found in the text only, not given in `namedParties`.' }),
        }),
      )
      .optional()
      .openapi({ description: 'The parties the filing complains about (被投诉方).' }),
  })
  .openapi('Filing', { description: 'A complaint or claim; empty fields are left out.' });

const TimelineDay = z
  .object({
    date: z.string(),
    filings: z.array(
      z.object({
        id: z.string(),
        type: z.enum(['complaint', 'claim']),
        actorId: z.string(),
        category: z.string(),
        institution: z.string(),
        at: z.string(),
        amount: z.number().optional(),
      }),
    ),
    transfers: z.array(
      z.object({
        id: z.string(),
        fromActor: z.string(),
        toActor: z.string(),
        fromAccount: z.string(),
        toAccount: z.string(),
        amount: z.number(),
        at: z.string(),
      }),
    ),
  })
  .openapi('TimelineDay');

const MoneyFlow = z
  .object({
    kind: z.enum(['transfer', 'payout']),
    from: z.string(),
    to: z.string(),
    fromActorIds: z.array(z.string()),
    toActorIds: z.array(z.string()),
    count: z.number().int(),
    amount: z.number(),
    firstAt: z.string().optional(),
    lastAt: z.string().optional(),
  })
  .openapi('MoneyFlow');

export const RingReport = z
  .object({
    runId: z.string(),
    ...ringSummaryShape,
    review: z
      .object({
        status: z.enum(REVIEW_STATUSES),
        updatedAt: z.string().nullable(),
        by: z.string().nullable().openapi({ description: 'The key name of whoever set the status.' }),
        caseReference: z.string().nullable(),
      })
      .openapi({ description: "The ring's current review status ('new' until someone reviews it)." }),
    scoreBreakdown: z
      .array(
        z.object({
          component: z.enum(SCORE_COMPONENTS),
          value: z.number(),
          normalized: z.number(),
          weight: z.number(),
          points: z.number(),
          explanation: z.string(),
        }),
      )
      .openapi({
        description: 'The evidence components, each explained; the probability model reads them as features.',
      }),
    probabilityTerms: z
      .array(
        z.object({
          feature: z.enum([...RING_FEATURES, 'counter_evidence']),
          part: z.enum(['structure', 'domain', 'counter']),
          value: z.number(),
          logOdds: z.number(),
        }),
      )
      .openapi({
        description:
          'What raised and lowered the probability, in log-odds against a typical candidate, strongest first.',
      }),
    counterEvidence: z.array(z.object({ pattern: z.enum(LEGITIMATE_PATTERNS), reason: z.string() })).openapi({
      description: 'Why this is probably not a ring: recognised legitimate structures that explain the ties.',
    }),
    victims: z
      .array(
        z.object({
          actorId: z.string(),
          namedMemberIds: z.array(z.string()),
          identifiers: z.array(z.string()),
          recordIds: z.array(z.string()),
          sources: z.array(z.string()),
          firstAt: z.string().optional(),
          lastAt: z.string().optional(),
          reason: z.string(),
        }),
      )
      .openapi({
        description:
          "Filers who named members' identifiers as the party they complain about (被投诉方): victims, never members.",
      }),
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        kind: z.enum(ACTOR_KINDS),
        role: z.enum(MEMBER_ROLES),
        strength: z.number(),
        summary: z.string(),
        sources: z.array(z.string()),
        evidence: z.array(MemberEvidence),
      }),
    ),
    sharedIdentifiers: z.array(
      z.object({
        identifier: z.string(),
        kind: z.enum(IDENTIFIER_KINDS),
        memberIds: z.array(z.string()),
        actorCount: z.number().int(),
        reason: z
          .string()
          .optional()
          .describe('Why an identifier tied to more actors than the hub threshold still links them.'),
      }),
    ),
    complaints: z.array(Filing),
    claims: z.array(Filing),
    timeline: z.array(TimelineDay),
    moneyFlows: z.array(MoneyFlow),
    templates: z
      .array(
        z.object({
          templateId: z.string(),
          text: z.string().openapi({ description: 'Representative text, names and numbers masked.' }),
          memberIds: z.array(z.string()),
          memberCount: z.number().int(),
          filingIds: z.array(z.string()),
          actorCount: z.number().int(),
          meanSimilarity: z.number(),
        }),
      )
      .openapi({ description: 'Complaint templates (near-identical texts) the members used.' }),
    bursts: z
      .array(
        z.object({
          institution: z.string(),
          from: z.string(),
          to: z.string(),
          memberIds: z.array(z.string()),
          filingIds: z.array(z.string()),
        }),
      )
      .openapi({
        description: 'Sessions of three or more members filing against one institution in lockstep.',
      }),
    collections: z
      .array(
        z.object({
          account: z.string(),
          holderIds: z.array(z.string()),
          payerIds: z.array(z.string()),
          count: z.number().int(),
          amount: z.number(),
          firstAt: z.string().optional(),
          lastAt: z.string().optional(),
        }),
      )
      .openapi({ description: 'Accounts two or more members paid into, amounts summed.' }),
    neo4jBrowser: z
      .object({
        query: z.string(),
        params: z.object({ runId: z.string(), ringId: z.string() }),
        paramsCommand: z.string().openapi({ example: ':params {"runId":"run-1","ringId":"R-0123456789"}' }),
      })
      .openapi({
        description:
          "The ring's subgraph for Neo4j Browser or Bloom: run `paramsCommand`, then `query` (parameterised).",
      }),
  })
  .openapi('RingReport');

/** A tie's event times as the sources reported them (UTC); null when none did. Never when ringmap loaded it. */
const observedShape = {
  observedAt: z.string().nullable().openapi({
    description:
      'The earliest time a source reported this tie (an event, UTC); null when no source said when.',
  }),
  lastObservedAt: z
    .string()
    .nullable()
    .openapi({ description: 'The latest time a source reported this tie (UTC); null when none did.' }),
};

export const ActorReport = z
  .object({
    id: z.string(),
    kind: z.enum(ACTOR_KINDS),
    name: z.string().nullable(),
    source: z.string().nullable(),
    sources: z.array(z.string()).nullable(),
    firstLoadedAt: z.string().nullable().openapi({
      description: 'When ringmap first loaded a record about this actor (not when anything happened).',
    }),
    lastLoadedAt: z.string().nullable().openapi({ description: 'When ringmap last loaded one.' }),
    hasIdNumber: z.boolean(),
    phones: z.array(
      z.object({
        number: z.string(),
        source: z.string().nullable(),
        ...observedShape,
        firstLoadedAt: z.string().nullable().openapi({ description: 'When ringmap first loaded the tie.' }),
      }),
    ),
    accounts: z.array(
      z.object({
        id: z.string(),
        kind: z.string().nullable(),
        institution: z.string().nullable(),
        source: z.string().nullable(),
        ...observedShape,
      }),
    ),
    devices: z.array(z.object({ id: z.string(), source: z.string().nullable(), ...observedShape })),
    identifiers: z
      .array(
        z.object({
          kind: z.string(),
          value: z.string(),
          source: z.string().nullable(),
          sources: z.array(z.string()).nullable(),
          firstLoadedAt: z.string().nullable().openapi({ description: 'When ringmap first loaded the tie.' }),
          ...observedShape,
        }),
      )
      .openapi({ description: 'Generic identifiers, by kind and value: the first 1,000.' }),
    identifierCount: z.number().int(),
    filingIds: z.array(z.string()),
    ring: z
      .object({
        runId: z.string(),
        ...ringSummaryShape,
        role: z.enum(MEMBER_ROLES),
        strength: z.number(),
        summary: z.string(),
        evidence: z.array(MemberEvidence),
      })
      .nullable()
      .openapi({
        description: 'Its ring in the latest succeeded run, with the evidence that puts it there.',
      }),
  })
  .openapi('ActorReport');

/** GET /v1/rings/:id/history: the ring in every retained run, with the lineage events that name it. */
export const RingHistory = z.object({
  id: z.string(),
  runs: z.array(
    z.object({
      runId: z.string(),
      finishedAt: z.string().nullable(),
      snapshot: z.object({ score: z.number(), size: z.number(), typology: z.string() }).nullable(),
      events: z.array(RingChange),
    }),
  ),
});
