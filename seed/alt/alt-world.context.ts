// The second world under construction: actors, filings and transfers as drafts, with unique ids, phones and accounts.
import type { AccountKind, ActorKind, KnownCategory } from '../../src/shared/domain.js';
import { formatShanghai } from '../clock.js';
import { IdFactory } from '../identifiers.js';
import { BANKS, INSTITUTIONS, type InstitutionSpec } from '../institutions.js';
import { personName } from '../names.js';
import { PhoneBook, surfaceForm } from '../phones.js';
import type { Rng } from '../rng.js';
import type {
  ClaimRecord,
  ComplaintChannel,
  ComplaintRecord,
  IdentifierEntry,
  NamedParty,
  TransferRecord,
} from '../world.types.js';

export interface AltAccount {
  id: string;
  kind: AccountKind;
  institution: string;
}

export interface AltActor {
  id: string;
  kind: ActorKind;
  name: string;
  idNumber?: string;
  /** Canonical E.164; written in a fresh surface form on the actor record. */
  phones: string[];
  accounts: AltAccount[];
  devices: string[];
  identifiers: IdentifierEntry[];
  source: string;
}

export interface Timed<R> {
  at: number;
  record: R;
}

export interface ComplaintDraft {
  at: number;
  by: AltActor;
  institution: InstitutionSpec;
  category: KnownCategory;
  channel?: ComplaintChannel;
  /** E.164; written in a surface form drawn here. */
  contactPhone?: string;
  payoutAccount?: string;
  representative?: AltActor;
  text?: string;
  amount?: number;
  namedParties?: NamedParty[];
  source: string;
}

export interface ClaimDraft {
  at: number;
  by: AltActor;
  insurer: InstitutionSpec;
  kind: 'claim' | 'surrender';
  policyNumber?: string;
  contactPhone?: string;
  payoutAccount?: string;
  representative?: AltActor;
  amount?: number;
  namedParties?: NamedParty[];
  source: string;
}

/** Telecom and platform feeds that report who uses a number or an identifier. */
const ACTOR_SOURCES = [
  'telecom:CMCC',
  'telecom:CUCC',
  'telecom:CTCC',
  'platform:WECHAT',
  'platform:ALIPAY',
  'bank:ICBC',
  'bank:CCB',
  'bank:CMB',
];

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class AltWorld {
  readonly ids: IdFactory;
  readonly phones = new PhoneBook();
  readonly actors: AltActor[] = [];
  readonly complaints: Timed<ComplaintRecord>[] = [];
  readonly claims: Timed<ClaimRecord>[] = [];
  readonly transfers: Timed<TransferRecord>[] = [];
  readonly #used = new Set<string>();
  readonly #rng: Rng;

  constructor(rng: Rng) {
    this.#rng = rng;
    this.ids = new IdFactory(rng);
  }

  /** Opaque record ids in this generator's own format (`u7k2m…`), unique across kinds. */
  newId(prefix: string, length = 11): string {
    for (;;) {
      let s = prefix;
      for (let i = 0; i < length; i++) s += ID_ALPHABET[this.#rng.int(0, ID_ALPHABET.length - 1)];
      if (!this.#used.has(s)) {
        this.#used.add(s);
        return s;
      }
    }
  }

  /** A private person with a mobile, a bank card, often a payment account and a phone handset. */
  person(r: Rng, opts: { surname?: string; source?: string } = {}): AltActor {
    const a: AltActor = {
      id: this.newId('u'),
      kind: 'person',
      name: personName(r, opts.surname),
      idNumber: this.ids.residentId(),
      phones: [this.phones.mobile(r)],
      accounts: [],
      devices: [],
      identifiers: [],
      source: opts.source ?? r.pick(ACTOR_SOURCES),
    };
    if (r.chance(0.12)) a.phones.push(this.phones.mobile(r));
    this.bankCard(r, a);
    if (r.chance(0.55)) this.paymentAccount(r, a);
    if (r.chance(0.35)) a.devices.push(this.ids.device());
    this.actors.push(a);
    return a;
  }

  /** A company, firm, hospital or office: unified social credit code, a landline, a corporate bank account. */
  organization(r: Rng, name: string, areaCode: string, source = 'registry:SAMR'): AltActor {
    const a: AltActor = {
      id: this.newId('o'),
      kind: 'organization',
      name,
      idNumber: `91${r.digits(6)}${r.alnum(9).toUpperCase()}${r.int(0, 9)}`,
      phones: [this.phones.landline(r, areaCode)],
      accounts: [],
      devices: [],
      identifiers: [],
      source,
    };
    this.bankCard(r, a);
    this.actors.push(a);
    return a;
  }

  /** An agent: a person acting for others (lawyer, mediator, insurance agent), recorded as such by a feed. */
  agent(r: Rng, source = 'regulator:NFRA-12378'): AltActor {
    const a = this.person(r, { source });
    a.kind = 'agent';
    return a;
  }

  bankCard(r: Rng, a: AltActor, bank?: InstitutionSpec): AltAccount {
    const b = bank ?? r.pick(BANKS);
    const card = b.card ?? { bin: '622202', length: 19 as const };
    const acc: AltAccount = {
      id: this.ids.bankCard(card.bin, card.length),
      kind: 'bank',
      institution: b.name,
    };
    a.accounts.push(acc);
    return acc;
  }

  paymentAccount(r: Rng, a: AltActor): AltAccount {
    const alipay = r.chance(0.55);
    const acc: AltAccount = alipay
      ? { id: this.ids.alipayId(), kind: 'payment', institution: '支付宝（中国）网络技术有限公司' }
      : { id: this.ids.tenpayId(), kind: 'payment', institution: '财付通支付科技有限公司' };
    a.accounts.push(acc);
    return acc;
  }

  /** The account a person pays from: a payment wallet when they have one, mostly. */
  spendingAccount(r: Rng, a: AltActor): AltAccount {
    const wallets = a.accounts.filter((x) => x.kind === 'payment');
    if (wallets.length > 0 && r.chance(0.6)) return r.pick(wallets);
    return this.cardOf(a);
  }

  cardOf(a: AltActor): AltAccount {
    const card = a.accounts.find((x) => x.kind === 'bank') ?? a.accounts[0];
    if (card === undefined) throw new Error(`internal: actor ${a.id} holds no account`);
    return card;
  }

  addIdentifier(a: AltActor, kind: string, value: string): void {
    if (!a.identifiers.some((i) => i.kind === kind && i.value === value)) a.identifiers.push({ kind, value });
  }

  complaint(d: ComplaintDraft): ComplaintRecord {
    const r = this.#rng;
    const record: ComplaintRecord = {
      type: 'complaint',
      id: this.newId('c', 12),
      filedAt: formatShanghai(d.at),
      complainantId: d.by.id,
      institution: d.institution.name,
      category: d.category,
      ...(d.channel === undefined ? {} : { channel: d.channel }),
      ...(d.contactPhone === undefined ? {} : { contactPhone: surfaceForm(r, d.contactPhone) }),
      ...(d.payoutAccount === undefined ? {} : { payoutAccount: d.payoutAccount }),
      ...(d.representative === undefined ? {} : { representativeId: d.representative.id }),
      ...(d.text === undefined ? {} : { text: d.text }),
      ...(d.amount === undefined ? {} : { amount: d.amount }),
      ...(d.namedParties === undefined || d.namedParties.length === 0
        ? {}
        : { namedParties: d.namedParties }),
      source: d.source,
    };
    this.complaints.push({ at: d.at, record });
    return record;
  }

  claim(d: ClaimDraft): ClaimRecord {
    const r = this.#rng;
    const record: ClaimRecord = {
      type: 'claim',
      id: this.newId('m', 12),
      filedAt: formatShanghai(d.at),
      claimantId: d.by.id,
      insurer: d.insurer.name,
      kind: d.kind,
      ...(d.policyNumber === undefined ? {} : { policyNumber: d.policyNumber }),
      ...(d.contactPhone === undefined ? {} : { contactPhone: surfaceForm(r, d.contactPhone) }),
      ...(d.payoutAccount === undefined ? {} : { payoutAccount: d.payoutAccount }),
      ...(d.representative === undefined ? {} : { representativeId: d.representative.id }),
      ...(d.amount === undefined ? {} : { amount: d.amount }),
      ...(d.namedParties === undefined || d.namedParties.length === 0
        ? {}
        : { namedParties: d.namedParties }),
      source: d.source,
    };
    this.claims.push({ at: d.at, record });
    return record;
  }

  transfer(from: AltAccount, to: AltAccount, amount: number, at: number, source?: string): void {
    if (from.id === to.id) return;
    const record: TransferRecord = {
      type: 'transfer',
      id: this.newId('t', 12),
      from: from.id,
      to: to.id,
      amount: Math.round(amount * 100) / 100,
      at: formatShanghai(at),
      source: source ?? sourceOfAccount(from),
    };
    this.transfers.push({ at, record });
  }

  /** A phone named in a filing, written as the complainant saw it. */
  namedPhone(e164: string, name?: string): NamedParty {
    return { kind: 'phone', value: surfaceForm(this.#rng, e164), ...(name === undefined ? {} : { name }) };
  }
}

const BY_NAME = new Map(INSTITUTIONS.map((i) => [i.name, i]));

/** Transfers are reported by the paying side's institution. */
function sourceOfAccount(acc: AltAccount): string {
  const inst = BY_NAME.get(acc.institution);
  if (inst === undefined) return 'bank:UNKNOWN';
  return inst.institutionType === 'bank' ? `bank:${inst.code}` : `platform:${inst.code}`;
}
