// The current language (Chinese unless the analyst switched) and t(), which reads the message catalogue.
import { en, zh, type MessageKey } from './messages.js';

export type Lang = 'zh' | 'en';
const STORE = 'ringmap.lang';

let lang: Lang = readStored();

function readStored(): Lang {
  try {
    return localStorage.getItem(STORE) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang): void {
  lang = l;
  try {
    localStorage.setItem(STORE, l);
  } catch {
    // storage refused: the switch lasts for this page
  }
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (lang === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A label for an open vocabulary value (typology, status, role…): the catalogue's if it has one, else the value. */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in zh ? t(key as MessageKey) : value;
}

export function formatNumber(n: number, digits = 1): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits });
}

/** Dates as the source wrote them, shortened to minutes; the API's ISO strings sort and read the same in both. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso
    .replace('T', ' ')
    .replace(/:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, (_m, _f, zone?: string) =>
      zone && zone !== 'Z' ? ` ${zone}` : zone === 'Z' ? ' UTC' : '',
    );
}
