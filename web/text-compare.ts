// Two near-identical complaint texts side by side, the characters that differ highlighted.
import { h } from './dom.js';
import { t } from './i18n.js';
import { diffTexts, type Segment } from './text-diff.js';

function render(segments: Segment[]): HTMLElement {
  return h(
    'p',
    { class: 'diff-text' },
    ...segments.map((s) => (s.same ? s.text : h('mark', { class: 'diff' }, s.text))),
  );
}

export function textCompare(a: { id: string; text: string }, b: { id: string; text: string }): HTMLElement {
  const d = diffTexts(a.text, b.text);
  return h(
    'div',
    { class: 'compare' },
    h('figure', {}, h('figcaption', {}, a.id), render(d.a)),
    h('figure', {}, h('figcaption', {}, b.id), render(d.b)),
    h('p', { class: 'meta' }, t('ring.diffLegend')),
  );
}
