// Identifier formats of the synthetic world (resident IDs, card numbers, payment/securities/social ids, record ids), all unique.
import type { Rng } from './rng.js';

/** County-level division codes (GB/T 2260) that open a resident ID number. */
const REGION_CODES = [
  '110101',
  '110105',
  '110108',
  '120101',
  '130102',
  '140105',
  '210102',
  '220102',
  '230102',
  '310101',
  '310104',
  '310115',
  '320102',
  '320505',
  '330106',
  '330203',
  '340104',
  '350102',
  '360102',
  '370102',
  '370202',
  '410105',
  '420106',
  '430102',
  '440103',
  '440106',
  '440304',
  '440305',
  '441900',
  '450103',
  '500103',
  '510104',
  '520102',
  '530102',
  '610113',
  '620102',
  '640104',
  '650102',
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** Luhn check digit for a card number body. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Doubling starts at the rightmost body digit, which sits next to the check digit.
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Draws unique identifiers; a collision is redrawn, so shared identifiers only arise by design. */
export class IdFactory {
  readonly #used = new Set<string>();
  readonly #rng: Rng;

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  #unique(draw: () => string): string {
    for (;;) {
      const id = draw();
      if (!this.#used.has(id)) {
        this.#used.add(id);
        return id;
      }
    }
  }

  /** 18-character resident ID: region, birth date, sequence (odd = male), MOD 11-2 check. */
  residentId(birthYearMin = 1955, birthYearMax = 2004): string {
    const r = this.#rng;
    return this.#unique(() => {
      const year = r.int(birthYearMin, birthYearMax);
      const month = r.int(1, 12);
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = (DAYS_IN_MONTH[month - 1] ?? 28) + (month === 2 && leap ? 1 : 0);
      const day = r.int(1, days);
      const body =
        r.pick(REGION_CODES) +
        String(year) +
        String(month).padStart(2, '0') +
        String(day).padStart(2, '0') +
        String(r.int(1, 999)).padStart(3, '0');
      return body + residentIdCheckChar(body);
    });
  }

  bankCard(bin: string, length: number): string {
    return this.#unique(() => {
      const body = bin + this.#rng.digits(length - bin.length - 1);
      return body + luhnCheckDigit(body);
    });
  }

  /** Alipay-style user id: 2088 + 12 digits. */
  alipayId(): string {
    return this.#unique(() => `2088${this.#rng.digits(12)}`);
  }

  /** Tenpay (WeChat Pay) account number. */
  tenpayId(): string {
    return this.#unique(() => `1${this.#rng.int(1, 9)}${this.#rng.digits(8)}`);
  }

  /** Shareholder account: A + 9 digits (Shanghai) or 0 + 9 digits (Shenzhen). */
  securitiesAccount(): string {
    return this.#unique(() => `${this.#rng.pick(['A', '0'])}${this.#rng.digits(9)}`);
  }

  wechatId(): string {
    return this.#unique(() => `wxid_${this.#rng.alnum(14)}`);
  }

  qqNumber(): string {
    return this.#unique(() => `${this.#rng.int(1, 9)}${this.#rng.digits(this.#rng.int(7, 9))}`);
  }

  policyNumber(insurerCode: string, year: number): string {
    return this.#unique(() => `${insurerCode.slice(0, 4)}${year}${this.#rng.digits(12)}`);
  }

  device(): string {
    return this.#unique(() => `dev-${this.#rng.hex(16)}`);
  }

  /** Record ids (actors, complaints, claims, transfers): a prefix and random hex, so ids carry no ring order. */
  record(prefix: 'act' | 'cmp' | 'clm' | 'trf'): string {
    return this.#unique(() => `${prefix}-${this.#rng.hex(12)}`);
  }
}
