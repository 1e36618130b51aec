// Behaviour of the synthetic seed world: determinism, referential integrity, planted rings and noise, and its expected counts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { isValidPhoneNumber, parsePhoneNumberWithError } from 'libphonenumber-js';
import { isValidPhoneNumber as isValidWithFullMetadata } from 'libphonenumber-js/max';
import {
  ACCOUNT_KINDS,
  ACTOR_KINDS,
  CLAIM_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  INSTITUTION_TYPES,
  TYPOLOGIES,
} from '../../src/shared/domain.js';
import { generateWorld } from '../../seed/world.generator.js';
import type {
  ActorRecord,
  ComplaintRecord,
  ExpectedCounts,
  World,
  WorldRecord,
} from '../../seed/world.types.js';
import { writeWorld } from '../../seed/world.writer.js';

const parsed = new Map<string, string>();
const e164 = (s: string): string => {
  let n = parsed.get(s);
  if (n === undefined) {
    n = parsePhoneNumberWithError(s, 'CN').number;
    parsed.set(s, n);
  }
  return n;
};
const actorsOf = (w: World): ActorRecord[] => w.records.filter((r): r is ActorRecord => r.type === 'actor');
const PLANTED = TYPOLOGIES.filter((t) => t !== 'unknown');
const ISO_SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** Recounts the graph from the records with its own rules, independent of the generator's countGraph. */
function recount(records: readonly WorldRecord[]): ExpectedCounts {
  const nodes = {
    Actor: new Set<string>(),
    Phone: new Set<string>(),
    Account: new Set<string>(),
    Device: new Set<string>(),
    Institution: new Set<string>(),
  };
  const pairs = { USES_PHONE: new Set<string>(), HOLDS: new Set<string>(), USES_DEVICE: new Set<string>() };
  let complaints = 0;
  let claims = 0;
  let contact = 0;
  let payout = 0;
  let rep = 0;
  let transfers = 0;
  for (const r of records) {
    if (r.type === 'institution') nodes.Institution.add(r.name);
    if (r.type === 'actor') {
      nodes.Actor.add(r.id);
      r.phones?.forEach((p) => {
        nodes.Phone.add(e164(p));
        pairs.USES_PHONE.add(JSON.stringify([r.id, e164(p)]));
      });
      r.accounts?.forEach((a) => {
        nodes.Account.add(a.id);
        pairs.HOLDS.add(JSON.stringify([r.id, a.id]));
      });
      r.devices?.forEach((d) => {
        nodes.Device.add(d);
        pairs.USES_DEVICE.add(JSON.stringify([r.id, d]));
      });
    }
    if (r.type === 'complaint' || r.type === 'claim') {
      if (r.type === 'complaint') {
        complaints++;
        nodes.Institution.add(r.institution);
      } else {
        claims++;
        nodes.Institution.add(r.insurer);
      }
      if (r.contactPhone !== undefined) {
        contact++;
        nodes.Phone.add(e164(r.contactPhone));
      }
      if (r.payoutAccount !== undefined) payout++;
      if (r.representativeId !== undefined) rep++;
    }
    if (r.type === 'transfer') transfers++;
  }
  return {
    nodes: {
      Actor: nodes.Actor.size,
      Phone: nodes.Phone.size,
      Account: nodes.Account.size,
      Device: nodes.Device.size,
      Institution: nodes.Institution.size,
      Complaint: complaints,
      Claim: claims,
    },
    relationships: {
      USES_PHONE: pairs.USES_PHONE.size,
      HOLDS: pairs.HOLDS.size,
      USES_DEVICE: pairs.USES_DEVICE.size,
      FILED: complaints + claims,
      AGAINST: complaints + claims,
      CONTACT: contact,
      PAYOUT_TO: payout,
      REPRESENTED_BY: rep,
      TRANSFERRED: transfers,
    },
  };
}

function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

describe('seed world', function () {
  let small: World;
  let big: World;

  before(function () {
    small = generateWorld({ actors: 2_000, seed: 11 });
    big = generateWorld({ actors: 20_000, seed: 7 });
  });

  describe('determinism', () => {
    it('gives identical records and truth for the same params', () => {
      const again = generateWorld({ actors: 2_000, seed: 11 });
      expect(JSON.stringify(again.records)).to.equal(JSON.stringify(small.records));
      expect(JSON.stringify(again.truth)).to.equal(JSON.stringify(small.truth));
    });

    it('gives a different world for a different seed', () => {
      const other = generateWorld({ actors: 2_000, seed: 12 });
      const ids = new Set(actorsOf(small).map((a) => a.id));
      const shared = actorsOf(other).filter((a) => ids.has(a.id)).length;
      expect(shared).to.be.below(5);
      expect(JSON.stringify(other.truth.rings)).to.not.equal(JSON.stringify(small.truth.rings));
    });

    it('writes byte-identical files for the same params', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ringmap-seed-'));
      try {
        const first = await writeWorld(small, join(dir, 'a'));
        await writeWorld(generateWorld({ actors: 2_000, seed: 11 }), join(dir, 'b'));
        const [a, b] = await Promise.all([
          readFile(first.ndjsonPath),
          readFile(join(dir, 'b', 'world.ndjson')),
        ]);
        expect(a.equals(b)).to.equal(true);
        const lines = a.toString('utf8').trimEnd().split('\n');
        expect(lines).to.have.length(small.records.length);
        expect(JSON.parse(lines[lines.length - 1] ?? '')).to.deep.equal(
          small.records[small.records.length - 1],
        );
        const truth = JSON.parse(await readFile(first.truthPath, 'utf8'));
        expect(truth).to.deep.equal(small.truth);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('rejects worlds too small to hold one ring per typology and bad seeds', () => {
      expect(() => generateWorld({ actors: 100, seed: 1 })).to.throw(RangeError);
      expect(() => generateWorld({ actors: 2_000, seed: -1 })).to.throw(RangeError);
      expect(() => generateWorld({ actors: 2_000.5, seed: 1 })).to.throw(RangeError);
    });
  });

  describe('records', () => {
    for (const [label, world] of [
      ['2,000 actors', () => small],
      ['20,000 actors', () => big],
    ] as const) {
      it(`resolve every reference to an earlier record, in file order (${label})`, () => {
        const w = world();
        // Problems are collected, not asserted one by one: chai per field of 50k records is slow.
        const problems: string[] = [];
        const check = (ok: boolean, what: string) => {
          if (!ok && problems.length < 20) problems.push(what);
        };
        const rank = { institution: 0, actor: 1, complaint: 2, claim: 2, transfer: 3 } as const;
        const categories = new Set<string>(Object.keys(COMPLAINT_CATEGORIES));
        const institutions = new Map<string, string>();
        const actors = new Set<string>();
        const accounts = new Map<string, string>();
        const held = new Map<string, Set<string>>();
        let lastRank = 0;
        let lastFiled = '';
        let lastTransfer = '';
        for (const r of w.records) {
          check(rank[r.type] >= lastRank, `${r.type} after a later type`);
          lastRank = rank[r.type];
          switch (r.type) {
            case 'institution':
              check(INSTITUTION_TYPES.includes(r.institutionType), `institution type ${r.institutionType}`);
              institutions.set(r.name, r.institutionType);
              break;
            case 'actor':
              check(ACTOR_KINDS.includes(r.kind), `actor kind ${r.kind}`);
              check(/^[a-z]+:[\w-]+$/.test(r.source), `source ${r.source}`);
              actors.add(r.id);
              for (const a of r.accounts ?? []) {
                check(ACCOUNT_KINDS.includes(a.kind), `account kind ${a.kind}`);
                check(institutions.has(a.institution ?? ''), `account institution ${a.institution}`);
                // A shared account (joint card, ring pool) must be described the same way by every holder.
                const signature = `${a.kind}|${a.institution}`;
                check((accounts.get(a.id) ?? signature) === signature, `account ${a.id} described two ways`);
                accounts.set(a.id, signature);
                held.set(r.id, (held.get(r.id) ?? new Set()).add(a.id));
              }
              break;
            case 'complaint':
            case 'claim': {
              const filer = r.type === 'complaint' ? r.complainantId : r.claimantId;
              check(actors.has(filer), `${r.id}: filer ${filer}`);
              if (r.representativeId !== undefined) {
                check(actors.has(r.representativeId), `${r.id}: representative ${r.representativeId}`);
                check(r.representativeId !== filer, `${r.id}: represents itself`);
              }
              if (r.payoutAccount !== undefined) check(accounts.has(r.payoutAccount), `${r.id}: payout`);
              check(ISO_SHANGHAI.test(r.filedAt) && r.filedAt >= lastFiled, `${r.id}: filedAt ${r.filedAt}`);
              lastFiled = r.filedAt;
              if (r.type === 'complaint') {
                check(institutions.has(r.institution), `${r.id}: institution ${r.institution}`);
                check(categories.has(r.category), `${r.id}: category ${r.category}`);
                check(r.channel === undefined || COMPLAINT_CHANNELS.includes(r.channel), `${r.id}: channel`);
              } else {
                check(institutions.get(r.insurer) === 'insurer', `${r.id}: insurer ${r.insurer}`);
                check(CLAIM_KINDS.includes(r.kind), `${r.id}: kind ${r.kind}`);
                check(
                  r.policyNumber === undefined || held.get(filer)?.has(r.policyNumber) === true,
                  `${r.id}: policy`,
                );
              }
              break;
            }
            case 'transfer':
              check(accounts.has(r.from) && accounts.has(r.to), `${r.id}: ${r.from} -> ${r.to}`);
              check(r.from !== r.to && r.amount > 0, `${r.id}: self or empty transfer`);
              check(ISO_SHANGHAI.test(r.at) && r.at >= lastTransfer, `${r.id}: at ${r.at}`);
              lastTransfer = r.at;
              break;
          }
        }
        expect(problems).to.deep.equal([]);
        const filings = w.records.filter((r) => r.type === 'complaint' || r.type === 'claim');
        const firstFiled =
          filings[0]?.type === 'complaint' || filings[0]?.type === 'claim' ? filings[0].filedAt : '';
        expect(firstFiled >= '2025-01-01T00:00:00+08:00').to.equal(true);
        expect(lastFiled <= '2026-10-31T23:59:59+08:00').to.equal(true);
        expect(lastTransfer <= '2026-10-31T23:59:59+08:00').to.equal(true);
      });

      it(`has no duplicate record ids (${label})`, () => {
        const w = world();
        for (const type of ['actor', 'complaint', 'claim', 'transfer'] as const) {
          const ids = w.records.flatMap((r) => (r.type === type ? [r.id] : []));
          expect(new Set(ids).size, type).to.equal(ids.length);
        }
        const names = w.records.flatMap((r) => (r.type === 'institution' ? [r.name] : []));
        expect(new Set(names).size).to.equal(names.length);
        expect(actorsOf(w)).to.have.length(w.truth.params.actors);
      });

      it(`expects exactly the counts recomputed from the records (${label})`, () => {
        const w = world();
        expect(w.expectedCounts).to.deep.equal(recount(w.records));
        expect(w.truth.expectedCounts).to.deep.equal(w.expectedCounts);
      });
    }

    it('writes only valid CN phone numbers, in several surface forms of one E.164 number', () => {
      const strings = [
        ...actorsOf(big).flatMap((a) => a.phones ?? []),
        ...big.records.flatMap((r) =>
          (r.type === 'complaint' || r.type === 'claim') && r.contactPhone ? [r.contactPhone] : [],
        ),
      ];
      // Ingest validates with the full metadata, which is stricter than the default bundle.
      const invalid = strings.filter(
        (s) => !isValidPhoneNumber(s, 'CN') || !isValidWithFullMetadata(s, 'CN'),
      );
      expect(invalid).to.deep.equal([]);
      const shapes = new Set(strings.map((s) => s.replace(/\d/g, '9')));
      expect(shapes.size).to.be.at.least(8);
      const formsByNumber = new Map<string, Set<string>>();
      for (const s of strings) formsByNumber.set(e164(s), (formsByNumber.get(e164(s)) ?? new Set()).add(s));
      const multiForm = [...formsByNumber.values()].filter((f) => f.size > 1).length;
      expect(multiForm, 'numbers written in more than one form').to.be.above(500);
      for (const n of formsByNumber.keys()) expect(n).to.match(/^\+86\d{10,11}$/);
    });

    it('gives 18-character resident IDs with a valid MOD 11-2 check and a real birth date', () => {
      const ids = actorsOf(big).flatMap((a) => (a.idNumber === undefined ? [] : [a.idNumber]));
      expect(ids.length).to.be.above(15_000);
      expect(ids.filter((id) => !idNumberValid(id))).to.deep.equal([]);
      expect(new Set(ids).size).to.equal(ids.length);
    });

    it('uses ~60 institutions of every type, each with at least one complaint or claim', () => {
      const inst = big.records.flatMap((r) => (r.type === 'institution' ? [r] : []));
      expect(inst.length).to.be.within(55, 70);
      expect(new Set(inst.map((i) => i.institutionType))).to.have.all.keys(...INSTITUTION_TYPES);
      const targeted = new Set(
        big.records.flatMap((r) =>
          r.type === 'complaint' ? [r.institution] : r.type === 'claim' ? [r.insurer] : [],
        ),
      );
      expect(inst.filter((i) => !targeted.has(i.name)).map((i) => i.name)).to.deep.equal([]);
    });

    it('keeps honest complaint texts essentially unique', () => {
      const ringIds = new Set(big.truth.rings.flatMap((r) => r.actorIds));
      const texts = big.records.flatMap((r) =>
        r.type === 'complaint' &&
        r.text !== undefined &&
        !ringIds.has(r.complainantId) &&
        r.category !== 'collection_harassment'
          ? [r.text]
          : [],
      );
      expect(texts.length).to.be.above(10_000);
      expect(new Set(texts).size / texts.length).to.be.above(0.97);
    });
  });

  describe('truth', () => {
    it('plants every typology, ~1 ring per 400 actors, sized 4–60 with some large ones', () => {
      for (const w of [small, big]) {
        expect(new Set(w.truth.rings.map((r) => r.typology))).to.have.all.keys(...PLANTED);
        for (const r of w.truth.rings) {
          // a surrender agent's coached clients are planted with its ring and listed as its victims
          const planted = r.actorIds.length + (r.typology === 'surrender_agent' ? r.victimIds.length : 0);
          expect(planted, r.id).to.be.within(4, 60);
          expect(r.organizerIds.length).to.be.at.least(1);
          for (const o of r.organizerIds) expect(r.actorIds).to.include(o);
        }
      }
      // ~1 identifier ring per 400 actors plus ~1 coordination ring per 2,000 (at least 2)
      const bySignature = (w: World, signature: string) =>
        w.truth.rings.filter((r) => r.signature === signature);
      expect(bySignature(small, 'identifier')).to.have.length(6);
      expect(bySignature(small, 'coordination')).to.have.length(2);
      expect(bySignature(big, 'identifier')).to.have.length(50);
      expect(bySignature(big, 'coordination')).to.have.length(10);
      expect(big.truth.rings).to.have.length(60);
      expect(big.truth.rings.filter((r) => r.actorIds.length > 30).length).to.be.at.least(2);
      expect(big.truth.rings.map((r) => r.id)).to.deep.equal(
        big.truth.rings.map((_, i) => `T-${String(i + 1).padStart(3, '0')}`),
      );
    });

    it('keeps ring members disjoint across rings and from every noise group and victim', () => {
      for (const w of [small, big]) {
        const members = w.truth.rings.flatMap((r) => r.actorIds);
        expect(new Set(members).size).to.equal(members.length);
        const ring = new Set(members);
        const noise = [
          ...w.truth.noise.families.flat(),
          ...w.truth.noise.lawyers.flatMap((l) => [l.id, ...l.clientIds]),
          ...w.truth.noise.shops,
          ...w.truth.noise.incidents.flatMap((i) => i.actorIds),
          ...w.truth.rings.flatMap((r) => r.victimIds),
        ];
        expect(noise.filter((id) => ring.has(id))).to.deep.equal([]);
        const all = new Set(actorsOf(w).map((a) => a.id));
        expect([...ring, ...noise].filter((id) => !all.has(id))).to.deep.equal([]);
      }
    });

    it('leaves at least 90% of actors honest', () => {
      for (const w of [small, big]) {
        const ring = new Set(w.truth.rings.flatMap((r) => r.actorIds));
        expect(w.truth.honestActorCount).to.equal(w.truth.params.actors - ring.size);
        expect(w.truth.honestActorCount / w.truth.params.actors).to.be.at.least(0.9);
      }
    });

    it('records families that share a home phone, and hotlines on hundreds of complaints each', () => {
      const byId = new Map(actorsOf(big).map((a) => [a.id, a]));
      expect(big.truth.noise.families.length).to.be.above(100);
      for (const family of big.truth.noise.families) {
        expect(family.length).to.be.within(2, 5);
        const phoneSets = family.map((id) => new Set((byId.get(id)?.phones ?? []).map(e164)));
        const common = [...(phoneSets[0] ?? [])].filter((p) => phoneSets.every((s) => s.has(p)));
        expect(common, `family ${family.join(',')}`).to.have.length.at.least(1);
      }
      const hotlines = big.truth.noise.hotlines;
      expect(hotlines.length).to.be.within(3, 5);
      const held = new Set(actorsOf(big).flatMap((a) => (a.phones ?? []).map(e164)));
      const uses = new Map(hotlines.map((h) => [h, 0]));
      for (const r of big.records) {
        if (r.type !== 'complaint' || r.contactPhone === undefined) continue;
        const n = e164(r.contactPhone);
        if (uses.has(n)) uses.set(n, (uses.get(n) ?? 0) + 1);
      }
      for (const [h, n] of uses) {
        expect(held.has(h), `hotline ${h} is nobody's phone`).to.equal(false);
        expect(n, `complaints with hotline ${h}`).to.be.at.least(500);
      }
    });

    it('records lawyers who each represent 8–40 clients with their own phones', () => {
      const byId = new Map(actorsOf(big).map((a) => [a.id, a]));
      expect(big.truth.noise.lawyers.length).to.be.at.least(10);
      for (const l of big.truth.noise.lawyers) {
        expect(['organization', 'agent']).to.include(byId.get(l.id)?.kind);
        expect(l.clientIds.length).to.be.within(8, 40);
        const represented = big.records.filter((r) => r.type === 'complaint' && r.representativeId === l.id);
        const clients = new Set(l.clientIds);
        expect(represented.every((r) => r.type === 'complaint' && clients.has(r.complainantId))).to.equal(
          true,
        );
        const lawyerPhones = new Set((byId.get(l.id)?.phones ?? []).map(e164));
        for (const r of represented) {
          if (r.type === 'complaint' && r.contactPhone !== undefined) {
            expect(lawyerPhones.has(e164(r.contactPhone))).to.equal(false);
          }
        }
      }
    });
  });

  describe('ring signatures', () => {
    const ringsOf = (w: World, typology: string) =>
      w.truth.rings.filter((r) => r.typology === typology && r.signature === 'identifier');
    const phonesOf = (w: World) =>
      new Map(actorsOf(w).map((a) => [a.id, new Set((a.phones ?? []).map(e164))]));
    const accountsOf = (w: World) =>
      new Map(actorsOf(w).map((a) => [a.id, new Set((a.accounts ?? []).map((x) => x.id))]));

    it('complaint mills: members file fee/service complaints mostly with an organizer phone, and pay the organizer', () => {
      const phones = phonesOf(big);
      const accounts = accountsOf(big);
      const complaintsBy = new Map<string, ComplaintRecord[]>();
      for (const r of big.records) {
        if (r.type === 'complaint')
          complaintsBy.set(r.complainantId, [...(complaintsBy.get(r.complainantId) ?? []), r]);
      }
      let clients = 0;
      let payingClients = 0;
      let filings = 0;
      let viaOrganizer = 0;
      for (const ring of ringsOf(big, 'complaint_mill')) {
        const orgPhones = new Set(ring.organizerIds.flatMap((o) => [...(phones.get(o) ?? [])]));
        const orgAccounts = new Set(ring.organizerIds.flatMap((o) => [...(accounts.get(o) ?? [])]));
        const payers = new Set(
          big.records.flatMap((r) => (r.type === 'transfer' && orgAccounts.has(r.to) ? [r.from] : [])),
        );
        for (const c of ring.actorIds.filter((id) => !ring.organizerIds.includes(id))) {
          const own = (complaintsBy.get(c) ?? []).filter(
            (r) => r.category === 'fee_refund' || r.category === 'service_quality',
          );
          expect(own.length, `client ${c}`).to.be.within(1, 4);
          filings += own.length;
          viaOrganizer += own.filter(
            (r) => r.contactPhone !== undefined && orgPhones.has(e164(r.contactPhone)),
          ).length;
          clients++;
          if ([...(accounts.get(c) ?? [])].some((a) => payers.has(a))) payingClients++;
        }
      }
      expect(viaOrganizer / filings).to.be.within(0.6, 0.97);
      expect(payingClients / clients).to.be.within(0.5, 0.95);
    });

    it('surrender agents: most surrenders pay out to an agent account, or are followed by a commission', () => {
      const accounts = accountsOf(big);
      let surrenders = 0;
      let toAgent = 0;
      for (const ring of ringsOf(big, 'surrender_agent')) {
        const agentAccounts = new Set(ring.organizerIds.flatMap((o) => [...(accounts.get(o) ?? [])]));
        const members = new Set(ring.actorIds);
        for (const r of big.records) {
          if (r.type !== 'claim' || r.kind !== 'surrender' || !members.has(r.claimantId)) continue;
          surrenders++;
          if (r.payoutAccount !== undefined && agentAccounts.has(r.payoutAccount)) toAgent++;
        }
        const commissions = big.records.filter((r) => r.type === 'transfer' && agentAccounts.has(r.to));
        const payouts = big.records.filter((r) => r.type === 'transfer' && agentAccounts.has(r.from));
        expect(commissions.length + payouts.length, ring.id).to.be.at.least(
          ring.actorIds.length - ring.organizerIds.length,
        );
      }
      expect(surrenders).to.be.above(20);
      expect(toAgent / surrenders).to.be.within(0.5, 0.95);
    });

    it('debt collectors each share 1–4 gang phones with another collector; debtors are victims', () => {
      for (const w of [small, big]) {
        const phones = phonesOf(w);
        for (const ring of ringsOf(w, 'debt_collection')) {
          const collectors = ring.actorIds.filter((id) => !ring.organizerIds.includes(id));
          for (const c of collectors) {
            const sharedWithCrew = [...(phones.get(c) ?? [])].filter((p) =>
              collectors.some((o) => o !== c && (phones.get(o)?.has(p) ?? false)),
            );
            expect(sharedWithCrew.length, `collector ${c}`).to.be.within(1, 4);
          }
          expect(ring.victimIds.length).to.be.at.least(5);
          const victims = new Set(ring.victimIds);
          const harassment = w.records.filter(
            (r) =>
              r.type === 'complaint' &&
              victims.has(r.complainantId) &&
              r.category === 'collection_harassment',
          );
          expect(harassment.length).to.be.at.least(ring.victimIds.length);
        }
      }
    });

    it('stock-tips operators share devices and pay into the organizer collection accounts', () => {
      const devices = new Map(actorsOf(big).map((a) => [a.id, new Set(a.devices ?? [])]));
      const accounts = accountsOf(big);
      for (const ring of ringsOf(big, 'stock_tips')) {
        const operators = ring.actorIds.filter((id) => !ring.organizerIds.includes(id));
        for (const op of operators) {
          const shares = [...(devices.get(op) ?? [])].some((d) =>
            operators.some((o) => o !== op && devices.get(o)?.has(d)),
          );
          if (operators.length > 1) expect(shares, `operator ${op}`).to.equal(true);
        }
        const collection = new Set(ring.organizerIds.flatMap((o) => [...(accounts.get(o) ?? [])]));
        const payers = new Set(
          big.records.flatMap((r) => (r.type === 'transfer' && collection.has(r.to) ? [r.from] : [])),
        );
        for (const op of operators) {
          expect(
            [...(accounts.get(op) ?? [])].some((a) => payers.has(a)),
            `operator ${op} pays in`,
          ).to.equal(true);
        }
      }
    });

    it('loan mediation and credit repair complaints point at their agents', () => {
      const phones = phonesOf(big);
      for (const [typology, category] of [
        ['loan_mediation', 'debt_negotiation'],
        ['credit_repair', 'credit_report'],
      ] as const) {
        let total = 0;
        let linked = 0;
        for (const ring of ringsOf(big, typology)) {
          const agents = new Set(ring.organizerIds);
          const agentPhones = new Set(ring.organizerIds.flatMap((o) => [...(phones.get(o) ?? [])]));
          const members = new Set(ring.actorIds);
          for (const r of big.records) {
            if (r.type !== 'complaint' || r.category !== category || !members.has(r.complainantId)) continue;
            total++;
            const viaRep = r.representativeId !== undefined && agents.has(r.representativeId);
            const viaPhone = r.contactPhone !== undefined && agentPhones.has(e164(r.contactPhone));
            if (viaRep || viaPhone) linked++;
          }
        }
        expect(total, typology).to.be.above(10);
        expect(linked / total, typology).to.be.above(0.6);
      }
    });
  });

  describe('coordination rings and their honest look-alikes', () => {
    const coordination = (w: World) => w.truth.rings.filter((r) => r.signature === 'coordination');
    const complaintsOf = (w: World) => w.records.filter((r): r is ComplaintRecord => r.type === 'complaint');

    it('share no identifier: own phones, accounts and devices, no representative, no foreign contact or payout', () => {
      for (const w of [small, big]) {
        const byId = new Map(actorsOf(w).map((a) => [a.id, a]));
        const owners = new Map<string, Set<string>>();
        for (const a of actorsOf(w)) {
          const keys = [
            ...(a.phones ?? []).map((p) => `p:${e164(p)}`),
            ...(a.accounts ?? []).map((x) => `a:${x.id}`),
            ...(a.devices ?? []).map((d) => `d:${d}`),
          ];
          for (const k of keys) owners.set(k, (owners.get(k) ?? new Set()).add(a.id));
        }
        for (const ring of coordination(w)) {
          const members = new Set(ring.actorIds);
          for (const id of ring.actorIds) {
            const a = byId.get(id)!;
            const keys = [
              ...(a.phones ?? []).map((p) => `p:${e164(p)}`),
              ...(a.accounts ?? []).map((x) => `a:${x.id}`),
              ...(a.devices ?? []).map((d) => `d:${d}`),
            ];
            for (const k of keys)
              expect([...(owners.get(k) ?? [])], `${ring.id} ${id} ${k}`).to.deep.equal([id]);
          }
          for (const r of w.records) {
            if (
              (r.type !== 'complaint' && r.type !== 'claim') ||
              !members.has(r.type === 'complaint' ? r.complainantId : r.claimantId)
            )
              continue;
            const filer = byId.get(r.type === 'complaint' ? r.complainantId : r.claimantId)!;
            expect(r.representativeId, r.id).to.equal(undefined);
            // their everyday complaints may give an institution's hotline, like everyone's
            if (r.contactPhone !== undefined && !w.truth.noise.hotlines.includes(e164(r.contactPhone)))
              expect((filer.phones ?? []).map(e164), r.id).to.include(e164(r.contactPhone));
            if (r.payoutAccount !== undefined)
              expect(
                (filer.accounts ?? []).map((x) => x.id),
                r.id,
              ).to.include(r.payoutAccount);
          }
          for (const o of ring.organizerIds) {
            expect(
              w.records.some((r) => r.type === 'complaint' && r.complainantId === o),
              `organizer ${o} files nothing`,
            ).to.equal(false);
          }
        }
      }
    });

    it('file disguised copies of one template, in sessions against the same institutions, and pay a few accounts', () => {
      const accounts = new Map(
        actorsOf(big).map((a) => [a.id, new Set((a.accounts ?? []).map((x) => x.id))]),
      );
      const complaints = complaintsOf(big);
      for (const ring of coordination(big)) {
        const clients = ring.actorIds.filter((id) => !ring.organizerIds.includes(id));
        const own = complaints.filter((c) => clients.includes(c.complainantId) && c.text !== undefined);
        const texts = own.map((c) => c.text!);
        // never pasted verbatim by everyone: exact matching would miss them
        expect(new Set(texts).size / texts.length, ring.id).to.be.above(0.9);
        // lockstep: most clients file within 2 hours of another client against the same institution on ≥ 2 days
        const sessions = new Map<string, Set<string>>();
        for (const c of own) {
          const t = Date.parse(c.filedAt);
          for (const d of own) {
            if (d.complainantId === c.complainantId || d.institution !== c.institution) continue;
            if (Math.abs(Date.parse(d.filedAt) - t) > 2 * 3600_000) continue;
            sessions.set(
              c.complainantId,
              (sessions.get(c.complainantId) ?? new Set()).add(c.filedAt.slice(0, 10)),
            );
          }
        }
        const lockstep = clients.filter((c) => (sessions.get(c)?.size ?? 0) >= 2).length;
        expect(lockstep / clients.length, ring.id).to.be.at.least(0.7);
        const collection = new Set(ring.organizerIds.flatMap((o) => [...(accounts.get(o) ?? [])]));
        expect(collection.size).to.be.within(1, 3);
        const payers = new Set(
          big.records.flatMap((r) => (r.type === 'transfer' && collection.has(r.to) ? [r.from] : [])),
        );
        const paying = clients.filter((c) => [...(accounts.get(c) ?? [])].some((a) => payers.has(a))).length;
        expect(paying / clients.length, ring.id).to.be.at.least(0.5);
      }
      const disguised = complaints.filter(
        (c) =>
          c.text !== undefined &&
          coordination(big).some((r) => r.actorIds.includes(c.complainantId)) &&
          /[０-９]|[於費違規]|[葆韦骰溯]/u.test(c.text),
      );
      expect(disguised.length).to.be.above(20);
    });

    it('records incident crowds of 120+ honest consumers filing against one institution within hours', () => {
      for (const w of [small, big]) {
        const ringActors = new Set(w.truth.rings.flatMap((r) => r.actorIds));
        expect(w.truth.noise.incidents.length).to.be.at.least(2);
        for (const incident of w.truth.noise.incidents) {
          expect(incident.actorIds.filter((id) => ringActors.has(id))).to.deep.equal([]);
          const crowd = new Set(incident.actorIds);
          for (const day of incident.days) {
            const filed = complaintsOf(w).filter(
              (c) =>
                crowd.has(c.complainantId) &&
                c.institution === incident.institution &&
                c.filedAt.startsWith(day),
            );
            expect(filed.length, `${incident.institution} ${day}`).to.be.at.least(120);
            const texts = filed.flatMap((c) => (c.text === undefined ? [] : [c.text]));
            expect(new Set(texts).size / texts.length).to.be.above(0.95);
          }
        }
      }
    });

    it('records bank forms whose standard text hundreds of customers file', () => {
      const forms = big.truth.noise.forms;
      expect(forms.length).to.be.at.least(1);
      expect(Math.max(...forms.map((f) => f.actorIds.length))).to.be.above(100);
    });
  });
});
