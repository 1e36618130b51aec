// Mutable drafts of the world while it is built (actors, filings, transfers) and the helpers that create them consistently.
import type { AccountKind, ActorKind, ClaimKind, KnownCategory } from '../src/shared/domain.js';
import { formatShanghai } from './clock.js';
import { IdFactory } from './identifiers.js';
import {
  ALIPAY,
  BANKS,
  COMPLAINT_PLATFORM_SOURCE,
  INSTITUTIONS,
  type InstitutionSpec,
  REGULATOR_SOURCES,
  sourceOf,
  TENPAY,
} from './institutions.js';
import { personName } from './names.js';
import { PhoneBook, surfaceForm } from './phones.js';
import type { Rng } from './rng.js';
import type { ClaimRecord, ComplaintChannel, ComplaintRecord, TransferRecord } from './world.types.js';

export interface AccountDraft {
  readonly id: string;
  readonly kind: AccountKind;
  readonly institution: InstitutionSpec;
}

export interface ActorDraft {
  readonly id: string;
  readonly kind: ActorKind;
  name: string;
  idNumber?: string;
  /** Canonical E.164; the surface form is chosen when the record is written. */
  phones: string[];
  accounts: AccountDraft[];
  devices: string[];
  source: string;
  policies: { account: AccountDraft; insurer: InstitutionSpec }[];
  /** The shared household number, for family members. */
  homePhone?: string;
}

export interface Timed<R> {
  readonly at: number;
  readonly record: R;
}

export interface ComplaintInput {
  at: number;
  complainant: ActorDraft;
  inst: InstitutionSpec;
  category: KnownCategory;
  channel?: ComplaintChannel;
  contactPhone?: string;
  payout?: AccountDraft;
  rep?: ActorDraft;
  text?: string;
  amount?: number;
}

export interface ClaimInput {
  at: number;
  claimant: ActorDraft;
  insurer: InstitutionSpec;
  kind: ClaimKind;
  policy?: AccountDraft;
  contactPhone?: string;
  payout?: AccountDraft;
  rep?: ActorDraft;
  amount?: number;
}

/** Money in yuan with fen precision. */
export const money = (x: number): number => Math.round(x * 100) / 100;

// The big state banks hold most retail accounts, so they are drawn more often.
const BANK_WEIGHTS: readonly (readonly [InstitutionSpec, number])[] = BANKS.map((b, i) => [b, i < 6 ? 4 : 1]);

export class WorldContext {
  readonly ids: IdFactory;
  readonly phones = new PhoneBook();
  readonly actors: ActorDraft[] = [];
  readonly complaints: Timed<ComplaintRecord>[] = [];
  readonly claims: Timed<ClaimRecord>[] = [];
  readonly transfers: Timed<TransferRecord>[] = [];
  /** Institution name → complainants who filed through its standard complaint form (generic text). */
  readonly formUsers = new Map<string, Set<string>>();
  readonly #byName = new Map(INSTITUTIONS.map((i) => [i.name, i]));

  constructor(idRng: Rng) {
    this.ids = new IdFactory(idRng);
  }

  institution(name: string): InstitutionSpec {
    const found = this.#byName.get(name);
    if (found === undefined) throw new Error(`unknown institution ${name}`);
    return found;
  }

  /** A plausible individual: own mobile, own bank card, often a payment account; agents are individuals too. */
  person(r: Rng, opts: { kind?: 'person' | 'agent'; surname?: string; name?: string } = {}): ActorDraft {
    const actor: ActorDraft = {
      id: this.ids.record('act'),
      kind: opts.kind ?? 'person',
      name: opts.name ?? personName(r, opts.surname),
      phones: [this.phones.mobile(r)],
      accounts: [],
      devices: [],
      source: '',
      policies: [],
    };
    // Not every reporting party knows the ID number; ingest must cope with actors without one.
    if (r.chance(0.88)) actor.idNumber = this.ids.residentId();
    const bank = this.addBankAccount(r, actor);
    if (r.chance(0.55)) {
      if (r.chance(0.8)) this.addPaymentAccount(r, actor);
      else this.addBankAccount(r, actor);
    }
    actor.source = r.weighted<string>([
      [sourceOf(bank.institution), 50],
      [REGULATOR_SOURCES.nfra, 20],
      [sourceOf(r.pick([ALIPAY, TENPAY])), 15],
      [COMPLAINT_PLATFORM_SOURCE, 5],
      [REGULATOR_SOURCES.pboc, 10],
    ]);
    this.actors.push(actor);
    return actor;
  }

  /** A firm: an office landline and a corporate account, no resident ID. */
  organization(r: Rng, name: string, areaCode: string): ActorDraft {
    const actor: ActorDraft = {
      id: this.ids.record('act'),
      kind: 'organization',
      name,
      phones: [this.phones.landline(r, areaCode)],
      accounts: [],
      devices: [],
      source: '',
      policies: [],
    };
    const bank = this.addBankAccount(r, actor);
    actor.source = r.chance(0.6) ? sourceOf(bank.institution) : REGULATOR_SOURCES.nfra;
    this.actors.push(actor);
    return actor;
  }

  formUser(inst: InstitutionSpec, actor: ActorDraft): void {
    const users = this.formUsers.get(inst.name) ?? new Set<string>();
    users.add(actor.id);
    this.formUsers.set(inst.name, users);
  }

  addBankAccount(r: Rng, actor: ActorDraft, inst?: InstitutionSpec): AccountDraft {
    const bank = inst ?? r.weighted(BANK_WEIGHTS);
    const card = bank.card ?? { bin: '621483', length: 16 };
    const account: AccountDraft = {
      id: this.ids.bankCard(card.bin, card.length),
      kind: 'bank',
      institution: bank,
    };
    actor.accounts.push(account);
    return account;
  }

  addPaymentAccount(r: Rng, actor: ActorDraft): AccountDraft {
    const alipay = r.chance(0.6);
    const account: AccountDraft = alipay
      ? { id: this.ids.alipayId(), kind: 'payment', institution: ALIPAY }
      : { id: this.ids.tenpayId(), kind: 'payment', institution: TENPAY };
    actor.accounts.push(account);
    return account;
  }

  addPolicy(actor: ActorDraft, insurer: InstitutionSpec, year: number): AccountDraft {
    const account: AccountDraft = {
      id: this.ids.policyNumber(insurer.code, year),
      kind: 'insurance_policy',
      institution: insurer,
    };
    actor.accounts.push(account);
    actor.policies.push({ account, insurer });
    return account;
  }

  addDevice(actor: ActorDraft, device = this.ids.device()): string {
    if (!actor.devices.includes(device)) actor.devices.push(device);
    return device;
  }

  addPhone(actor: ActorDraft, e164: string): void {
    if (!actor.phones.includes(e164)) actor.phones.push(e164);
  }

  /** Accounts money moves through (cards and payment accounts), primary first. */
  moneyAccounts(actor: ActorDraft): AccountDraft[] {
    return actor.accounts.filter((a) => a.kind === 'bank' || a.kind === 'payment');
  }

  primaryAccount(actor: ActorDraft): AccountDraft {
    const first = this.moneyAccounts(actor)[0];
    if (first === undefined) throw new Error(`actor ${actor.id} holds no bank or payment account`);
    return first;
  }

  complaint(r: Rng, c: ComplaintInput): ComplaintRecord {
    const record: ComplaintRecord = {
      type: 'complaint',
      id: this.ids.record('cmp'),
      filedAt: formatShanghai(c.at),
      complainantId: c.complainant.id,
      institution: c.inst.name,
      category: c.category,
      channel: c.channel,
      contactPhone: c.contactPhone === undefined ? undefined : surfaceForm(r, c.contactPhone),
      payoutAccount: c.payout?.id,
      representativeId: c.rep?.id,
      text: c.text,
      amount: c.amount === undefined ? undefined : money(c.amount),
      source: complaintSource(r, c.channel, c.inst, c.category),
    };
    this.complaints.push({ at: c.at, record: dropUndefined(record) });
    return record;
  }

  claim(r: Rng, c: ClaimInput): ClaimRecord {
    const record: ClaimRecord = {
      type: 'claim',
      id: this.ids.record('clm'),
      filedAt: formatShanghai(c.at),
      claimantId: c.claimant.id,
      insurer: c.insurer.name,
      kind: c.kind,
      policyNumber: c.policy?.id,
      contactPhone: c.contactPhone === undefined ? undefined : surfaceForm(r, c.contactPhone),
      payoutAccount: c.payout?.id,
      representativeId: c.rep?.id,
      amount: c.amount === undefined ? undefined : money(c.amount),
      source: sourceOf(c.insurer),
    };
    this.claims.push({ at: c.at, record: dropUndefined(record) });
    return record;
  }

  transfer(from: AccountDraft, to: AccountDraft, amount: number, at: number): TransferRecord {
    if (from.id === to.id) throw new Error(`transfer to itself: ${from.id}`);
    const record: TransferRecord = {
      type: 'transfer',
      id: this.ids.record('trf'),
      from: from.id,
      to: to.id,
      amount: money(amount),
      at: formatShanghai(at),
      // The paying side's institution reports the movement.
      source: sourceOf(from.institution),
    };
    this.transfers.push({ at, record });
    return record;
  }
}

/** Optional fields are absent, not `undefined`, so records equal their JSON round trip. */
function dropUndefined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}

/** Who reports a complaint depends on where it was lodged: regulators' hotlines, the institution itself, or a public platform. */
function complaintSource(
  r: Rng,
  channel: ComplaintChannel | undefined,
  inst: InstitutionSpec,
  category: KnownCategory,
): string {
  const regulator = (): string => {
    if (category === 'credit_report') return REGULATOR_SOURCES.pboc;
    if (inst.institutionType === 'securities') return REGULATOR_SOURCES.csrc;
    if (inst.institutionType === 'platform' || inst.institutionType === 'other')
      return REGULATOR_SOURCES.pboc;
    return REGULATOR_SOURCES.nfra;
  };
  switch (channel) {
    case 'regulator_hotline':
    case 'regulator_web':
    case 'letter':
      return regulator();
    case 'bank_branch':
    case 'bank_app':
      return sourceOf(inst);
    case 'platform':
      return COMPLAINT_PLATFORM_SOURCE;
    case undefined:
      return r.chance(0.5) ? regulator() : sourceOf(inst);
  }
}
