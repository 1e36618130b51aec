// How mills disguise copies of one template: homophones, traditional characters, full-width digits, inserted marks.
import * as OpenCC from 'opencc-js';
import type { Rng } from './rng.js';

/**
 * Homophones (same toneless pinyin in the character's usual reading) that evade keyword filters and exact
 * matching: 葆费 for 保费, 韦规 for 违规. test/unit/text-normalise.test.ts checks every pair reads alike.
 */
export const HOMOPHONES: Readonly<Record<string, string>> = Object.freeze({
  保: '葆',
  费: '废',
  退: '蜕',
  违: '韦',
  规: '归',
  投: '骰',
  诉: '溯',
  权: '全',
  益: '溢',
  息: '熄',
  利: '莉',
  款: '欵',
  金: '今',
  额: '鹅',
  收: '手',
  要: '耀',
  求: '球',
  贷: '代',
  信: '芯',
  记: '计',
  录: '禄',
  罚: '伐',
  扣: '寇',
  赔: '培',
  偿: '尝',
  催: '摧',
  征: '蒸',
  还: '孩',
});

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const traditionalCache = new Map<string, string>();

function traditionalChar(ch: string): string {
  const cached = traditionalCache.get(ch);
  if (cached !== undefined) return cached;
  const converted: string = toTraditional(ch);
  const out = [...converted].length === 1 ? converted : ch;
  traditionalCache.set(ch, out);
  return out;
}

const INSERTED = ['，', ' ', '·', '\u200b', '、', '~', '　'];
const FULL_WIDTH_DIGIT = (d: string): string => String.fromCharCode(0xff10 + Number(d));

export interface DisguiseLevel {
  /** Chance that a character with a homophone is swapped. */
  homophones: number;
  /** Whether the filing is written (mostly) in traditional characters. */
  traditional: boolean;
  /** Whether digits are full-width. */
  fullWidth: boolean;
  /** Chance of a stray mark after any character. */
  marks: number;
}

/** A filing's disguise, drawn from the ring's disguise level (0 pastes the template as is). */
export function drawDisguise(rng: Rng, level: number): DisguiseLevel {
  return {
    homophones: rng.chance(level) ? rng.between(0.1, 0.4) : 0,
    traditional: rng.chance(level * 0.6),
    fullWidth: rng.chance(level * 0.8),
    marks: rng.chance(level) ? rng.between(0.01, 0.05) : 0,
  };
}

export function disguiseText(rng: Rng, text: string, d: DisguiseLevel): string {
  if (d.homophones === 0 && !d.traditional && !d.fullWidth && d.marks === 0) return text;
  let out = '';
  for (const ch of text) {
    let c = ch;
    const homophone = HOMOPHONES[c];
    if (homophone !== undefined && d.homophones > 0 && rng.chance(d.homophones)) c = homophone;
    else if (d.traditional) c = traditionalChar(c);
    if (d.fullWidth && c >= '0' && c <= '9') c = FULL_WIDTH_DIGIT(c);
    out += c;
    if (d.marks > 0 && rng.chance(d.marks)) out += rng.pick(INSERTED);
  }
  return out;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];

/** An amount in upper-case Chinese numerals as on a cheque (12,345 → 壹万贰仟叁佰肆拾伍), whole yuan. */
export function chineseAmount(amount: number): string {
  const whole = Math.max(0, Math.round(amount));
  if (whole === 0) return '零';
  const group = (n: number): string => {
    let s = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(n / 10 ** i) % 10;
      if (d === 0) {
        zero = s.length > 0;
        continue;
      }
      if (zero) s += '零';
      zero = false;
      s += DIGITS[d] + (UNITS[i] ?? '');
    }
    return s;
  };
  const wan = Math.floor(whole / 10_000);
  const rest = whole % 10_000;
  return (
    (wan > 0 ? `${group(wan)}万` : '') + (rest > 0 ? (wan > 0 && rest < 1000 ? '零' : '') + group(rest) : '')
  );
}
