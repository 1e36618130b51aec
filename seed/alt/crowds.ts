// Honest crowds: consumers hit by one outage complaining within hours, and an app form writing one standard text.
import { chineseDate, DAY, dayStart, formatShanghai, SPAN_DAYS } from '../clock.js';
import { BANKS, LENDERS, type InstitutionSpec } from '../institutions.js';
import type { Rng } from '../rng.js';
import { shortInstitutionName } from '../texts.js';
import type { AltActor, AltWorld } from './alt-world.context.js';
import { FORM_BOXES, formText, ownWords } from './alt-texts.js';
import { heavySize, type People, type StructureLedger } from './honest-kit.js';
import { channelOf, complaintSource } from './ring-kit.js';

export interface Incident {
  institution: string;
  days: string[];
  actorIds: string[];
}

/**
 * Outages: an institution's app or card system fails; 60–600 of its customers complain within 2–10 hours of
 * the failure, in their own words. A third of institutions fail again later; 20–40% of the first crowd complain
 * again then, with newcomers.
 */
export function plantOutages(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): Incident[] {
  const out: Incident[] = [];
  for (let k = 0; k < count; k++) {
    const inst: InstitutionSpec = r.pick([...BANKS, ...LENDERS]);
    const crowd = people.sample(heavySize(r, 60, 600));
    const events = r.chance(0.35) ? 2 : 1;
    const days: string[] = [];
    const complained = new Set<AltActor>();
    let previous: AltActor[] = [];
    for (let e = 0; e < events; e++) {
      const day = r.int(0, SPAN_DAYS - 2);
      const start = dayStart(day) + r.int(7, 20) * 3600;
      const hours = r.int(2, 10);
      days.push(formatShanghai(start).slice(0, 10));
      const who =
        e === 0
          ? crowd
          : [
              ...r.sample(previous, Math.round(previous.length * r.between(0.2, 0.4))),
              ...people.sample(r.int(10, 80)),
            ];
      for (const p of who) {
        const at = start + r.int(0, hours * 3600);
        const source = complaintSource(r, inst);
        w.complaint({
          at,
          by: p,
          institution: inst,
          category: 'outage',
          channel: channelOf(r, source),
          contactPhone: p.phones[0],
          text: ownWords(r, 'outage', {
            inst: shortInstitutionName(inst.name),
            date: chineseDate(at),
            amount: String(r.int(1, 500) * 10),
          }),
          source,
        });
        complained.add(p);
      }
      previous = who;
    }
    const actorIds = [...complained].map((a) => a.id).sort();
    out.push({ institution: inst.name, days, actorIds });
    ledger.add(
      'outage_crowd',
      [...complained],
      `customers complaining within hours of an outage (${days.join(', ')})`,
      inst.name,
    );
  }
  return out;
}

/**
 * App complaint forms: 2–5 institutions' apps write one standard text for whatever box the user ticks; 50–500
 * users file through it over the whole period (each with their own phone).
 */
export function plantForms(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): { institution: string; actorIds: string[] }[] {
  const out: { institution: string; actorIds: string[] }[] = [];
  for (const inst of r.sample([...BANKS, ...LENDERS], count)) {
    const users = people.sample(heavySize(r, 50, 500));
    const short = shortInstitutionName(inst.name);
    for (const u of users) {
      const [box, category] = r.pick(FORM_BOXES);
      const at = dayStart(r.int(0, SPAN_DAYS - 1)) + r.int(0, DAY - 1);
      w.complaint({
        at,
        by: u,
        institution: inst,
        category,
        channel: 'bank_app',
        contactPhone: u.phones[0],
        text: formText(short, box),
        source: `${inst.institutionType === 'bank' ? 'bank' : 'org'}:${inst.code}`,
      });
    }
    out.push({ institution: inst.name, actorIds: users.map((u) => u.id).sort() });
    ledger.add(
      'form_text',
      users,
      'the institution app form writes the same standard text for every user',
      inst.name,
    );
  }
  return out;
}
