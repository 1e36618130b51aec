// Honest representatives of many unrelated people: law firms, legal-aid centres and community helpers.
import type { KnownCategory } from '../../src/shared/domain.js';
import { chineseDate, clampToSpan, DAY, momentOnDay, SPAN_DAYS } from '../clock.js';
import { BANKS, INSURERS, LENDERS, type InstitutionSpec } from '../institutions.js';
import { lawFirmName } from '../names.js';
import { LANDLINE_AREAS } from '../phones.js';
import type { Rng } from '../rng.js';
import { shortInstitutionName } from '../texts.js';
import type { AltActor, AltWorld } from './alt-world.context.js';
import { ownWords, representedText } from './alt-texts.js';
import { heavySize, type People, type StructureLedger } from './honest-kit.js';
import { phoneInText } from './handles.js';
import { channelOf, complaintSource } from './ring-kit.js';

const CASE_CATEGORIES: readonly (readonly [KnownCategory, number])[] = [
  ['insurance_mis_selling', 3],
  ['fee_refund', 2],
  ['debt_negotiation', 2],
  ['credit_report', 2],
  ['collection_harassment', 1],
  ['investment_advice', 2],
  ['account_issue', 1],
];

const institutionFor = (r: Rng, c: KnownCategory): InstitutionSpec =>
  c === 'insurance_mis_selling'
    ? r.pick(INSURERS)
    : c === 'debt_negotiation' || c === 'collection_harassment'
      ? r.pick(LENDERS)
      : r.pick([...BANKS, ...LENDERS]);

export interface Representation {
  representative: AltActor;
  clients: AltActor[];
}

/**
 * Law firms: the firm (organization), 1–4 lawyers (agents), and 12–150 unrelated clients taken on over 3–15
 * months. Each client's case is its own: own facts in its own words, its own institution and category, filed once
 * or twice with the lawyer (or the firm) as representative and the firm's landline as contact; the client pays a
 * normal legal fee to the firm's own account, once. Nothing flows back.
 */
export function plantLawFirms(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): Representation[] {
  const out: Representation[] = [];
  for (let f = 0; f < count; f++) {
    const firm = w.organization(r, lawFirmName(r), r.pick(LANDLINE_AREAS), 'registry:MOJ');
    const lawyers: AltActor[] = [];
    for (let i = r.int(1, 4); i > 0; i--) lawyers.push(w.agent(r, 'registry:MOJ'));
    const clients = people.take(heavySize(r, 12, 150));
    const first = r.int(0, SPAN_DAYS - 120);
    const span = r.int(90, Math.min(450, SPAN_DAYS - first - 1));
    const byRep = new Map<AltActor, AltActor[]>();
    for (const c of clients) {
      const lawyer = r.pick(lawyers);
      const rep = r.chance(0.8) ? lawyer : firm;
      byRep.set(rep, [...(byRep.get(rep) ?? []), c]);
      fileRepresented(w, r, c, rep, firm, lawyer, first, span, 'law_firm');
      w.transfer(
        w.spendingAccount(r, c),
        w.cardOf(firm),
        r.int(20, 300) * 100,
        momentOnDay(r, first + r.int(0, span)),
      );
    }
    for (const [rep, cs] of byRep) out.push({ representative: rep, clients: cs });
    ledger.add(
      'law_firm',
      [firm, ...lawyers, ...clients],
      'many unrelated clients, each complaint written individually, spread over months, one legal fee each',
      firm.id,
    );
  }
  return out;
}

/**
 * Legal-aid centres: a public centre (organization) and its staff (agents) help 20–200 low-income debtors and
 * policyholders over a year, free of charge; the centre is the representative and its landline the contact.
 */
export function plantLegalAid(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): Representation[] {
  const out: Representation[] = [];
  for (let f = 0; f < count; f++) {
    const city = r.pick(['朝阳区', '浦东新区', '天河区', '武侯区', '江汉区', '雨花区', '历下区', '鼓楼区']);
    const centre = w.organization(r, `${city}法律援助中心`, r.pick(LANDLINE_AREAS), 'registry:MOJ');
    const staff: AltActor[] = [];
    for (let i = r.int(1, 3); i > 0; i--) staff.push(w.agent(r, 'registry:MOJ'));
    const clients = people.take(heavySize(r, 20, 200));
    const first = r.int(0, SPAN_DAYS - 200);
    const span = r.int(180, Math.min(500, SPAN_DAYS - first - 1));
    for (const c of clients)
      fileRepresented(w, r, c, centre, centre, r.pick(staff), first, span, 'legal_aid');
    out.push({ representative: centre, clients });
    ledger.add(
      'legal_aid',
      [centre, ...staff, ...clients],
      'free legal aid for unrelated people over a year',
      centre.id,
    );
  }
  return out;
}

/**
 * Community helpers: a neighbourhood committee clerk or a grown-up child who files for 6–30 elderly neighbours or
 * relatives, writing their own mobile as the contact; each complaint is the neighbour's own story, over months.
 */
export function plantCommunityHelpers(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let f = 0; f < count; f++) {
    const [helper] = people.take(1);
    if (helper === undefined) return;
    const elders = people.take(r.int(6, 30));
    const phone = helper.phones[0] ?? '';
    const first = r.int(0, SPAN_DAYS - 200);
    for (const e of elders) {
      const category = r.weighted(CASE_CATEGORIES);
      const inst = institutionFor(r, category);
      const at = momentOnDay(r, first + r.int(0, 190));
      const source = complaintSource(r, inst);
      const text =
        `${r.pick(['代老人反映：', '帮邻居', '替我母亲', '社区代为登记：'])}` +
        ownWords(r, category, {
          inst: shortInstitutionName(inst.name),
          date: chineseDate(at),
          amount: String(r.int(5, 300) * 100),
        }) +
        (r.chance(0.3) ? `联系人电话${phoneInText(r, phone)}` : '');
      w.complaint({
        at,
        by: e,
        institution: inst,
        category,
        channel: channelOf(r, source),
        contactPhone: phone,
        text,
        source,
      });
    }
    ledger.add(
      'community_helper',
      [helper, ...elders],
      'a neighbour or relative filing for elderly people with their own phone as contact; no fees',
      phone,
    );
  }
}

function fileRepresented(
  w: AltWorld,
  r: Rng,
  client: AltActor,
  rep: AltActor,
  office: AltActor,
  person: AltActor,
  first: number,
  span: number,
  kind: 'law_firm' | 'legal_aid',
): void {
  const category =
    kind === 'legal_aid'
      ? r.pick(['debt_negotiation', 'collection_harassment', 'insurance_mis_selling'] as const)
      : r.weighted(CASE_CATEGORIES);
  const inst = institutionFor(r, category);
  const filings = r.chance(0.25) ? 2 : 1;
  let at = momentOnDay(r, first + r.int(0, span));
  for (let i = 0; i < filings; i++) {
    const source = complaintSource(r, inst);
    const personalMobile = person.phones[0] ?? '';
    w.complaint({
      at,
      by: client,
      institution: inst,
      category,
      channel: channelOf(r, source),
      contactPhone: r.chance(0.8) ? (office.phones[0] ?? personalMobile) : personalMobile,
      representative: rep,
      text: representedText(r, kind, category, {
        inst: shortInstitutionName(inst.name),
        date: chineseDate(at),
        amount: String(r.int(10, 2000) * 100),
        name: client.name,
        lawyer: person.name,
        firm: office.name,
        phone: phoneInText(r, personalMobile),
      }),
      amount: r.int(10, 2000) * 100,
      source,
    });
    at = clampToSpan(at + r.int(20, 60) * DAY);
  }
}
