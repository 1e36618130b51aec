// Honest contact numbers many strangers write down: hospital front desks and property managers' offices.
import type { KnownCategory } from '../../src/shared/domain.js';
import { chineseDate, dayStart, momentOnDay, SPAN_DAYS } from '../clock.js';
import { BANKS, INSURERS, LENDERS } from '../institutions.js';
import { LANDLINE_AREAS } from '../phones.js';
import type { Rng } from '../rng.js';
import { shortInstitutionName } from '../texts.js';
import type { AltWorld } from './alt-world.context.js';
import { ownWords } from './alt-texts.js';
import { heavySize, type People, type StructureLedger } from './honest-kit.js';
import { channelOf, complaintSource } from './ring-kit.js';

const HOSPITALS = [
  '第一人民医院',
  '中心医院',
  '中医院',
  '妇幼保健院',
  '第三人民医院',
  '骨科医院',
  '肿瘤医院',
];
const CITIES = ['武汉市', '长沙市', '郑州市', '成都市', '合肥市', '济南市', '南昌市', '昆明市', '石家庄市'];
const ESTATES = [
  '阳光花园',
  '锦绣家园',
  '翠湖苑',
  '金色港湾',
  '碧水云天',
  '幸福里',
  '东方明珠城',
  '和谐小区',
];

/**
 * Hospital front desks: the insurance desk's landline goes on the medical claims of 25–400 unrelated patients
 * over the whole period (patients give it because the desk holds their records); payouts go to the patients' own
 * accounts, each claim to its own insurer.
 */
export function plantHospitalDesks(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): string[] {
  const phones: string[] = [];
  for (let h = 0; h < count; h++) {
    const hospital = w.organization(
      r,
      `${r.pick(CITIES)}${r.pick(HOSPITALS)}`,
      r.pick(LANDLINE_AREAS),
      'registry:NHC',
    );
    const desk = hospital.phones[0] ?? '';
    phones.push(desk);
    const patients = people.sample(heavySize(r, 25, 400));
    for (const p of patients) {
      const insurer = r.pick(INSURERS);
      w.claim({
        at: momentOnDay(r, r.int(0, SPAN_DAYS - 1)),
        by: p,
        insurer,
        kind: 'claim',
        policyNumber: w.ids.policyNumber(insurer.code, 2015 + r.int(0, 10)),
        contactPhone: r.chance(0.85) ? desk : (p.phones[0] ?? desk),
        payoutAccount: w.cardOf(p).id,
        amount: r.int(3, 800) * 100,
        source: `insurer:${insurer.code}`,
      });
    }
    ledger.add(
      'hospital_desk',
      [hospital, ...patients],
      'patients give the hospital insurance desk as contact on their claims',
      desk,
    );
  }
  return phones;
}

/**
 * Property managers: residents of one estate (30–300) pay the management fee monthly into its account, and the
 * few who complain to their bank about the fee's auto-debit or a mortgage write the office's number as contact.
 */
export function plantPropertyManagers(
  w: AltWorld,
  r: Rng,
  people: People,
  count: number,
  ledger: StructureLedger,
): void {
  for (let k = 0; k < count; k++) {
    const estate = r.pick(ESTATES);
    const manager = w.organization(r, `${r.pick(CITIES)}${estate}物业服务有限公司`, r.pick(LANDLINE_AREAS));
    const office = manager.phones[0] ?? '';
    const account = w.cardOf(manager);
    const residents = people.sample(heavySize(r, 30, 300));
    const first = r.int(0, SPAN_DAYS - 400);
    for (const p of residents) {
      w.addIdentifier(
        p,
        'address',
        `${estate}${r.int(1, 30)}栋${r.int(1, 30)}${String(r.int(1, 4)).padStart(2, '0')}`,
      );
      const months = r.int(2, 12);
      const fee = r.int(80, 600);
      for (let m = 0; m < months; m++) {
        w.transfer(
          w.spendingAccount(r, p),
          account,
          fee,
          dayStart(first + m * 30 + r.int(0, 9)) + r.int(8, 21) * 3600,
        );
      }
      if (r.chance(0.15)) {
        const category: KnownCategory = r.pick(['fee_refund', 'account_issue', 'service_quality'] as const);
        const inst = r.pick([...BANKS, ...LENDERS]);
        const at = momentOnDay(r, first + r.int(0, 360));
        const source = complaintSource(r, inst);
        w.complaint({
          at,
          by: p,
          institution: inst,
          category,
          channel: channelOf(r, source),
          contactPhone: office,
          text: ownWords(r, category, {
            inst: shortInstitutionName(inst.name),
            date: chineseDate(at),
            amount: String(fee),
          }),
          source,
        });
      }
    }
    ledger.add(
      'property_manager',
      [manager, ...residents],
      'residents pay the management fee to the office and give its number as contact',
      account.id,
    );
  }
}
