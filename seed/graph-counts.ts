// The node and relationship counts a correct loader produces from a list of ingest records (distinct keys, phones by E.164).
import { canonicalPhone } from './phones.js';
import type { ExpectedCounts, WorldRecord } from './world.types.js';

/**
 * Counts what MERGE-based loading of `records` must create: nodes are distinct by key (phones by
 * canonical E.164, so `138-1234-5678` and `+86 138 1234 5678` are one Phone) and relationships are
 * distinct pairs, except the per-record ones (FILED, AGAINST, CONTACT, PAYOUT_TO, REPRESENTED_BY,
 * TRANSFERRED), which a record creates exactly once.
 */
export function countGraph(records: Iterable<WorldRecord>): ExpectedCounts {
  const e164 = new Map<string, string>();
  const canon = (surface: string): string => {
    let c = e164.get(surface);
    if (c === undefined) {
      c = canonicalPhone(surface);
      e164.set(surface, c);
    }
    return c;
  };
  const actors = new Set<string>();
  const phones = new Set<string>();
  const accounts = new Set<string>();
  const devices = new Set<string>();
  const institutions = new Set<string>();
  const usesPhone = new Set<string>();
  const holds = new Set<string>();
  const usesDevice = new Set<string>();
  let complaints = 0;
  let claims = 0;
  let contact = 0;
  let payout = 0;
  let represented = 0;
  let transfers = 0;

  const filing = (r: { contactPhone?: string; payoutAccount?: string; representativeId?: string }) => {
    if (r.contactPhone !== undefined) {
      phones.add(canon(r.contactPhone));
      contact++;
    }
    if (r.payoutAccount !== undefined) {
      accounts.add(r.payoutAccount);
      payout++;
    }
    if (r.representativeId !== undefined) {
      actors.add(r.representativeId);
      represented++;
    }
  };

  for (const r of records) {
    switch (r.type) {
      case 'institution':
        institutions.add(r.name);
        break;
      case 'actor':
        actors.add(r.id);
        for (const p of r.phones ?? []) {
          const c = canon(p);
          phones.add(c);
          usesPhone.add(`${r.id}\u0000${c}`);
        }
        for (const a of r.accounts ?? []) {
          accounts.add(a.id);
          holds.add(`${r.id}\u0000${a.id}`);
        }
        for (const d of r.devices ?? []) {
          devices.add(d);
          usesDevice.add(`${r.id}\u0000${d}`);
        }
        break;
      case 'complaint':
        complaints++;
        actors.add(r.complainantId);
        institutions.add(r.institution);
        filing(r);
        break;
      case 'claim':
        claims++;
        actors.add(r.claimantId);
        institutions.add(r.insurer);
        filing(r);
        break;
      case 'transfer':
        accounts.add(r.from);
        accounts.add(r.to);
        transfers++;
        break;
    }
  }

  return {
    nodes: {
      Actor: actors.size,
      Phone: phones.size,
      Account: accounts.size,
      Device: devices.size,
      Institution: institutions.size,
      Complaint: complaints,
      Claim: claims,
    },
    relationships: {
      USES_PHONE: usesPhone.size,
      HOLDS: holds.size,
      USES_DEVICE: usesDevice.size,
      FILED: complaints + claims,
      AGAINST: complaints + claims,
      CONTACT: contact,
      PAYOUT_TO: payout,
      REPRESENTED_BY: represented,
      TRANSFERRED: transfers,
    },
  };
}
