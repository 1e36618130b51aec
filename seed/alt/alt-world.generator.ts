// The second world generator: written from the domain description, with its own ring layouts, sizes, disguises and honest look-alikes.
import { countGraph } from '../graph-counts.js';
import { INSTITUTIONS } from '../institutions.js';
import { surfaceForm } from '../phones.js';
import { MAX_SEED, Rng } from '../rng.js';
import type {
  ActorRecord,
  ClaimRecord,
  ComplaintRecord,
  Truth,
  TruthRing,
  World,
  WorldRecord,
} from '../world.types.js';
import { AltWorld, type AltActor, type Timed } from './alt-world.context.js';
import { chooseHotlines, ordinaryFilings, peerPayments } from './background.js';
import { plantHospitalDesks, plantPropertyManagers } from './contact-desks.js';
import { plantForms, plantOutages } from './crowds.js';
import { People, StructureLedger } from './honest-kit.js';
import { plantFamilies, plantFlatmates, plantMembersFamilies } from './households.js';
import { plantAlumniGroups, plantShops } from './money-hubs.js';
import { plantCommunityHelpers, plantLawFirms, plantLegalAid } from './representatives.js';
import { plantComplaintMill } from './ring-complaint-mill.js';
import { plantCreditRepair } from './ring-credit-repair.js';
import { plantDebtCollection } from './ring-debt-collection.js';
import type { PlantedRing, RingPlan, VictimPool } from './ring-kit.js';
import { plantLoanMediation } from './ring-loan-mediation.js';
import { planRings } from './ring-plan.js';
import { plantStockTips } from './ring-stock-tips.js';
import { plantSurrenderAgent } from './ring-surrender-agent.js';
import { plantCampusNetworks, plantWorkplaces } from './workplaces.js';

export interface AltWorldParams {
  actors: number;
  seed: number;
}

/** Below this the planted rings (at least two of every typology) and look-alikes would crowd out the public. */
export const ALT_MIN_ACTORS = 3_000;
export const ALT_MAX_ACTORS = 1_000_000;

const PLANTERS: Record<
  RingPlan['typology'],
  (w: AltWorld, r: Rng, plan: RingPlan, pool: VictimPool) => PlantedRing
> = {
  complaint_mill: plantComplaintMill,
  surrender_agent: plantSurrenderAgent,
  loan_mediation: plantLoanMediation,
  credit_repair: plantCreditRepair,
  stock_tips: plantStockTips,
  debt_collection: plantDebtCollection,
};

/**
 * Builds a world of exactly `actors` actors:
 * 1. plan the rings (ring-plan.ts) and create the honest public, less a reserve for the offices and staff the
 *    honest structures bring;
 * 2. plant every ring, its victims taken from the public (each victim preyed on by one ring only);
 * 3. plant the honest look-alikes (households, representatives, contact desks, workplaces, campuses, crowds,
 *    forms, shops, groups) and top the public up to `actors` with ordinary people;
 * 4. ordinary filings and payments for everyone (ring members too, less often);
 * 5. records in ingest order (institutions, shuffled actors, filings by time, transfers by time) and the truth.
 * Same params, same bytes.
 */
export function generateAltWorld(params: AltWorldParams): World {
  const { actors, seed } = params;
  if (!Number.isInteger(actors) || actors < ALT_MIN_ACTORS || actors > ALT_MAX_ACTORS) {
    throw new RangeError(
      `actors must be an integer in [${ALT_MIN_ACTORS}, ${ALT_MAX_ACTORS}], got ${actors}`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer in [0, ${MAX_SEED}], got ${seed}`);
  }
  const root = Rng.fromSeed(seed);
  const rPlan = root.fork();
  const rIds = root.fork();
  const rPeople = root.fork();
  const rRings = root.fork();
  const rNoise = root.fork();
  const rFilings = root.fork();
  const rMoney = root.fork();
  const rEmit = root.fork();

  // 1. Plans and the public.
  const plans = planRings(rPlan, actors);
  const ringActors = plans.reduce((n, p) => n + p.size, 0);
  const scale = (per: number, min: number): number =>
    Math.max(min, Math.round((actors / per) * rPlan.between(0.7, 1.3)));
  const counts = {
    families: scale(55, 20),
    flatmates: scale(400, 3),
    lawFirms: scale(2_500, 2),
    legalAid: scale(7_000, 1),
    helpers: scale(4_000, 2),
    hospitals: scale(4_000, 2),
    managers: scale(5_000, 2),
    workplaces: scale(1_200, 3),
    campuses: scale(25_000, 1),
    outages: scale(5_000, 2),
    forms: rPlan.int(2, 5),
    shops: scale(450, 5),
    alumni: scale(2_500, 3),
  };
  // Offices and staff the honest structures create (at most): firms with 4 lawyers, centres with 3 staff, …
  const reserve =
    counts.lawFirms * 5 + counts.legalAid * 4 + counts.hospitals + counts.managers + counts.workplaces;
  const publicSize = actors - ringActors - reserve;
  if (publicSize < actors * 0.5)
    throw new Error(`internal: ${ringActors} ring actors leave too small a public`);
  const w = new AltWorld(rIds);
  const publicPeople: AltActor[] = [];
  for (let i = 0; i < publicSize; i++) publicPeople.push(w.person(rPeople));
  const people = new People(rNoise, publicPeople);

  // 2. Rings.
  const rings = plans.map((plan) => PLANTERS[plan.typology](w, rRings, plan, people));

  // 3. Honest look-alikes.
  const ledger = new StructureLedger();
  const families = [
    ...plantFamilies(w, rNoise, people, counts.families, ledger),
    ...plantMembersFamilies(
      w,
      rNoise,
      people,
      rings.flatMap((r) => r.members),
      0.12,
      ledger,
    ),
  ];
  plantFlatmates(w, rNoise, people, counts.flatmates, ledger);
  const lawyers = plantLawFirms(w, rNoise, people, counts.lawFirms, ledger);
  const aid = plantLegalAid(w, rNoise, people, counts.legalAid, ledger);
  plantCommunityHelpers(w, rNoise, people, counts.helpers, ledger);
  plantHospitalDesks(w, rNoise, people, counts.hospitals, ledger);
  plantPropertyManagers(w, rNoise, people, counts.managers, ledger);
  plantWorkplaces(w, rNoise, people, counts.workplaces, ledger);
  plantCampusNetworks(w, rNoise, people, counts.campuses, ledger);
  const incidents = plantOutages(w, rNoise, people, counts.outages, ledger);
  const forms = plantForms(w, rNoise, people, counts.forms, ledger);
  const shops = plantShops(w, rNoise, people, counts.shops, ledger);
  plantAlumniGroups(w, rNoise, people, counts.alumni, ledger);
  const hotlines = chooseHotlines(w, rNoise);
  const topUp: AltActor[] = [];
  while (w.actors.length < actors) topUp.push(w.person(rPeople));
  if (w.actors.length !== actors)
    throw new Error(`internal: built ${w.actors.length} actors, expected ${actors}`);

  // 4. Ordinary life.
  const members = rings.flatMap((r) => r.members).filter((m) => m.kind === 'person');
  const hotlineUsers = ordinaryFilings(w, rFilings, [...publicPeople, ...topUp], hotlines);
  for (const h of hotlines.values()) {
    ledger.add(
      'hotline',
      hotlineUsers.get(h) ?? [],
      'an institution hotline its customers write as contact phone',
      h,
    );
  }
  ordinaryFilings(w, rFilings, members, hotlines, 0.3);
  peerPayments(w, rMoney, [...publicPeople, ...topUp, ...members], Math.round(actors * 0.25));

  // 5. Records and truth.
  const records: WorldRecord[] = [
    ...INSTITUTIONS.map((i) => ({
      type: 'institution' as const,
      name: i.name,
      institutionType: i.institutionType,
    })),
    ...rEmit.shuffle(w.actors.slice()).map((a) => actorRecord(rEmit, a)),
    ...byTime<ComplaintRecord | ClaimRecord>([...w.complaints, ...w.claims]),
    ...byTime(w.transfers),
  ];
  const expectedCounts = countGraph(records);
  const ids = (xs: readonly AltActor[]): string[] => xs.map((x) => x.id).sort();
  const truthRings: TruthRing[] = rings.map((r, i) => ({
    id: `A-${String(i + 1).padStart(3, '0')}`,
    typology: r.plan.typology,
    signature: r.signature,
    actorIds: ids(r.members),
    organizerIds: ids(r.organizers),
    victimIds: ids(r.victims),
    layout: r.plan.layout,
    roles: r.roles.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }));
  const truth: Truth = {
    params: { actors, seed, generator: 'alt' },
    rings: truthRings,
    noise: {
      families,
      hotlines: [...hotlines.values()],
      lawyers: [...lawyers, ...aid].map((l) => ({ id: l.representative.id, clientIds: ids(l.clients) })),
      shops: shops.slice().sort(),
      incidents,
      forms,
      structures: ledger.items,
    },
    honestActorCount: actors - ringActors,
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

function actorRecord(r: Rng, a: AltActor): ActorRecord {
  return {
    type: 'actor',
    id: a.id,
    kind: a.kind,
    name: a.name,
    ...(a.idNumber === undefined ? {} : { idNumber: a.idNumber }),
    ...(a.phones.length === 0 ? {} : { phones: [...new Set(a.phones)].map((p) => surfaceForm(r, p)) }),
    ...(a.accounts.length === 0
      ? {}
      : {
          accounts: [...new Map(a.accounts.map((x) => [x.id, x])).values()].map((x) => ({
            id: x.id,
            kind: x.kind,
            institution: x.institution,
          })),
        }),
    ...(a.devices.length === 0 ? {} : { devices: [...new Set(a.devices)] }),
    ...(a.identifiers.length === 0 ? {} : { identifiers: a.identifiers.map((i) => ({ ...i })) }),
    source: a.source,
  };
}
