// Renders a member's evidence: kind, identifier, whom it is shared with, the records behind it, sources and dates.
import type { Evidence } from './api-types.js';
import { h } from './dom.js';
import { formatNumber, formatTime, label, t } from './i18n.js';
import { href } from './router.js';

const SHOWN_IDS = 6;

function ids(list: string[] | undefined, link?: (id: string) => string): (Node | string)[] {
  const all = list ?? [];
  const out: (Node | string)[] = [];
  all.slice(0, SHOWN_IDS).forEach((id, i) => {
    if (i > 0) out.push(', ');
    out.push(link ? h('a', { href: link(id) }, id) : id);
  });
  if (all.length > SHOWN_IDS) out.push(' ', t('common.more', { n: all.length - SHOWN_IDS }));
  return out;
}

export function evidenceList(evidence: Evidence[]): HTMLElement {
  return h(
    'ul',
    { class: 'evidence' },
    ...evidence.map((ev) =>
      h(
        'li',
        {},
        h('strong', {}, label('evidence', ev.kind)),
        ' ',
        h('code', {}, ev.identifier),
        typeof ev.similarity === 'number' ? ` (${formatNumber(ev.similarity, 2)})` : '',
        typeof ev.amount === 'number' ? ` · ${t('common.amount')} ${formatNumber(ev.amount, 2)}` : '',
        h(
          'div',
          { class: 'ev-meta' },
          t('ring.evidenceWith', { n: ev.withCount ?? ev.withActorIds?.length ?? 0 }),
          ': ',
          ...ids(ev.withActorIds, href.actor),
        ),
        ev.recordIds?.length
          ? h(
              'div',
              { class: 'ev-meta' },
              `${t('ring.records')}: `,
              ...ids(ev.ownRecordIds?.length ? ev.ownRecordIds : ev.recordIds),
            )
          : null,
        h(
          'div',
          { class: 'ev-meta' },
          `${t('common.sources')}: ${(ev.sources ?? []).join(', ') || '—'} · ${t('common.date')}: ${formatTime(ev.firstAt)}`,
          ev.lastAt && ev.lastAt !== ev.firstAt ? ` – ${formatTime(ev.lastAt)}` : '',
        ),
      ),
    ),
  );
}
