import { generateWorld } from './seed/world.generator.js';
import { EvidenceGraphBuilder, detectRings } from './src/analytics/index.js';
import { rowsFromRecords } from './bench/quality.bench.js';
const world = generateWorld({ actors: 20000, seed: 7 });
const b = new EvidenceGraphBuilder(); rowsFromRecords(world.records, b);
const res = detectRings(b, { seed: 7 });
const ringOf = new Map<string, string>(); for (const r of world.truth.rings) for (const a of r.actorIds) ringOf.set(a, r.id);
const fam = new Set(world.truth.noise.families.flat());
const law = new Set(world.truth.noise.lawyers.flatMap(l => [l.id, ...l.clientIds]));
const vic = new Set(world.truth.rings.flatMap(r => r.victimIds));
for (const r of res.rings.filter(r => r.score >= 50)) {
  const comp = new Map<string, number>();
  for (const m of r.members) { const k = ringOf.get(m.actorId) ?? (fam.has(m.actorId) ? 'family' : law.has(m.actorId) ? 'law' : vic.has(m.actorId) ? 'victim' : 'honest'); comp.set(k, (comp.get(k) ?? 0) + 1); }
  console.log(r.score.toFixed(0), r.typology.padEnd(16), r.members.length, JSON.stringify([...comp]), r.breakdown.map(b => `${b.component}=${b.points.toFixed(0)}`).join(' '));
}
