// Workplaces and campuses: colleagues behind one office Wi-Fi and IP, paid from one payroll account; students behind one NAT.
import type { KnownCategory } from '../../src/shared/domain.js';
import { chineseDate, dayStart, momentOnDay, SPAN_DAYS } from '../clock.js';
import { BANKS } from '../institutions.js';
import { frontCompanyName } from '../names.js';
import { LANDLINE_AREAS } from '../phones.js';
import type { Rng } from '../rng.js';
import { shortInstitutionName } from '../texts.js';
import type { AltWorld } from './alt-world.context.js';
import { ownWords } from './alt-texts.js';
import { macAddress, publicIp } from './handles.js';
import { heavySize, type People, type StructureLedger } from './honest-kit.js';
import { channelOf, complaintSource } from './ring-kit.js';

const KINDS = ['consulting', 'asset_management', 'investment', 'legal_service'] as const;

/**
 * Companies of 15–400 employees: every employee's record carries the office Wi-Fi and its public IP, the company
 * pays them all from one payroll account every month for 3–10 months; now and then the payroll bank changes a fee
 * and a handful of colleagues complain about it in the same week, each in their own words.
 */
export function plantWorkplaces(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let k = 0; k < count; k++) {
    const bank = r.pick(BANKS);
    const company = w.organization(
      r,
      frontCompanyName(r, r.pick(KINDS)).replace(/工作室$/u, '有限公司'),
      r.pick(LANDLINE_AREAS),
    );
    const payroll = w.bankCard(r, company, bank);
    const staff = people.sample(heavySize(r, 15, 400));
    const wifi = macAddress(r);
    const ip = publicIp(r);
    const months = r.int(3, 10);
    const first = r.int(0, SPAN_DAYS - months * 31 - 1);
    for (const p of staff) {
      w.addIdentifier(p, 'wifi', wifi);
      if (r.chance(0.9)) w.addIdentifier(p, 'ip', ip);
      const salary = r.int(40, 300) * 100;
      const card = w.cardOf(p);
      for (let m = 0; m < months; m++) {
        w.transfer(
          payroll,
          card,
          salary + r.int(-5, 5) * 10,
          dayStart(first + m * 30 + 9) + 10 * 3600 + r.int(0, 3600),
        );
      }
    }
    if (r.chance(0.4)) {
      const day = first + r.int(0, months * 30 - 7);
      const category: KnownCategory = 'fee_refund';
      for (const p of r.sample(staff, r.int(3, Math.max(3, Math.floor(staff.length / 8))))) {
        const at = momentOnDay(r, day + r.int(0, 6));
        const source = complaintSource(r, bank);
        w.complaint({
          at,
          by: p,
          institution: bank,
          category,
          channel: channelOf(r, source),
          contactPhone: p.phones[0],
          text: `工资卡${ownWords(r, category, { inst: shortInstitutionName(bank.name), date: chineseDate(at), amount: String(r.int(1, 36) * 10) })}`,
          source,
        });
      }
    }
    ledger.add(
      'workplace_wifi',
      [company, ...staff],
      'colleagues sharing the office Wi-Fi and public IP',
      `wifi:${wifi}`,
    );
    ledger.add(
      'payroll_account',
      [company, ...staff],
      'one payroll account paying every employee monthly',
      payroll.id,
    );
  }
}

/** Campus networks: 100–800 students of one university behind one carrier-grade NAT address. */
export function plantCampusNetworks(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let k = 0; k < count; k++) {
    const ip = publicIp(r);
    const students = people.sample(heavySize(r, 100, 800));
    for (const s of students) w.addIdentifier(s, 'ip', ip);
    ledger.add('campus_network', students, 'students of one university behind one NAT address', `ip:${ip}`);
  }
}
