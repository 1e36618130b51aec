// How a ring's copies of one script drift apart: clause variants, reordering, synonyms, typos, noise, surface disguise.
import type { Rng } from '../rng.js';
import { disguiseText, drawDisguise } from '../text-disguise.js';

/** One sentence of a script, in several wordings that mean the same. */
export interface Clause {
  variants: readonly string[];
  /** May trade places with the other movable clauses. */
  movable?: boolean;
  /** May be left out. */
  optional?: boolean;
}

export type Script = readonly Clause[];

/**
 * How one ring writes: the wording it settled on per clause, and how far each filing strays from it.
 * `drift` is the chance a clause takes another wording, `noise` the chance of typos and stray marks,
 * `disguise` the seed's surface disguise level (homophones, traditional characters, full-width digits).
 */
export interface Voice {
  script: Script;
  base: number[];
  drift: number;
  reorder: number;
  synonyms: number;
  noise: number;
  disguise: number;
}

export type VoiceStyle = 'pasted' | 'light' | 'heavy';

export function drawVoice(r: Rng, script: Script, style: VoiceStyle): Voice {
  const base = script.map((c) => r.int(0, c.variants.length - 1));
  switch (style) {
    case 'pasted':
      return { script, base, drift: 0.03, reorder: 0, synonyms: 0.02, noise: 0, disguise: 0 };
    case 'light':
      return {
        script,
        base,
        drift: r.between(0.1, 0.25),
        reorder: 0.2,
        synonyms: 0.2,
        noise: 0.15,
        disguise: r.between(0.1, 0.3),
      };
    case 'heavy':
      return {
        script,
        base,
        drift: r.between(0.35, 0.6),
        reorder: 0.6,
        synonyms: 0.5,
        noise: 0.4,
        disguise: r.between(0.4, 0.8),
      };
  }
}

/** Pairs a paraphrasing writer swaps (either way round). */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ['贵司', '你公司'],
  ['本人', '我'],
  ['要求', '请求'],
  ['退还', '返还'],
  ['违规', '违法'],
  ['收取', '扣取'],
  ['费用', '款项'],
  ['立即', '马上'],
  ['严重', '极其'],
  ['损失', '损害'],
  ['监管部门', '监管机构'],
  ['投诉', '举报'],
  ['处理', '解决'],
  ['协商', '沟通'],
  ['联系', '联络'],
  ['借款', '贷款'],
  ['征信', '信用记录'],
  ['客户', '用户'],
  ['如果', '若'],
  ['已经', '已'],
];

const FILLERS = ['', '', '现', '特此', '另外，', '再次说明，', '郑重声明：', '补充：'];
const MARKS = ['【紧急】', '（急）', '转发：', '##', '…', '!!', '＊', '～'];

/** One filing of the script, in the ring's voice, with the slots filled. */
export function speak(r: Rng, v: Voice, fill: (text: string) => string): string {
  const picked: string[] = [];
  const movable: number[] = [];
  v.script.forEach((clause, i) => {
    if (clause.optional === true && r.chance(0.25 + v.drift / 2)) return;
    let k = v.base[i] ?? 0;
    if (r.chance(v.drift)) k = r.int(0, clause.variants.length - 1);
    if (clause.movable === true) movable.push(picked.length);
    picked.push(clause.variants[k] ?? '');
  });
  if (movable.length > 1 && r.chance(v.reorder)) {
    const texts = r.shuffle(movable.map((i) => picked[i] ?? ''));
    movable.forEach((i, j) => (picked[i] = texts[j] ?? ''));
  }
  let text = '';
  for (const p of picked) {
    if (text !== '' && r.chance(v.noise / 3)) text += r.pick(FILLERS);
    text += p;
  }
  text = fill(text);
  if (v.synonyms > 0) text = swapSynonyms(r, text, v.synonyms);
  if (v.noise > 0 && r.chance(v.noise)) text = typos(r, text);
  if (v.noise > 0 && r.chance(v.noise / 2))
    text = r.chance(0.5) ? r.pick(MARKS) + text : text + r.pick(MARKS);
  if (v.disguise > 0) text = disguiseText(r, text, drawDisguise(r, v.disguise));
  return text;
}

function swapSynonyms(r: Rng, text: string, p: number): string {
  let out = text;
  for (const [a, b] of SYNONYMS) {
    if (!r.chance(p)) continue;
    if (out.includes(a)) out = out.split(a).join(b);
    else if (out.includes(b)) out = out.split(b).join(a);
  }
  return out;
}

/** A dropped, doubled or swapped character or two, as a hurried typist makes them (digits are left alone). */
function typos(r: Rng, text: string): string {
  const chars = [...text];
  const n = r.int(1, 3);
  for (let k = 0; k < n && chars.length > 4; k++) {
    const i = r.int(1, chars.length - 2);
    if (/\d/u.test(chars[i] ?? '') || /\d/u.test(chars[i + 1] ?? '')) continue;
    const kind = r.int(0, 2);
    if (kind === 0) chars.splice(i, 1);
    else if (kind === 1) chars.splice(i, 0, chars[i] ?? '');
    else [chars[i], chars[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
