// The two labelled real data sets of ../shared/data as projection rows and labels, for calibration without a database.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { EvidenceGraphBuilder } from '../src/analytics/index.js';

export interface RealLabels {
  /** The ring an actor belongs to by the data's own labels (trader, or 'fraud'); absent for honest actors. */
  group: Map<string, string>;
  /** Every labelled actor id. */
  actors: string[];
  /** Actors that could be found at all (VK: bots sharing a friend with a bot of their own trader). */
  findable: Set<string>;
}

async function* csvRows(file: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line.length > 0) yield line.split(',');
  }
}

/** VK: each labelled account an actor, each friend id a generic identifier `friend:<id>`. */
export async function loadVk(dir: string, builder: EvidenceGraphBuilder): Promise<RealLabels> {
  const group = new Map<string, string>();
  const actors: string[] = [];
  for await (const [node = '', , kind, , trader] of csvRows(path.join(dir, 'vk_bots/accounts.csv.gz'))) {
    const id = `vk${node}`;
    actors.push(id);
    builder.addActor({ id, kind: 'person' });
    if (kind === 'bot') group.set(id, trader ?? '');
  }
  const friendsOf = new Map<string, string[]>();
  for await (const [account = '', friend = ''] of csvRows(path.join(dir, 'vk_bots/friend_edges.csv.gz'))) {
    const id = `vk${account}`;
    builder.addIncidence({
      actorId: id,
      identifierKind: 'identifier',
      identifier: `friend:${friend}`,
      via: 'has',
      source: 'vk',
    });
    let list = friendsOf.get(friend);
    if (list === undefined) friendsOf.set(friend, (list = []));
    list.push(id);
  }
  const findable = new Set<string>();
  for (const holders of friendsOf.values()) {
    for (const a of holders) {
      const g = group.get(a);
      if (g === undefined || findable.has(a)) continue;
      if (holders.some((b) => b !== a && group.get(b) === g)) findable.add(a);
    }
  }
  return { group, actors, findable };
}

/** Sichuan: each subscriber an actor, each undirected link a generic identifier `co_contact:<a>-<b>` on both ends. */
export async function loadSichuan(dir: string, builder: EvidenceGraphBuilder): Promise<RealLabels> {
  const group = new Map<string, string>();
  const actors: string[] = [];
  for await (const [node = '', , label] of csvRows(path.join(dir, 'sichuan_telecom/nodes.csv.gz'))) {
    const id = `sc${node}`;
    actors.push(id);
    builder.addActor({ id, kind: 'person' });
    if (label === '1') group.set(id, 'fraud');
  }
  for await (const [src = '', dst = ''] of csvRows(path.join(dir, 'sichuan_telecom/edges.csv.gz'))) {
    const [a, b] = Number(src) < Number(dst) ? [src, dst] : [dst, src];
    for (const end of [a, b]) {
      builder.addIncidence({
        actorId: `sc${end}`,
        identifierKind: 'identifier',
        identifier: `co_contact:${a}-${b}`,
        via: 'has',
        source: 'sichuan',
      });
    }
  }
  return { group, actors, findable: new Set(group.keys()) };
}
