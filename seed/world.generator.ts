// Builds the deterministic synthetic world: ingest records in dependency order plus the ground truth to score detection against.
import {
  chooseHotlines,
  createPopulation,
  honestFilings,
  plantFamilies,
  plantLawyers,
  plantPeerPayments,
  plantRent,
  plantShops,
} from './background.js';
import { countGraph } from './graph-counts.js';
import { HonestPool } from './honest-pool.js';
import { INSTITUTIONS } from './institutions.js';
import { surfaceForm } from './phones.js';
import { planCoordinationRings, plantCoordinationRing } from './coordination-rings.js';
import { plantIncidents } from './incidents.js';
import { planRings, plantRing } from './ring-planter.js';
import { MAX_SEED, Rng } from './rng.js';
import type { ActorDraft, Timed } from './world-context.js';
import { WorldContext } from './world-context.js';
import type {
  ActorRecord,
  ClaimRecord,
  ComplaintRecord,
  Truth,
  TruthRing,
  World,
  WorldRecord,
} from './world.types.js';

export interface WorldParams {
  /** Total actors in the world, rings and noise included. */
  actors: number;
  seed: number;
}

/** Below this the fixed minimum of planted rings would outweigh the honest background. */
export const MIN_ACTORS = 500;
export const MAX_ACTORS = 1_000_000;

/**
 * The same params always give the same records in the same order (byte-identical NDJSON); the seed
 * changes everything. Records come in ingest order: institutions, actors, complaints and claims by
 * time, transfers by time, so every record only references earlier ones.
 */
export function generateWorld(params: WorldParams): World {
  const { actors, seed } = params;
  if (!Number.isInteger(actors) || actors < MIN_ACTORS || actors > MAX_ACTORS) {
    throw new RangeError(`actors must be an integer in [${MIN_ACTORS}, ${MAX_ACTORS}], got ${actors}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer in [0, ${MAX_SEED}], got ${seed}`);
  }

  // One stream per concern, so changing how (say) transfers are drawn leaves the people unchanged.
  const root = Rng.fromSeed(seed);
  const rPlan = root.fork();
  const rIds = root.fork();
  const rPeople = root.fork();
  const rNoise = root.fork();
  const rRings = root.fork();
  const rFilings = root.fork();
  const rMoney = root.fork();
  const rEmit = root.fork();
  // Added later than the others, so the streams above stay as they were.
  const rCoord = root.fork();
  const rIncidents = root.fork();

  const w = new WorldContext(rIds);
  const plans = rCoord.shuffle([...planRings(rPlan, actors), ...planCoordinationRings(rCoord, actors)]);
  const ringActorCount = plans.reduce((n, p) => n + p.size, 0);
  const lawyerCount = Math.max(2, Math.round(actors / 800));
  const honestActorCount = actors - ringActorCount;

  const people = createPopulation(w, rPeople, honestActorCount - lawyerCount);
  const pool = new HonestPool(rNoise, people);
  const hotlines = chooseHotlines(w, rNoise);
  const families = plantFamilies(w, rNoise, pool, Math.round(0.05 * honestActorCount));
  const lawyers = plantLawyers(w, rNoise, pool, lawyerCount);
  const rings = plans.map((plan) =>
    plan.signature === 'coordination'
      ? plantCoordinationRing(w, rRings, plan)
      : plantRing(w, rRings, plan, pool),
  );

  const ringMembers = rings.flatMap((r) => r.members);
  const organizers = new Set(rings.flatMap((r) => r.organizers));
  honestFilings(w, rFilings, people, hotlines);
  const incidents = plantIncidents(w, rIncidents, people, Math.max(2, Math.round(actors / 7_000)));
  // Ring members live ordinary lives too; an occasional ordinary complaint keeps them from standing out.
  honestFilings(
    w,
    rFilings,
    ringMembers.filter((m) => !organizers.has(m)),
    hotlines,
    0.15,
  );

  const spenders = [...people, ...ringMembers.filter((m) => m.kind === 'person')];
  const shops = plantShops(w, rMoney, pool, Math.max(3, Math.round(actors / 400)), spenders);
  plantRent(w, rMoney, pool, Math.round(0.04 * honestActorCount));
  plantPeerPayments(w, rMoney, spenders, Math.round(0.25 * actors));

  if (w.actors.length !== actors) {
    throw new Error(`internal: built ${w.actors.length} actors, expected ${actors}`);
  }

  const records: WorldRecord[] = [
    ...INSTITUTIONS.map((i) => ({
      type: 'institution' as const,
      name: i.name,
      institutionType: i.institutionType,
    })),
    // Shuffled so that file position says nothing about ring membership.
    ...rEmit.shuffle(w.actors.slice()).map((a) => actorRecord(rEmit, a)),
    ...byTime<ComplaintRecord | ClaimRecord>([...w.complaints, ...w.claims]),
    ...byTime(w.transfers),
  ];

  const expectedCounts = countGraph(records);
  const ids = (xs: readonly ActorDraft[]): string[] => xs.map((x) => x.id).sort();
  const truthRings: TruthRing[] = rings.map((r, i) => ({
    id: `T-${String(i + 1).padStart(3, '0')}`,
    typology: r.typology,
    signature: r.signature,
    actorIds: ids(r.members),
    organizerIds: ids(r.organizers),
    victimIds: ids(r.victims),
  }));
  const truth: Truth = {
    params: { actors, seed },
    rings: truthRings,
    noise: {
      families: families.map(ids),
      hotlines: hotlines.map((h) => h.e164),
      lawyers: lawyers.map((l) => ({ id: l.lawyer.id, clientIds: ids(l.clients) })),
      shops: ids(shops),
      incidents,
      forms: [...w.formUsers.keys()].sort().map((institution) => ({
        institution,
        actorIds: [...(w.formUsers.get(institution) ?? [])].sort(),
      })),
    },
    // NOTE: actors in no ring; a surrender agent's coached clients are planted with the ring but are its victims
    honestActorCount: actors - truthRings.reduce((n, r) => n + r.actorIds.length, 0),
    expectedCounts,
  };
  return { records, truth, expectedCounts };
}

function byTime<R extends { id: string }>(items: readonly Timed<R>[]): R[] {
  return items
    .slice()
    .sort((a, b) => a.at - b.at || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
    .map((t) => t.record);
}

function actorRecord(r: Rng, a: ActorDraft): ActorRecord {
  return {
    type: 'actor',
    id: a.id,
    kind: a.kind,
    name: a.name,
    ...(a.idNumber === undefined ? {} : { idNumber: a.idNumber }),
    // Each report writes numbers its own way; the loader must merge them by E.164.
    ...(a.phones.length === 0 ? {} : { phones: a.phones.map((p) => surfaceForm(r, p)) }),
    ...(a.accounts.length === 0
      ? {}
      : {
          accounts: a.accounts.map((acc) => ({
            id: acc.id,
            kind: acc.kind,
            institution: acc.institution.name,
          })),
        }),
    ...(a.devices.length === 0 ? {} : { devices: a.devices.slice() }),
    source: a.source,
  };
}
