// Normalises Chinese complaint text so that copies of one template compare equal despite the usual disguises.
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

/** Private-use characters standing for a masked name and a masked number in the normalised form. */
export const NAME_MASK = '\uE000';
export const NUMBER_MASK = '\uE001';
/** How the masks read in a displayed template. */
const DISPLAY: Readonly<Record<string, string>> = { [NAME_MASK]: '{姓名}', [NUMBER_MASK]: '{数}' };

export interface NormalisedText {
  /**
   * Simplified, half-width, without punctuation or whitespace, numbers and names masked: the text a template
   * leaves behind once the filler's own details are taken out.
   */
  text: string;
  /**
   * One token per character of `text`: toneless pinyin for Chinese characters (so a homophone such as 葆费 for
   * 保费 gives the same tokens), the character itself otherwise.
   */
  tokens: string[];
}

// NOTE: opencc converts phrase by phrase, which is slow on hundreds of thousands of texts; templates are
// compared character by character anyway, so every character is converted once, on its own, and cached.
// The few characters whose simplified form depends on the phrase (乾 → 干/乾) then take their usual reading.
const toSimplifiedFrom = (['t', 'hk', 'tw'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
const simplifiedCache = new Map<string, string>();
const pinyinCache = new Map<string, string>();

function simplifiedChar(ch: string): string {
  const cached = simplifiedCache.get(ch);
  if (cached !== undefined) return cached;
  let out: string = ch;
  for (const convert of toSimplifiedFrom) {
    const converted = convert(ch);
    // A character expanding into several is left alone: a template is compared character by character.
    if (converted !== ch && [...converted].length === 1) {
      out = converted;
      break;
    }
  }
  simplifiedCache.set(ch, out);
  return out;
}

const HAN = /\p{Script=Han}/u;

/** Toneless pinyin of one character in its most common reading (context-free, so it is the same everywhere). */
export function pinyinOf(ch: string): string {
  let out = pinyinCache.get(ch);
  if (out === undefined) {
    out = HAN.test(ch) ? (pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch) : ch;
    pinyinCache.set(ch, out);
  }
  return out;
}

/**
 * Full-width letters, digits and punctuation to half-width, compatibility ideographs to unified ones, and
 * traditional characters to simplified.
 * NOTE: NFKC does the width folding (U+FF11 １ → 1, the ideographic space U+3000 → space) and maps CJK compatibility ideographs
 * (U+F900…) to the ordinary ones, a known way to make two identical texts differ byte-wise.
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) out += HAN.test(ch) ? simplifiedChar(ch) : ch;
  return out;
}

// Chinese numerals written out as amounts or dates (伍仟元, 二〇二五年); single ones (一、二、) are list numbers.
const CHINESE_NUMBER =
  /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]{2,}(?=[元块圆年月日号])/gu;
const ARABIC_NUMBER = /\d(?:[\d,.，．]*\d)?/gu;
// A name after the words that introduce one: 本人张伟，/ 我叫张伟 / 姓名：张伟 / 投诉人张伟 …
const NAME_MARKERS = '本人|我叫|我是|姓名|名字|投诉人|申请人|联系人|委托人|当事人';
const NAME = new RegExp(
  `(${NAME_MARKERS})([:：是为]?\\s*)(?!姓名|名字)(\\p{Script=Han}{2,4}?)(?=[\\s,，。.、;；:：!！(（]|身份证|证件|$)`,
  'gu',
);
const NOT_KEPT = new RegExp(`[^\\p{L}\\p{N}${NAME_MASK}${NUMBER_MASK}]`, 'gu');

/**
 * The normalised form of a complaint text: folded (width, traditional → simplified), numbers, amounts and dates
 * masked, names after 本人/我叫/姓名/投诉人… masked, then punctuation, whitespace and invisible characters
 * (inserted to break exact matching) removed.
 */
export function normaliseText(raw: string): NormalisedText {
  const folded = foldText(raw)
    .replace(NAME, (_m, marker: string) => `${marker}${NAME_MASK}`)
    .replace(CHINESE_NUMBER, NUMBER_MASK)
    .replace(ARABIC_NUMBER, NUMBER_MASK)
    .replace(NOT_KEPT, '');
  // Runs of masks (a date is #年#月#日, an amount "#.#" once the dot is gone) collapse into one.
  const text = folded.replace(new RegExp(`${NUMBER_MASK}{2,}`, 'gu'), NUMBER_MASK);
  const tokens: string[] = [];
  for (const ch of text) tokens.push(pinyinOf(ch));
  return { text, tokens };
}

/** The normalised text with its masks readable, for showing a template. */
export function displayText(normalised: string): string {
  let out = '';
  for (const ch of normalised) out += DISPLAY[ch] ?? ch;
  return out;
}
