// The shapes of the /v1 answers the console reads (a subset; detection v2 fields are optional).

export interface RingSummary {
  id: string;
  rank: number;
  score: number;
  probability?: number | null;
  reported: boolean;
  typology: string;
  typologyReason: string;
  size: number;
  status: string;
  organizerId: string | null;
}

export interface RingPage {
  runId: string | null;
  rings: RingSummary[];
  nextCursor: string | null;
}

export interface Evidence {
  kind: string;
  identifierKind: string;
  identifier: string;
  via?: string[];
  withActorIds?: string[];
  withCount?: number;
  ownRecordIds?: string[];
  recordIds?: string[];
  sources?: string[];
  firstAt?: string;
  lastAt?: string;
  weight?: number;
  amount?: number;
  similarity?: number;
  count?: number;
  institutions?: string[];
}

export interface Member {
  id: string;
  name: string | null;
  kind: string;
  role: string;
  strength: number;
  summary: string;
  sources: string[];
  evidence: Evidence[];
}

/** Detection v2: a filer who named members' identifiers as the party complained about; never a member. */
export interface Victim {
  actorId: string;
  /** The members whose identifiers this victim's filings name. */
  namedMemberIds: string[];
  /** `<kind>:<identifier>` of what was named. */
  identifiers: string[];
  recordIds: string[];
  sources: string[];
  firstAt?: string;
  lastAt?: string;
  reason: string;
}

/** Detection v2: what raised and lowered the ring's probability, in log-odds. */
export interface ProbabilityTerm {
  feature: string;
  part: string;
  value: number;
  logOdds: number;
}

export interface ScoreComponent {
  component: string;
  value: number;
  normalized: number;
  weight: number;
  points: number;
  explanation: string;
}

export interface SharedIdentifier {
  identifier: string;
  kind: string;
  memberIds: string[];
  actorCount: number;
  reason?: string;
}

export interface Filing {
  id: string;
  filedBy: string;
  filedAt: string;
  institution: string;
  category?: string;
  kind?: string;
  channel?: string;
  amount?: number;
  text?: string;
  source?: string;
  contactPhone?: string;
  payoutAccount?: string;
  representativeId?: string;
  policyNumber?: string;
}

export interface TimelineDay {
  date: string;
  filings: { id: string; type: string; actorId: string; institution: string; at: string; amount?: number }[];
  transfers: { id: string; fromActor: string; toActor: string; amount: number; at: string }[];
}

export interface MoneyFlow {
  kind: string;
  from: string;
  to: string;
  fromActorIds: string[];
  toActorIds: string[];
  count: number;
  amount: number;
  firstAt?: string;
  lastAt?: string;
}

export interface Template {
  templateId: string;
  text: string;
  memberIds: string[];
  memberCount: number;
  filingIds: string[];
  actorCount: number;
  meanSimilarity: number;
}

export interface Burst {
  institution: string;
  from: string;
  to: string;
  memberIds: string[];
  filingIds: string[];
}

/** Detection v2: a recognised legitimate structure that speaks against the ring ("why this is probably not a ring"). */
export interface CounterEvidence {
  pattern: string;
  reason: string;
}

export interface RingReport {
  runId: string;
  id: string;
  rank: number;
  score: number;
  probability?: number | null;
  reported: boolean;
  typology: string;
  typologyReason: string;
  size: number;
  review: { status: string; caseReference: string | null; by: string | null; updatedAt: string | null };
  scoreBreakdown: ScoreComponent[];
  counterEvidence?: CounterEvidence[];
  probabilityTerms?: ProbabilityTerm[];
  members: Member[];
  victims?: Victim[];
  sharedIdentifiers: SharedIdentifier[];
  complaints: Filing[];
  claims: Filing[];
  timeline: TimelineDay[];
  moneyFlows: MoneyFlow[];
  templates: Template[];
  bursts: Burst[];
}

export interface AllowEntry {
  id: string;
  kind: 'identifier' | 'actor_set';
  identifierKind?: string | null;
  identifier?: string | null;
  actorIds?: string[] | null;
  reason: string;
  ringId?: string | null;
  by: string;
  at: string;
}

export interface Review {
  status: string;
  note: string;
  caseReference?: string | null;
  by: string;
  at: string;
}

export interface LineageEvent {
  ringId: string;
  event: string;
  from?: string[];
  into?: string[];
  sizeBefore?: number;
  sizeAfter?: number;
  scoreBefore?: number;
  scoreAfter?: number;
}

export interface RingHistory {
  id: string;
  runs: {
    runId: string;
    finishedAt: string;
    snapshot: { score: number; size: number; typology: string; reported: boolean; rank: number };
    events: LineageEvent[];
  }[];
}

/** A tie's event times as its sources reported them (UTC), null when none did. */
export interface ObservedTimes {
  observedAt?: string | null;
  lastObservedAt?: string | null;
}

export interface ActorReport {
  id: string;
  name?: string | null;
  kind: string;
  source?: string;
  sources?: string[];
  /** When ringmap loaded records about the actor: not events. */
  firstLoadedAt?: string | null;
  lastLoadedAt?: string | null;
  hasIdNumber?: boolean;
  phones: ({ number: string; source?: string | null; firstLoadedAt?: string | null } & ObservedTimes)[];
  accounts: ({
    id: string;
    kind?: string | null;
    institution?: string | null;
    source?: string | null;
  } & ObservedTimes)[];
  devices: ({ id: string; source?: string | null } & ObservedTimes)[];
  filingIds: string[];
  ring:
    | (RingSummary & { runId: string; role: string; strength: number; summary: string; evidence: Evidence[] })
    | null;
}

export interface RunSummary {
  id: string;
  status: string;
  stage: string;
  progress: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RunDetail extends RunSummary {
  params: Record<string, unknown>;
  stats: Record<string, unknown> | null;
  stages: Record<string, { ms: number }> | null;
  hubs?: {
    count: number;
    threshold: number;
    items: { identifier: string; identifierKind: string; actorCount: number }[];
  };
}

export interface TriageLink {
  ringId: string;
  kind: string;
  identifier?: string;
  memberIds: string[];
  detail: string;
}

export interface TriageResult {
  runId: string | null;
  risk: number;
  level: string;
  rings: {
    ringId: string;
    ringScore: number;
    typology: string;
    status: string;
    risk: number;
    links: TriageLink[];
  }[];
  ignored: { kind?: string; identifier?: string; reason?: string }[] | string[];
  explanation: string;
}
