// The real data sets of ../shared/data (VK bots by trader, Sichuan telecom fraud) as ingest actor records with labels.

/** One actor record as `POST /v1/ingest` takes it, with the generic identifiers that tie it to others. */
export interface RealActor {
  id: string;
  kind: 'person';
  identifiers: { kind: string; value: string }[];
  source: string;
}

/** Ground truth of one actor: its group (a VK trader, `user`, `fraud`, `normal`) and whether it is a target. */
export interface RealLabel {
  /** VK: `bot` or `user`; Sichuan: `fraud` or `normal`. */
  kind: string;
  /** VK bots: the trader who sold them; everyone else: null. */
  group: string | null;
}

export interface RealDataSet {
  name: 'vk' | 'sichuan';
  actors: RealActor[];
  labels: Map<string, RealLabel>;
  /** What the identifiers look like: how many actors hold each, how many each actor holds. */
  shape: IdentifierShape;
}

export interface IdentifierShape {
  actors: number;
  identifiers: number;
  ties: number;
  /** Identifiers held by exactly 1, 2, 3–10, 11–50 and more than 50 actors. */
  holdersHistogram: Record<'1' | '2' | '3-10' | '11-50' | '>50', number>;
  maxHolders: number;
  maxPerActor: number;
  medianPerActor: number;
  actorsWithout: number;
}

/** Rows of a small CSV with a header line and no quoted fields (both data sets are written so). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** Streams the `a,b` pairs of an edge list with a header line, without building row objects (1M+ lines). */
export function* edgePairs(text: string): Generator<[string, string]> {
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    const comma = line.indexOf(',');
    if (comma > 0) yield [line.slice(0, comma), line.slice(comma + 1)];
    start = end + 1;
  }
}

/**
 * VK: every labelled account is an actor `vk-<node>` holding one `friend` identifier per friend it lists. Two
 * accounts are tied exactly when they list the same friend. Bots are labelled with their trader, users `user`.
 */
export function vkDataSet(accountsCsv: string, friendEdgesCsv: string): RealDataSet {
  const labels = new Map<string, RealLabel>();
  const friends = new Map<string, string[]>();
  for (const row of parseCsv(accountsCsv)) {
    const id = `vk-${row.node}`;
    labels.set(id, {
      kind: row.kind === 'bot' ? 'bot' : 'user',
      group: row.kind === 'bot' ? row.trader || null : null,
    });
    friends.set(id, []);
  }
  for (const [account, friend] of edgePairs(friendEdgesCsv)) friends.get(`vk-${account}`)?.push(friend);
  const actors: RealActor[] = [...friends].map(([id, list]) => ({
    id,
    kind: 'person',
    identifiers: [...new Set(list)].map((value) => ({ kind: 'friend', value })),
    source: 'dataset:vk_bots',
  }));
  return { name: 'vk', actors, labels, shape: identifierShape(actors) };
}

/**
 * Sichuan: every subscriber is an actor `sc-<node>`; every undirected link ("called the same recipients") becomes
 * one `co_contact` identifier `<min>-<max>` held by both ends. NOTE: a link is a fact about a pair, so an identifier
 * held by exactly those two is its faithful form: it ties the pair and nobody else (rarity 2), where putting each
 * subscriber's neighbours on it would invent ties between subscribers the data never links.
 */
export function sichuanDataSet(nodesCsv: string, edgesCsv: string): RealDataSet {
  const labels = new Map<string, RealLabel>();
  const ids = new Map<string, string[]>();
  for (const row of parseCsv(nodesCsv)) {
    const id = `sc-${row.node}`;
    labels.set(id, { kind: row.label === '1' ? 'fraud' : 'normal', group: null });
    ids.set(id, []);
  }
  const seen = new Set<string>();
  for (const [a, b] of edgePairs(edgesCsv)) {
    if (a === b) continue;
    const [lo, hi] = Number(a) < Number(b) ? [a, b] : [b, a];
    const value = `${lo}-${hi}`;
    if (seen.has(value)) continue;
    seen.add(value);
    ids.get(`sc-${lo}`)?.push(value);
    ids.get(`sc-${hi}`)?.push(value);
  }
  const actors: RealActor[] = [...ids].map(([id, list]) => ({
    id,
    kind: 'person',
    identifiers: list.map((value) => ({ kind: 'co_contact', value })),
    source: 'dataset:sichuan_telecom',
  }));
  return { name: 'sichuan', actors, labels, shape: identifierShape(actors) };
}

export function identifierShape(actors: readonly RealActor[]): IdentifierShape {
  const holders = new Map<string, number>();
  const perActor: number[] = [];
  let ties = 0;
  for (const a of actors) {
    perActor.push(a.identifiers.length);
    ties += a.identifiers.length;
    for (const x of a.identifiers) {
      const key = `${x.kind}:${x.value}`;
      holders.set(key, (holders.get(key) ?? 0) + 1);
    }
  }
  const holdersHistogram = { '1': 0, '2': 0, '3-10': 0, '11-50': 0, '>50': 0 };
  let maxHolders = 0;
  for (const n of holders.values()) {
    maxHolders = Math.max(maxHolders, n);
    const bin = n === 1 ? '1' : n === 2 ? '2' : n <= 10 ? '3-10' : n <= 50 ? '11-50' : '>50';
    holdersHistogram[bin]++;
  }
  perActor.sort((a, b) => a - b);
  return {
    actors: actors.length,
    identifiers: holders.size,
    ties,
    holdersHistogram,
    maxHolders,
    maxPerActor: perActor[perActor.length - 1] ?? 0,
    medianPerActor: perActor[Math.floor(perActor.length / 2)] ?? 0,
    actorsWithout: perActor.filter((n) => n === 0).length,
  };
}

/**
 * Actors as ingest records of at most `maxPerRecord` identifiers each (the contract's per-list limit): a bigger
 * actor (a VK bot listing 11,536 friends) becomes several records with the same id, which ingest merges.
 */
export function* actorRecords(actors: readonly RealActor[], maxPerRecord = 10_000): Generator<RealActor> {
  for (const a of actors) {
    if (a.identifiers.length <= maxPerRecord) {
      yield a;
      continue;
    }
    for (let i = 0; i < a.identifiers.length; i += maxPerRecord)
      yield { ...a, identifiers: a.identifiers.slice(i, i + maxPerRecord) };
  }
}

/**
 * Splits actors into ingest requests of at most `maxActors` actors and at most `maxTies` identifier ties (an
 * actor with more ties than that goes alone): each request is one transaction, and Neo4j's transaction memory
 * grows with the ties written, not with the actors.
 */
export function* requestBatches(
  actors: Iterable<RealActor>,
  opts: { maxActors: number; maxTies: number },
): Generator<RealActor[]> {
  let batch: RealActor[] = [];
  let ties = 0;
  for (const a of actors) {
    if (batch.length > 0 && (batch.length >= opts.maxActors || ties + a.identifiers.length > opts.maxTies)) {
      yield batch;
      batch = [];
      ties = 0;
    }
    batch.push(a);
    ties += a.identifiers.length;
  }
  if (batch.length > 0) yield batch;
}
