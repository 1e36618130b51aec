// Detection runs: the list, a run's stages and timings (polled live while it runs), and starting a run.
import { getJson, postJson } from './api-client.js';
import type { RunDetail, RunSummary } from './api-types.js';
import { clear, h, section, table } from './dom.js';
import { formatNumber, formatTime, label, t } from './i18n.js';
import type { MessageKey } from './messages.js';
import { href } from './router.js';
import { can } from './session.js';
import { errorBlock, type View } from './view-context.js';

const POLL_MS = 1000;
const PARAMS: { name: string; key: MessageKey; step: string }[] = [
  { name: 'seed', key: 'runs.seed', step: '1' },
  { name: 'resolution', key: 'runs.resolution', step: '0.1' },
  { name: 'hubThreshold', key: 'runs.hubThreshold', step: '1' },
  { name: 'minRingSize', key: 'runs.minRingSize', step: '1' },
  { name: 'reportMinScore', key: 'runs.reportMinScore', step: '1' },
];

const progress = (r: RunSummary) =>
  h(
    'span',
    { class: 'bar-cell' },
    h('progress', { max: 1, value: r.progress, 'aria-label': t('runs.progress') }),
    ` ${Math.round(r.progress * 100)}%`,
  );

function startForm(): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'run-form', id: 'run-form' },
    h(
      'div',
      { class: 'grid-fields' },
      ...PARAMS.map((p) =>
        h(
          'div',
          { class: 'field' },
          h('label', { for: `run-${p.name}` }, t(p.key)),
          h('input', { id: `run-${p.name}`, name: p.name, type: 'number', step: p.step, min: 0 }),
        ),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('runs.start'))),
    out,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = new FormData(form);
    const body: Record<string, number> = {};
    for (const p of PARAMS) {
      const v = String(d.get(p.name) ?? '').trim();
      if (v) body[p.name] = Number(v);
    }
    postJson<{ runId: string }>('/v1/runs', body).then(
      (r) => (location.hash = href.run(r.runId)),
      (e: unknown) => out.replaceChildren(errorBlock(e)),
    );
  });
  return form;
}

export function runsView(): View {
  return async ({ main }) => {
    clear(main);
    main.append(h('h1', {}, t('runs.title')));
    if (can('analyst')) main.append(section('run-start', t('runs.start'), startForm()));
    try {
      const { runs } = await getJson<{ runs: RunSummary[] }>('/v1/runs?limit=50');
      main.append(
        table(
          t('runs.title'),
          [
            t('runs.id'),
            t('runs.status'),
            t('runs.stage'),
            t('runs.progress'),
            t('runs.startedAt'),
            t('runs.finishedAt'),
          ],
          runs.map((r) => [
            h('a', { href: href.run(r.id) }, r.id),
            label('runStatus', r.status),
            r.stage,
            progress(r),
            formatTime(r.startedAt),
            formatTime(r.finishedAt),
          ]),
        ),
      );
    } catch (e) {
      main.append(errorBlock(e));
    }
  };
}

function runBody(r: RunDetail): HTMLElement[] {
  const stages = Object.entries(r.stages ?? {});
  const stats = r.stats ?? {};
  const statRows = Object.entries(stats)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [k, formatNumber(v as number, 3)]);
  return [
    h(
      'dl',
      { class: 'facts inline' },
      h('dt', {}, t('runs.status')),
      h('dd', { id: 'run-status', 'data-status': r.status }, label('runStatus', r.status)),
      h('dt', {}, t('runs.stage')),
      h('dd', {}, r.stage),
      h('dt', {}, t('runs.progress')),
      h('dd', {}, progress(r)),
      h('dt', {}, t('runs.startedAt')),
      h('dd', {}, formatTime(r.startedAt)),
      h('dt', {}, t('runs.finishedAt')),
      h('dd', {}, formatTime(r.finishedAt)),
    ),
    r.error ? h('p', { class: 'error' }, `${t('runs.error')}: ${r.error}`) : h('span'),
    h(
      'div',
      { class: 'ring-grid' },
      section(
        'run-stages',
        t('runs.stages'),
        table(
          t('runs.stages'),
          [t('runs.stage'), t('runs.ms')],
          stages.map(([k, v]) => [k, formatNumber(v.ms, 0)]),
        ),
      ),
      section(
        'run-stats',
        t('runs.stats'),
        table(t('runs.stats'), [t('runs.measure'), t('runs.value')], statRows),
      ),
      section(
        'run-params',
        t('runs.params'),
        // focusable: a long parameter line scrolls sideways, and the keyboard must be able to scroll it
        h('pre', { class: 'mono', tabindex: 0 }, JSON.stringify(r.params, null, 2)),
      ),
      section(
        'run-hubs',
        t('runs.hubs'),
        r.hubs?.items.length
          ? h(
              'ul',
              {},
              ...r.hubs.items.map((x) =>
                h(
                  'li',
                  {},
                  `${label('node', x.identifierKind)} `,
                  h('code', {}, x.identifier),
                  ` · ${x.actorCount}`,
                ),
              ),
            )
          : h('p', {}, t('common.none')),
      ),
    ),
  ];
}

export function runView(id: string): View {
  return async ({ main, onLeave }) => {
    clear(main);
    const body = h('div', {});
    const live = h('p', { class: 'meta', hidden: true }, t('runs.live'));
    main.append(h('p', {}, h('a', { href: href.runs() }, `← ${t('nav.runs')}`)), h('h1', {}, id), live, body);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let left = false;
    onLeave(() => {
      left = true;
      if (timer) clearTimeout(timer);
    });
    const load = async () => {
      try {
        const r = await getJson<RunDetail>(`/v1/runs/${encodeURIComponent(id)}`);
        if (left) return;
        body.replaceChildren(...runBody(r));
        const running = r.status === 'queued' || r.status === 'running';
        live.hidden = !running;
        if (running) timer = setTimeout(() => void load(), POLL_MS);
      } catch (e) {
        if (!left) body.replaceChildren(errorBlock(e));
      }
    };
    await load();
  };
}
