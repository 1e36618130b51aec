// Buttons that download a ring's evidence in every export format (prosecutor and admin keys only).
import { getFile } from './api-client.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { errorBlock } from './view-context.js';

export const EXPORT_FORMATS: { format: string; label: string }[] = [
  { format: 'bundle', label: 'ZIP (signed bundle)' },
  { format: 'graphml', label: 'GraphML' },
  { format: 'gexf', label: 'GEXF' },
  { format: 'csv', label: 'CSV' },
  { format: 'anx', label: 'i2 ANX' },
  { format: 'json', label: 'JSON' },
  { format: 'html', label: 'HTML' },
];

/** The file is fetched with the key in the header, then saved from a blob URL: the key never enters a URL. */
export function exportButtons(ringId: string, announce: (m: string) => void): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const buttons = EXPORT_FORMATS.map(({ format, label }) => {
    const b = h('button', { type: 'button', 'data-format': format }, label);
    b.addEventListener('click', () => {
      b.disabled = true;
      out.replaceChildren();
      getFile(`/v1/rings/${encodeURIComponent(ringId)}/export?format=${format}`).then(
        ({ blob, filename }) => {
          const url = URL.createObjectURL(blob);
          const a = h('a', { href: url, download: filename, hidden: true });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          b.disabled = false;
          announce(t('ring.exported', { file: filename }));
        },
        (e: unknown) => {
          b.disabled = false;
          out.append(errorBlock(e));
        },
      );
    });
    return b;
  });
  return h(
    'div',
    { class: 'exports' },
    h('p', { class: 'meta' }, t('ring.exportHelp')),
    h('div', { class: 'button-row' }, ...buttons),
    out,
  );
}
