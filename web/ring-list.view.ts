// The ring list: ranked rings of the latest run, filtered by score, typology and status, paged, with what changed.
import { getJson, query } from './api-client.js';
import type { LineageEvent, RingPage } from './api-types.js';
import { clear, h, table } from './dom.js';
import { formatNumber, label, t } from './i18n.js';
import { href } from './router.js';
import { can } from './session.js';
import { errorBlock, type View } from './view-context.js';
import { REVIEW_STATUSES, TYPOLOGIES } from './vocabulary.js';

const PAGE_SIZE = 50;
const FILTERS = [
  'minScore',
  'minProbability',
  'typology',
  'status',
  'institution',
  'filedFrom',
  'filedTo',
] as const;

/** Lineage events of a run by ring id; a role that may not read runs gets none (the column says —). */
async function changesOf(runId: string): Promise<Map<string, LineageEvent>> {
  if (!can('analyst')) return new Map();
  try {
    const res = await getJson<{ changes: LineageEvent[] }>(
      `/v1/runs/${encodeURIComponent(runId)}/changes?includeUnchanged=true&limit=1000`,
    );
    return new Map(res.changes.map((c) => [c.ringId, c]));
  } catch {
    return new Map();
  }
}

function changeText(e: LineageEvent | undefined): string {
  if (!e) return '—';
  const ev = label('event', e.event);
  if (e.event === 'grew' || e.event === 'shrank') return `${ev} ${e.sizeBefore ?? '?'}→${e.sizeAfter ?? '?'}`;
  if (e.event === 'merged' && e.from && e.from.length > 1) return `${ev} (${e.from.length})`;
  return ev;
}

export function ringListView(q: URLSearchParams): View {
  return async ({ main }) => {
    const minScore = q.get('minScore') ?? '';
    // in percent on screen and in the address, as a share (0–1) to the API
    const minProbability = q.get('minProbability') ?? '';
    const typology = q.get('typology') ?? '';
    const status = q.get('status') ?? '';
    const institution = q.get('institution') ?? '';
    const filedFrom = q.get('filedFrom') ?? '';
    const filedTo = q.get('filedTo') ?? '';
    // the cursors of the pages before this one, so "previous" needs no server support
    const trail = (q.get('trail') ?? '').split(',').filter(Boolean);
    const cursor = q.get('cursor') ?? undefined;

    const field = (id: string, text: string, control: HTMLElement, hint?: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { for: id }, text), control, hint);
    const options = (values: string[], prefix: string, selected: string, first: [string, string]) => [
      h('option', { value: first[0] }, first[1]),
      ...values.map((v) => h('option', { value: v, selected: v === selected }, label(prefix, v))),
    ];
    const form = h(
      'form',
      { class: 'filters', 'aria-label': t('list.filters'), id: 'ring-filters' },
      field(
        'f-min-score',
        t('list.minScore'),
        h('input', {
          id: 'f-min-score',
          name: 'minScore',
          type: 'number',
          min: 0,
          max: 100,
          step: 1,
          value: minScore,
        }),
      ),
      field(
        'f-min-probability',
        t('list.minProbability'),
        h('input', {
          id: 'f-min-probability',
          name: 'minProbability',
          type: 'number',
          min: 0,
          max: 100,
          step: 1,
          value: minProbability,
          'aria-describedby': 'f-min-probability-hint',
        }),
        h('span', { id: 'f-min-probability-hint', class: 'visually-hidden' }, t('list.minProbabilityHint')),
      ),
      field(
        'f-typology',
        t('list.typology'),
        h(
          'select',
          { id: 'f-typology', name: 'typology' },
          options(TYPOLOGIES, 'typology', typology, ['', t('list.any')]),
        ),
      ),
      field(
        'f-status',
        t('list.status'),
        h(
          'select',
          { id: 'f-status', name: 'status' },
          options([...REVIEW_STATUSES, 'all'], 'status', status, ['', t('list.defaultStatus')]).map((o) => {
            if ((o as HTMLOptionElement).value === 'all') o.textContent = t('list.allStatuses');
            return o;
          }),
        ),
      ),
      field(
        'f-institution',
        t('list.institution'),
        h('input', { id: 'f-institution', name: 'institution', maxlength: 200, value: institution }),
      ),
      field(
        'f-filed-from',
        t('list.filedFrom'),
        h('input', { id: 'f-filed-from', name: 'filedFrom', type: 'date', value: filedFrom }),
      ),
      field(
        'f-filed-to',
        t('list.filedTo'),
        h('input', { id: 'f-filed-to', name: 'filedTo', type: 'date', value: filedTo }),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, t('list.apply')),
        h('a', { href: href.rings(), class: 'button' }, t('list.reset')),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const next = new URLSearchParams();
      for (const k of FILTERS) {
        const v = String(data.get(k) ?? '');
        if (v) next.set(k, v);
      }
      location.hash = href.rings(next);
    });

    const results = h('div', { id: 'ring-results', 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    clear(main);
    main.append(h('h1', {}, t('list.title')), form, results);

    let page: RingPage;
    try {
      page = await getJson<RingPage>(
        `/v1/rings${query({
          minScore,
          minProbability: minProbability === '' ? undefined : Number(minProbability) / 100,
          typology,
          status,
          institution,
          filedFrom,
          filedTo,
          limit: PAGE_SIZE,
          cursor,
        })}`,
      );
    } catch (e) {
      clear(results);
      results.append(errorBlock(e));
      return;
    }
    clear(results);
    if (!page.runId) {
      results.append(h('p', {}, t('list.noRun')));
      return;
    }
    const showProbability = page.rings.some((r) => typeof r.probability === 'number');
    // the list is usable at once; what changed since the last run fills in when its (larger) answer arrives
    const changeCells = new Map<string, HTMLElement>();
    const changeCell = (id: string) => {
      const c = h('span', { class: 'change', 'data-ring': id }, '…');
      changeCells.set(id, c);
      return c;
    };
    const headers = [
      t('list.rank'),
      t('list.ring'),
      t('list.typology'),
      t('list.score'),
      ...(showProbability ? [t('list.probability')] : []),
      t('list.size'),
      t('list.organizer'),
      t('list.status'),
      t('list.change'),
    ];
    const rows = page.rings.map((r) => [
      String(r.rank),
      h('a', { href: href.ring(r.id), class: 'ring-link' }, r.id),
      label('typology', r.typology),
      h('span', { class: 'score' }, formatNumber(r.score)),
      ...(showProbability
        ? [typeof r.probability === 'number' ? `${formatNumber(r.probability * 100, 0)}%` : '—']
        : []),
      String(r.size),
      r.organizerId ? h('a', { href: href.actor(r.organizerId) }, r.organizerId) : '—',
      h('span', { class: `badge status-${r.status}` }, label('status', r.status)),
      changeCell(r.id),
    ]);
    results.append(
      h(
        'p',
        { class: 'meta' },
        t('list.run', { runId: page.runId }),
        ' · ',
        t('list.count', { n: page.rings.length }),
      ),
      page.rings.length === 0
        ? h('p', {}, t('list.empty'))
        : table(t('list.caption'), headers, rows, 'data rings'),
    );
    const nav = h('nav', { class: 'pager', 'aria-label': t('list.page', { n: trail.length + 1 }) });
    const base = new URLSearchParams();
    for (const k of FILTERS) {
      const v = q.get(k);
      if (v) base.set(k, v);
    }
    if (cursor) {
      const prev = new URLSearchParams(base);
      const before = trail.slice(0, -1);
      const prevCursor = trail[trail.length - 1];
      if (prevCursor && prevCursor !== '-') prev.set('cursor', prevCursor);
      if (before.length) prev.set('trail', before.join(','));
      nav.append(h('a', { href: href.rings(prev), class: 'button', rel: 'prev' }, t('list.prev')));
    }
    nav.append(h('span', {}, t('list.page', { n: trail.length + 1 })));
    if (page.nextCursor) {
      const next = new URLSearchParams(base);
      next.set('cursor', page.nextCursor);
      next.set('trail', [...trail, cursor ?? '-'].join(','));
      nav.append(h('a', { href: href.rings(next), class: 'button', rel: 'next' }, t('list.next')));
    }
    results.append(nav);
    void changesOf(page.runId).then((changes) => {
      for (const [id, cell] of changeCells) cell.textContent = changeText(changes.get(id));
    });
  };
}
