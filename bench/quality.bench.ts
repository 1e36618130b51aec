// npm run bench:quality [-- --actors N --seeds 7,8,9]: detection quality on seed worlds without a database.
// The records are turned into projection rows exactly as cypher/analytics/*.cypher reads them from Neo4j, so the
// loop from a parameter change to recall/precision takes seconds. The figures a note reports come from npm run eval
// on the real Neo4j path; this is for tuning.
import { Command } from 'commander';
import { generateWorld } from '../seed/world.generator.js';
import type { WorldRecord } from '../seed/world.types.js';
import {
  EvidenceGraphBuilder,
  detectRings,
  evaluate,
  type DetectionParamsInput,
} from '../src/analytics/index.js';
import { normalisePhone } from '../src/ingest/phone-number.js';

export function rowsFromRecords(records: WorldRecord[], builder: EvidenceGraphBuilder): void {
  const holders = new Map<string, string[]>();
  const phone = (p: string) => {
    const r = normalisePhone(p);
    return r.ok ? r.e164 : p;
  };
  for (const rec of records as unknown as Record<string, unknown>[]) {
    const type = rec.type as string;
    if (type === 'actor') {
      const id = rec.id as string;
      builder.addActor({
        id,
        kind: (rec.kind as 'person') ?? 'person',
        ...(rec.name ? { name: rec.name as string } : {}),
      });
      for (const p of (rec.phones as string[] | undefined) ?? []) {
        builder.addIncidence({
          actorId: id,
          identifierKind: 'phone',
          identifier: phone(p),
          via: 'uses',
          source: 's',
        });
      }
      for (const a of (rec.accounts as ({ id: string } | string)[] | undefined) ?? []) {
        const accId = typeof a === 'string' ? a : a.id;
        builder.addIncidence({
          actorId: id,
          identifierKind: 'account',
          identifier: accId,
          via: 'holds',
          source: 's',
        });
        holders.set(accId, [...(holders.get(accId) ?? []), id]);
      }
      for (const d of (rec.devices as string[] | undefined) ?? []) {
        builder.addIncidence({
          actorId: id,
          identifierKind: 'device',
          identifier: d,
          via: 'device',
          source: 's',
        });
      }
    } else if (type === 'complaint' || type === 'claim') {
      const actorId = (rec.complainantId ?? rec.claimantId) as string;
      const at = rec.filedAt as string;
      const recordId = rec.id as string;
      if (rec.contactPhone)
        builder.addIncidence({
          actorId,
          identifierKind: 'phone',
          identifier: phone(rec.contactPhone as string),
          via: 'contact',
          recordId,
          source: 's',
          at,
        });
      if (rec.payoutAccount)
        builder.addIncidence({
          actorId,
          identifierKind: 'account',
          identifier: rec.payoutAccount as string,
          via: 'payout',
          recordId,
          source: 's',
          at,
        });
      if (rec.representativeId) {
        const g = rec.representativeId as string;
        builder.addIncidence({
          actorId,
          identifierKind: 'agent',
          identifier: g,
          via: 'represented_by',
          recordId,
          source: 's',
          at,
        });
        builder.addIncidence({
          actorId: g,
          identifierKind: 'agent',
          identifier: g,
          via: 'is_agent',
          recordId,
          source: 's',
          at,
        });
      }
      builder.addFiling({
        id: recordId,
        type: type as 'complaint' | 'claim',
        actorId,
        filedAt: at,
        institution: (rec.institution ?? rec.insurer) as string,
        category: (type === 'claim' ? rec.kind : rec.category) as string,
        ...(typeof rec.amount === 'number' ? { amount: rec.amount } : {}),
        ...(typeof rec.text === 'string' && rec.text.length > 0 ? { text: rec.text } : {}),
        source: 's',
      });
    } else if (type === 'transfer') {
      for (const f of holders.get(rec.from as string) ?? []) {
        for (const t of holders.get(rec.to as string) ?? []) {
          if (f === t) continue;
          builder.addTransfer({
            transferId: rec.id as string,
            fromActor: f,
            toActor: t,
            fromAccount: rec.from as string,
            toAccount: rec.to as string,
            amount: rec.amount as number,
            at: rec.at as string,
            source: 's',
          });
        }
      }
    }
  }
}

const program = new Command('bench:quality')
  .option('--actors <n>', 'actors per world', (v) => Number.parseInt(v, 10), 20_000)
  .option('--seeds <list>', 'world seeds', '7,8,9')
  .option('--params <json>', 'detection parameters as JSON', '{}')
  .option('--verbose', 'list every planted ring with its best match', false)
  .action((opts: { actors: number; seeds: string; params: string; verbose: boolean }) => {
    const params = JSON.parse(opts.params) as DetectionParamsInput;
    for (const seed of opts.seeds.split(',').map((s) => Number.parseInt(s, 10))) {
      const world = generateWorld({ actors: opts.actors, seed });
      const builder = new EvidenceGraphBuilder();
      rowsFromRecords(world.records, builder);
      const t0 = performance.now();
      const result = detectRings(builder, { seed, ...params });
      const ms = Math.round(performance.now() - t0);
      const ringActorIds = new Set(world.truth.rings.flatMap((r) => r.actorIds));
      const rings = result.rings.map((r) => ({
        id: r.key,
        score: r.score,
        actorIds: r.members.map((m) => m.actorId),
      }));
      const q = evaluate(rings, world.truth, {
        reportMinScore: params.reportMinScore ?? 50,
        honestActorCount: world.truth.honestActorCount,
        ringActorIds,
      });
      const { planted, ...summary } = q;
      console.log(JSON.stringify({ seed, detectionMs: ms, ...summary }));
      if (opts.verbose) for (const p of planted) console.log('  ', JSON.stringify(p));
    }
  });

if (import.meta.url === `file://${process.argv[1]}`) program.parse();
