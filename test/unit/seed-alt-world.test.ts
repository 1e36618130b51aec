// The second world generator (seed/alt/): determinism, rings and their victims, honest look-alikes, and the ingest contract.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { validateRecords } from '../../src/ingest/ingest.validator.js';
import type { RawRecord, RecordType } from '../../src/ingest/ingest.schema.js';
import { TYPOLOGIES } from '../../src/shared/domain.js';
import { generateAltWorld } from '../../seed/alt/alt-world.generator.js';
import { SIZE_CLASSES } from '../../seed/alt/ring-plan.js';
import { writeWorld } from '../../seed/world.writer.js';
import type {
  ActorRecord,
  ClaimRecord,
  ComplaintRecord,
  TransferRecord,
  World,
  WorldRecord,
} from '../../seed/world.types.js';

const PLANTED = TYPOLOGIES.filter((t) => t !== 'unknown');
const KIND = /^[a-z][a-z0-9_]{0,31}$/;
const e164 = (s: string): string => parsePhoneNumberWithError(s, 'CN').number;
const lines = (w: World): string[] => w.records.map((r) => JSON.stringify(r));
const ofType = <T extends WorldRecord>(w: World, type: T['type']): T[] =>
  w.records.filter((r): r is T => r.type === type);
const complaintsOf = (w: World): ComplaintRecord[] => ofType<ComplaintRecord>(w, 'complaint');

/** The real validator, fed records as the NDJSON reader hands them over. */
function validate(records: readonly WorldRecord[]) {
  const perType = new Map<string, number>();
  const raw: RawRecord[] = records.map((rec) => {
    const { type, ...value } = rec;
    const index = perType.get(type) ?? 0;
    perType.set(type, index + 1);
    return { type: type as RecordType, index, value };
  });
  return validateRecords(raw, { idHmacSecret: 'test-secret-0123456789', defaultSource: 'test' });
}

/** Whether the real validator already knows the ingest v2 fields (identifiers, namedParties). */
const V2_ACCEPTED =
  validate([
    {
      type: 'actor',
      id: 'probe',
      kind: 'person',
      name: '探针',
      identifiers: [{ kind: 'ip', value: '1.2.3.4' }],
      source: 't',
    },
  ]).errors.length === 0;

function withoutV2(r: WorldRecord): WorldRecord {
  if (r.type === 'actor') {
    const { identifiers: _i, ...rest } = r;
    return rest;
  }
  if (r.type === 'complaint' || r.type === 'claim') {
    const { namedParties: _n, ...rest } = r;
    return rest as WorldRecord;
  }
  return r;
}

describe('second world generator (seed/alt)', function () {
  this.timeout(180_000);
  let small: World;
  let big: World;
  let actorIds: Set<string>;

  before(() => {
    small = generateAltWorld({ actors: 3_000, seed: 7 });
    big = generateAltWorld({ actors: 20_000, seed: 101 });
    actorIds = new Set(ofType<ActorRecord>(big, 'actor').map((a) => a.id));
  });

  describe('determinism', () => {
    it('gives byte-identical records and truth for the same params', () => {
      const again = generateAltWorld({ actors: 3_000, seed: 7 });
      expect(lines(again)).to.deep.equal(lines(small));
      expect(JSON.stringify(again.truth)).to.equal(JSON.stringify(small.truth));
    });

    it('gives a different world for a different seed', () => {
      const other = generateAltWorld({ actors: 3_000, seed: 8 });
      expect(lines(other).join('\n')).to.not.equal(lines(small).join('\n'));
    });

    it('writes the same bytes twice through the seed writer', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ringmap-alt-'));
      try {
        await writeWorld(generateAltWorld({ actors: 3_000, seed: 7 }), join(dir, 'a'));
        await writeWorld(generateAltWorld({ actors: 3_000, seed: 7 }), join(dir, 'b'));
        for (const f of ['world.ndjson', 'truth.json']) {
          const [a, b] = await Promise.all([readFile(join(dir, 'a', f)), readFile(join(dir, 'b', f))]);
          expect(a.equals(b), f).to.equal(true);
        }
        const truth = JSON.parse(await readFile(join(dir, 'a', 'truth.json'), 'utf8')) as World['truth'];
        expect(truth.noise.structures?.length).to.be.greaterThan(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('builds exactly the requested number of actors, with unique ids', () => {
      for (const w of [small, big]) {
        const actors = ofType<ActorRecord>(w, 'actor');
        expect(actors).to.have.length(w.truth.params.actors);
        expect(new Set(actors.map((a) => a.id)).size).to.equal(actors.length);
      }
    });

    it('refuses worlds too small for its rings', () => {
      expect(() => generateAltWorld({ actors: 1_000, seed: 1 })).to.throw(RangeError);
    });
  });

  describe('rings', () => {
    it('plants every typology in at least two role layouts', () => {
      for (const t of PLANTED) {
        const layouts = new Set(big.truth.rings.filter((r) => r.typology === t).map((r) => r.layout));
        expect(layouts.size, t).to.be.at.least(2);
      }
    });

    it('never makes a victim a member, nor puts an actor in two rings', () => {
      const memberOf = new Map<string, string>();
      const victimOf = new Map<string, string>();
      for (const r of big.truth.rings) {
        for (const id of r.actorIds) {
          expect(memberOf.has(id), `${id} in ${memberOf.get(id)} and ${r.id}`).to.equal(false);
          memberOf.set(id, r.id);
        }
        for (const id of r.victimIds) {
          expect(victimOf.has(id), `victim ${id} of two rings`).to.equal(false);
          victimOf.set(id, r.id);
        }
        for (const o of r.organizerIds) expect(r.actorIds).to.include(o);
      }
      for (const id of victimOf.keys()) expect(memberOf.has(id), `victim ${id} is a member`).to.equal(false);
    });

    it('says why each member and victim is what it is', () => {
      for (const r of big.truth.rings) {
        const roles = new Map((r.roles ?? []).map((x) => [x.id, x]));
        for (const id of r.actorIds) expect(roles.get(id)?.role).to.be.oneOf(['organizer', 'participant']);
        for (const id of r.victimIds) expect(roles.get(id)?.role).to.equal('victim');
        for (const x of roles.values()) expect(x.why.length).to.be.greaterThan(5);
      }
    });

    it('has collection-gang and stock-tip victims who name a member handle', () => {
      const handles = new Map<string, string>();
      for (const a of ofType<ActorRecord>(big, 'actor')) {
        for (const p of a.phones ?? []) handles.set(`phone:${e164(p)}`, a.id);
        for (const acc of a.accounts ?? []) handles.set(`account:${acc.id}`, a.id);
        for (const i of a.identifiers ?? []) handles.set(`${i.kind}:${i.value}`, a.id);
      }
      const byFiler = new Map<string, ComplaintRecord[]>();
      for (const c of complaintsOf(big))
        byFiler.set(c.complainantId, [...(byFiler.get(c.complainantId) ?? []), c]);
      const mobiles = (text: string): string[] =>
        (text.replace(/[\s-]/gu, '').match(/1[3-9]\d{9}/gu) ?? []).map((m) => `phone:+86${m}`);
      for (const r of big.truth.rings.filter((x) => x.typology === 'debt_collection')) {
        const members = new Set(r.actorIds);
        expect(r.victimIds.length, r.id).to.be.at.least(6);
        for (const v of r.victimIds) {
          const named = (byFiler.get(v) ?? []).flatMap((c) => [
            ...(c.namedParties ?? []).map((p) =>
              p.kind === 'phone' ? `phone:${e164(p.value)}` : `${p.kind}:${p.value}`,
            ),
            ...mobiles(c.text ?? ''),
          ]);
          expect(
            named.some((h) => members.has(handles.get(h) ?? '')),
            `${v} names no member of ${r.id}`,
          ).to.equal(true);
        }
      }
      for (const r of big.truth.rings.filter((x) => x.typology === 'stock_tips')) {
        const members = new Set(r.actorIds);
        const memberAccounts = new Set(
          ofType<ActorRecord>(big, 'actor')
            .filter((a) => members.has(a.id))
            .flatMap((a) => (a.accounts ?? []).map((x) => x.id)),
        );
        const holders = new Map<string, string>();
        for (const a of ofType<ActorRecord>(big, 'actor'))
          for (const acc of a.accounts ?? []) holders.set(acc.id, a.id);
        const paid = new Set(
          ofType<TransferRecord>(big, 'transfer')
            .filter((t) => memberAccounts.has(t.to))
            .map((t) => holders.get(t.from)),
        );
        for (const v of r.victimIds) expect(paid.has(v), `${v} never paid ${r.id}`).to.equal(true);
      }
    });

    it('leaves coordination rings no shared handle: only their script, timing and fee accounts', () => {
      const actors = new Map(ofType<ActorRecord>(big, 'actor').map((a) => [a.id, a]));
      const coordinated = big.truth.rings.filter((r) => r.signature === 'coordination');
      expect(coordinated.length).to.be.at.least(1);
      for (const r of coordinated) {
        const seen = new Map<string, string>();
        for (const id of r.actorIds) {
          const a = actors.get(id);
          const handles = [
            ...(a?.phones ?? []).map((p) => `phone:${e164(p)}`),
            ...(a?.devices ?? []).map((d) => `device:${d}`),
            ...(a?.identifiers ?? []).map((i) => `${i.kind}:${i.value}`),
            ...(a?.accounts ?? []).map((x) => `account:${x.id}`),
          ];
          for (const h of handles) {
            expect(seen.get(h), `${h} shared in ${r.id}`).to.equal(undefined);
            seen.set(h, id);
          }
        }
        const members = new Set(r.actorIds);
        for (const c of complaintsOf(big).filter((x) => members.has(x.complainantId))) {
          expect(c.representativeId).to.equal(undefined);
          // Their own number, or (in their ordinary complaints) an institution's hotline.
          const own = [...(actors.get(c.complainantId)?.phones ?? []).map(e164), ...big.truth.noise.hotlines];
          if (c.contactPhone !== undefined) expect(own).to.include(e164(c.contactPhone));
        }
      }
    });

    it('draws sizes from its own classes: a few tiny, most mid-sized, a few large', () => {
      const sizes = big.truth.rings.map((r) => r.actorIds.length);
      expect(Math.min(...sizes)).to.be.at.least(SIZE_CLASSES.tiny[0]);
      expect(Math.max(...sizes)).to.be.at.most(SIZE_CLASSES.large[1]);
      expect(sizes.filter((s) => s <= SIZE_CLASSES.tiny[1]).length).to.be.at.least(1);
      expect(sizes.filter((s) => s >= SIZE_CLASSES.large[0]).length).to.be.at.least(1);
      const middle = sizes.filter((s) => s >= SIZE_CLASSES.small[0] && s <= SIZE_CLASSES.mid[1]).length;
      expect(middle).to.be.greaterThan(sizes.length / 2);
      expect(big.truth.rings.length).to.be.within(20, 45);
    });

    it('varies how many rings of each typology by seed', () => {
      const mix = (w: World): string =>
        PLANTED.map((t) => w.truth.rings.filter((r) => r.typology === t).length).join(',');
      const other = generateAltWorld({ actors: 20_000, seed: 102 });
      expect(mix(other)).to.not.equal(mix(big));
    });
  });

  describe('truth', () => {
    it('names only actors that exist as actor records', () => {
      const t = big.truth;
      const named = [
        ...t.rings.flatMap((r) => [...r.actorIds, ...r.organizerIds, ...r.victimIds]),
        ...t.noise.families.flat(),
        ...t.noise.lawyers.flatMap((l) => [l.id, ...l.clientIds]),
        ...t.noise.shops,
        ...t.noise.incidents.flatMap((i) => i.actorIds),
        ...t.noise.forms.flatMap((f) => f.actorIds),
        ...(t.noise.structures ?? []).flatMap((s) => s.actorIds),
      ];
      for (const id of named) expect(actorIds.has(id), id).to.equal(true);
      const members = t.rings.reduce((n, r) => n + r.actorIds.length, 0);
      expect(t.honestActorCount).to.equal(t.params.actors - members);
    });

    it('plants many kinds of honest look-alike', () => {
      const kinds = new Set((big.truth.noise.structures ?? []).map((s) => s.kind));
      for (const k of [
        'law_firm',
        'legal_aid',
        'hospital_desk',
        'property_manager',
        'workplace_wifi',
        'payroll_account',
        'family',
        'flatmates',
        'outage_crowd',
        'form_text',
        'shop',
        'hotline',
        'school_alumni',
        'community_helper',
        'campus_network',
      ]) {
        expect(kinds.has(k), k).to.equal(true);
      }
    });
  });

  describe('honest structures exist in the records', () => {
    it("law firms' and legal-aid centres' clients file with them as representative", () => {
      const reps = new Map<string, Set<string>>();
      for (const c of complaintsOf(big)) {
        if (c.representativeId === undefined) continue;
        reps.set(c.complainantId, (reps.get(c.complainantId) ?? new Set()).add(c.representativeId));
      }
      expect(big.truth.noise.lawyers.length).to.be.at.least(3);
      for (const l of big.truth.noise.lawyers) {
        for (const client of l.clientIds) expect(reps.get(client)?.has(l.id), client).to.equal(true);
      }
    });

    it('outage crowds file against the institution within hours', () => {
      const outage = complaintsOf(big).filter((c) => c.category === 'outage');
      for (const inc of big.truth.noise.incidents) {
        const crowd = new Set(inc.actorIds);
        for (const day of inc.days) {
          const times = outage
            .filter(
              (c) =>
                c.institution === inc.institution && crowd.has(c.complainantId) && c.filedAt.startsWith(day),
            )
            .map((c) => Date.parse(c.filedAt))
            .sort((a, b) => a - b);
          expect(times.length).to.be.at.least(10);
          const lo = times[Math.floor(times.length * 0.05)] ?? 0;
          const hi = times[Math.floor(times.length * 0.95)] ?? 0;
          expect((hi - lo) / 3_600_000, `${inc.institution} ${day}`).to.be.at.most(10);
        }
      }
    });

    it('workplaces share the office Wi-Fi and are paid from one payroll account', () => {
      const actors = new Map(ofType<ActorRecord>(big, 'actor').map((a) => [a.id, a]));
      const paidFrom = new Map<string, Set<string>>();
      for (const t of ofType<TransferRecord>(big, 'transfer'))
        paidFrom.set(t.from, (paidFrom.get(t.from) ?? new Set()).add(t.to));
      const structures = big.truth.noise.structures ?? [];
      for (const s of structures.filter((x) => x.kind === 'workplace_wifi')) {
        const [, wifi] = (s.handle ?? '').split(/:(.*)/su);
        const people = s.actorIds.map((id) => actors.get(id)).filter((a) => a?.kind === 'person');
        expect(people.length).to.be.at.least(15);
        for (const p of people)
          expect(p?.identifiers?.some((i) => i.kind === 'wifi' && i.value === wifi)).to.equal(true);
      }
      for (const s of structures.filter((x) => x.kind === 'payroll_account')) {
        const paid = paidFrom.get(s.handle ?? '') ?? new Set();
        for (const id of s.actorIds) {
          const a = actors.get(id);
          if (a?.kind !== 'person') continue;
          expect(
            (a.accounts ?? []).some((acc) => paid.has(acc.id)),
            id,
          ).to.equal(true);
        }
      }
    });

    it("hospital desks' phone is the contact on their patients' claims; forms write one text", () => {
      const claims = ofType<ClaimRecord>(big, 'claim');
      for (const s of (big.truth.noise.structures ?? []).filter((x) => x.kind === 'hospital_desk')) {
        const patients = new Set(s.actorIds);
        const via = new Set(
          claims
            .filter((c) => c.contactPhone !== undefined && e164(c.contactPhone) === s.handle)
            .map((c) => c.claimantId),
        );
        expect([...via].every((id) => patients.has(id))).to.equal(true);
        expect(via.size).to.be.at.least((patients.size - 1) / 2);
      }
      for (const f of big.truth.noise.forms) {
        const users = new Set(f.actorIds);
        const viaForm = complaintsOf(big).filter(
          (c) => users.has(c.complainantId) && c.institution === f.institution && c.text?.startsWith('【'),
        );
        expect(new Set(viaForm.map((c) => c.complainantId)).size).to.equal(users.size);
        expect(new Set(viaForm.map((c) => c.text)).size).to.be.at.most(4);
      }
    });

    it('hotlines are written as contact by the customers the truth lists, hundreds of them for the big ones', () => {
      const wrote = new Map<string, Set<string>>();
      for (const c of complaintsOf(big)) {
        if (c.contactPhone === undefined) continue;
        const p = e164(c.contactPhone);
        wrote.set(p, (wrote.get(p) ?? new Set()).add(c.complainantId));
      }
      const hotlines = (big.truth.noise.structures ?? []).filter((s) => s.kind === 'hotline');
      expect(hotlines.map((h) => h.handle).sort()).to.deep.equal(big.truth.noise.hotlines.slice().sort());
      for (const h of hotlines) {
        for (const id of h.actorIds) expect(wrote.get(h.handle ?? '')?.has(id), id).to.equal(true);
      }
      expect(Math.max(...hotlines.map((h) => h.actorIds.length))).to.be.greaterThan(150);
    });

    it('families share a phone', () => {
      const phonesOf = new Map(
        ofType<ActorRecord>(big, 'actor').map((a) => [a.id, new Set((a.phones ?? []).map(e164))]),
      );
      for (const fam of big.truth.noise.families) {
        const [first, ...rest] = fam.map((id) => phonesOf.get(id) ?? new Set<string>());
        const shared = [...(first ?? [])].filter((p) => rest.every((s) => s.has(p)));
        expect(shared.length, fam.join(',')).to.be.at.least(1);
      }
    });
  });

  describe('ingest contract', () => {
    it(
      V2_ACCEPTED
        ? 'every record passes the real ingest validator, v2 fields included'
        : 'every record passes the real ingest validator once the v2 fields are left out (main does not know them yet)',
      () => {
        const records = V2_ACCEPTED ? big.records : big.records.map(withoutV2);
        const result = validate(records);
        expect(result.errors.slice(0, 5)).to.deep.equal([]);
      },
    );

    it('writes the v2 fields in the shape the contract gives', () => {
      let identifiers = 0;
      let named = 0;
      for (const r of big.records) {
        if (r.type === 'actor' && r.identifiers !== undefined) {
          expect(r.identifiers.length).to.be.within(1, 10_000);
          for (const i of r.identifiers) {
            expect(i.kind).to.match(KIND);
            expect(i.value).to.be.a('string').with.length.within(1, 128);
            identifiers++;
          }
        }
        if ((r.type === 'complaint' || r.type === 'claim') && r.namedParties !== undefined) {
          expect(r.namedParties.length).to.be.at.least(1);
          for (const p of r.namedParties) {
            expect(p.kind).to.match(KIND);
            expect(p.value).to.be.a('string').with.length.within(1, 128);
            if (p.kind === 'phone') expect(() => e164(p.value)).to.not.throw();
            named++;
          }
        }
      }
      expect(identifiers).to.be.greaterThan(1_000);
      expect(named).to.be.greaterThan(100);
    });
  });
});
