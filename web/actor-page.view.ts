// The actor page: identifiers, filings, the ring of the latest run and the evidence that puts the actor there.
import { getJson } from './api-client.js';
import type { ActorReport, ObservedTimes } from './api-types.js';
import { clear, h, section, table } from './dom.js';
import { evidenceList } from './evidence-list.js';
import { formatNumber, formatTime, label, t } from './i18n.js';
import { href } from './router.js';
import { errorBlock, type View } from './view-context.js';

export function actorPageView(id: string): View {
  return async ({ main }) => {
    clear(main);
    main.append(h('h1', {}, t('actor.title', { id })), h('p', {}, t('common.loading')));
    let a: ActorReport;
    try {
      a = await getJson<ActorReport>(`/v1/actors/${encodeURIComponent(id)}`);
    } catch (e) {
      clear(main);
      main.append(h('h1', {}, t('actor.title', { id })), errorBlock(e));
      return;
    }
    const dl = h(
      'dl',
      { class: 'facts inline' },
      h('dt', {}, t('common.name')),
      h('dd', {}, a.name ?? '—'),
      h('dt', {}, t('actor.kind')),
      h('dd', {}, label('actorKind', a.kind)),
      h('dt', {}, t('common.sources')),
      h('dd', {}, (a.sources ?? (a.source ? [a.source] : [])).join(', ') || '—'),
      h('dt', {}, t('actor.firstLoadedAt')),
      h('dd', {}, formatTime(a.firstLoadedAt)),
    );
    const identifiers = table(
      t('actor.identifiers'),
      [t('common.kind'), t('ring.identifier'), t('common.sources'), t('actor.observed')],
      [
        ...a.phones.map((p) => [t('actor.phones'), h('code', {}, p.number), p.source ?? '', observed(p)]),
        ...a.accounts.map((x) => [
          t('actor.accounts'),
          h('code', {}, x.id),
          [x.kind, x.institution, x.source].filter(Boolean).join(' · '),
          observed(x),
        ]),
        ...a.devices.map((d) => [t('actor.devices'), h('code', {}, d.id), d.source ?? '', observed(d)]),
      ],
    );
    const ring = a.ring
      ? [
          h(
            'p',
            {},
            h('a', { href: href.ring(a.ring.id), class: 'ring-link' }, a.ring.id),
            ` · ${label('typology', a.ring.typology)} · ${t('ring.score')} ${formatNumber(a.ring.score)} · ${t('actor.role')}: `,
            h('span', { class: `badge role-${a.ring.role}` }, label('memberRole', a.ring.role)),
          ),
          h('p', { class: 'summary' }, a.ring.summary),
          h('h3', {}, t('ring.evidence')),
          evidenceList(a.ring.evidence),
        ]
      : [h('p', {}, t('actor.noRing'))];
    clear(main);
    main.append(
      h('h1', {}, t('actor.title', { id: a.id })),
      dl,
      a.hasIdNumber ? h('p', { class: 'meta' }, t('actor.hasIdNumber')) : '',
      h(
        'div',
        { class: 'ring-grid' },
        section('actor-ring', t('actor.ring'), ...ring),
        section('actor-identifiers', t('actor.identifiers'), identifiers),
        section(
          'actor-filings',
          t('actor.filings'),
          a.filingIds.length
            ? h('ul', { class: 'inline-list' }, ...a.filingIds.map((f) => h('li', {}, f)))
            : h('p', {}, t('common.none')),
        ),
      ),
    );
  };
}

/** When the sources say a tie held: one time, a span, or a dash when none said (never when it was loaded). */
function observed(x: ObservedTimes): string {
  const first = x.observedAt ?? null;
  const last = x.lastObservedAt ?? null;
  if (first === null && last === null) return '—';
  if (first === null || last === null || first === last) return formatTime(first ?? last);
  return `${formatTime(first)} – ${formatTime(last)}`;
}
