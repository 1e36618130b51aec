// Turns one set of member ids into a full ring report: roles, score, typology and explanation.
import type { DetectedRing } from './ring.types.js';
import type { EvidenceGraph } from './evidence-graph.js';
import { buildRingContext } from './ring-context.js';
import { explainMembers } from './ring-explain.js';
import {
  ringBursts,
  ringCollections,
  ringMoneyFlows,
  ringTemplates,
  ringTimeline,
  sharedIdentifiers,
} from './ring-facts.js';
import { assignRoles } from './ring-roles.js';
import { scoreRing } from './ring-score.js';
import { measureRingFeatures } from './ring-features.js';
import { classifyRing } from './ring-typology.js';
import { compareStrings, round } from './ordering.js';
import { recognisePatterns } from './legitimate-patterns.js';
import { ringProbability } from './ring-probability.js';
import { ringVictims } from './ring-victims.js';
import { coachedClients } from './ring-clients.js';

/** Also usable on any member set (an analyst's what-if, a triaged complaint's neighbourhood), not only Louvain's. */
export function assembleRing(graph: EvidenceGraph, memberIds: Iterable<string>): DetectedRing {
  const ctx = buildRingContext(graph, memberIds);
  const roles = assignRoles(ctx);
  const { breakdown } = scoreRing(ctx);
  const features = measureRingFeatures(ctx, breakdown, { actors: graph.stats.actors });
  const counterEvidence = recognisePatterns(ctx, features.money, features.behaviour);
  const { probability, terms } = ringProbability(features, counterEvidence);
  const { typology, reason } = classifyRing(ctx, roles);
  // NOTE: coached clients are part of the structure that shows the ring (they are scored with it) but are not
  // accused: they are listed with the victims.
  const coached = coachedClients(ctx);
  const clients = coached.clients;
  const victims = [...ringVictims(ctx), ...coached.victims].sort((x, y) =>
    compareStrings(x.actorId, y.actorId),
  );
  return {
    key: ctx.members[0] ?? '',
    members: explainMembers(ctx, { ...roles, clients }).filter((m) => !clients.has(m.actorId)),
    score: round(100 * probability, 1),
    probability,
    probabilityTerms: terms,
    counterEvidence,
    victims,
    breakdown,
    features,
    typology,
    typologyReason:
      clients.size === 0
        ? reason
        : `${reason} These counts include the ring's ${clients.size} coached client(s), listed with its victims.`,
    sharedIdentifiers: sharedIdentifiers(ctx),
    filingIds: ctx.filings.map((f) => f.id).sort(compareStrings),
    timeline: ringTimeline(ctx),
    moneyFlows: ringMoneyFlows(ctx),
    templates: ringTemplates(ctx),
    bursts: ringBursts(ctx),
    collections: ringCollections(ctx),
  };
}
