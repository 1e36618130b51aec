// The ring page: graph, members by role, a node's evidence, score and counter-evidence, review, timeline, money,
// near-identical texts, history, filings and exports.
import { getJson } from './api-client.js';
import {
  victimId,
  type CounterEvidence,
  type Filing,
  type RingHistory,
  type RingReport,
} from './api-types.js';
import { clear, h, section, table } from './dom.js';
import { evidenceList } from './evidence-list.js';
import { exportButtons } from './export-buttons.js';
import { formatNumber, formatTime, label, t } from './i18n.js';
import { drawRingGraph, type RingGraphView } from './ring-graph.js';
import { ringGraphModel, type GraphNode } from './ring-graph-model.js';
import { reviewPanel } from './review-panel.js';
import { href } from './router.js';
import { can } from './session.js';
import { textCompare } from './text-compare.js';
import { errorBlock, type View, type ViewContext } from './view-context.js';

/** What tests and scripts can reach on the ring page (the graph is a canvas). */
export interface RingPageHook {
  ringId: string;
  graph: RingGraphView;
}
declare global {
  interface Window {
    ringmapConsole?: { ringPage?: RingPageHook };
  }
}

const ROLE_ORDER = ['organizer', 'agent', 'member'];

function fact(term: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function counterText(c: CounterEvidence): string {
  if (typeof c === 'string') return c;
  const text = c.reason ?? c.explanation ?? c.detail ?? '';
  return [c.pattern ?? c.kind, text].filter(Boolean).join(': ');
}

function legend(): HTMLElement {
  const items: [string, string][] = [
    ['organizer', label('memberRole', 'organizer')],
    ['agent', label('memberRole', 'agent')],
    ['member', label('memberRole', 'member')],
    ['victim', label('memberRole', 'victim')],
    ['phone', label('node', 'phone')],
    ['account', label('node', 'account')],
    ['device', label('node', 'device')],
    ['identifier', label('node', 'identifier')],
    ['complaint', label('node', 'complaint')],
    ['claim', label('node', 'claim')],
  ];
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('ring.legend') },
    ...items.map(([k, text]) =>
      h('li', {}, h('span', { class: `swatch swatch-${k}`, 'aria-hidden': 'true' }), text),
    ),
    h(
      'li',
      {},
      h('span', { class: 'swatch-line transfer', 'aria-hidden': 'true' }),
      label('node', 'transfer'),
    ),
  );
}

function nodeDetails(ring: RingReport, node: GraphNode | null, filings: Map<string, Filing>): HTMLElement[] {
  if (!node) return [h('p', { class: 'meta' }, t('ring.selectHint'))];
  if (node.kind === 'member') {
    const m = ring.members.find((x) => x.id === node.ref);
    if (!m) return [];
    return [
      h('h3', {}, m.name ? `${m.name} · ${m.id}` : m.id),
      h(
        'p',
        {},
        h('span', { class: `badge role-${m.role}` }, label('memberRole', m.role)),
        ' ',
        label('actorKind', m.kind),
      ),
      h('p', { class: 'summary' }, m.summary),
      h('p', { class: 'meta' }, `${t('common.sources')}: ${m.sources.join(', ') || '—'}`),
      h('h4', {}, t('ring.evidence')),
      evidenceList(m.evidence),
      h('p', {}, h('a', { href: href.actor(m.id) }, t('ring.actorPage'))),
    ];
  }
  if (node.kind === 'victim') {
    const v = (ring.victims ?? []).find((x) => victimId(x) === node.ref);
    const obj = typeof v === 'object' ? v : undefined;
    const out: HTMLElement[] = [
      h('h3', {}, node.label === node.ref ? node.ref : `${node.label} · ${node.ref}`),
      h('p', {}, h('span', { class: 'badge role-victim' }, label('memberRole', 'victim'))),
    ];
    if (obj?.reason) out.push(h('p', { class: 'summary' }, obj.reason));
    if (obj?.identifiers?.length)
      out.push(
        h('p', {}, `${t('ring.identifier')}: `, ...obj.identifiers.map((x) => h('code', {}, `${x} `))),
      );
    if (obj?.recordIds?.length)
      out.push(h('p', { class: 'ev-meta' }, `${t('ring.records')}: ${obj.recordIds.join(', ')}`));
    if (obj?.sources?.length || obj?.firstAt)
      out.push(
        h(
          'p',
          { class: 'ev-meta' },
          `${t('common.sources')}: ${(obj.sources ?? []).join(', ') || '—'} · ${t('common.date')}: ${formatTime(obj.firstAt)}`,
          obj.lastAt && obj.lastAt !== obj.firstAt ? ` – ${formatTime(obj.lastAt)}` : '',
        ),
      );
    out.push(h('p', {}, h('a', { href: href.actor(node.ref) }, t('ring.actorPage'))));
    return out;
  }
  if (node.kind === 'identifier') {
    const s = ring.sharedIdentifiers.find((x) => x.identifier === node.ref);
    const out: HTMLElement[] = [h('h3', {}, `${label('node', node.category)} `, h('code', {}, node.ref))];
    if (s)
      out.push(
        h('p', {}, t('ring.sharedBy', { n: s.memberIds.length, total: s.actorCount })),
        h('p', {}, ...s.memberIds.flatMap((id, i) => [i ? ', ' : '', h('a', { href: href.actor(id) }, id)])),
      );
    return out;
  }
  const f = filings.get(node.ref);
  if (!f) return [h('h3', {}, node.ref)];
  return [
    h('h3', {}, `${label('node', node.category)} ${f.id}`),
    h(
      'dl',
      { class: 'facts' },
      ...fact(t('ring.filedBy'), h('a', { href: href.actor(f.filedBy) }, f.filedBy)),
      ...fact(t('ring.filedAt'), formatTime(f.filedAt)),
      ...fact(t('ring.institution'), f.institution),
      ...fact(t('common.kind'), f.category ?? f.kind ?? '—'),
      ...(f.contactPhone ? fact(t('triage.contactPhone'), f.contactPhone) : []),
      ...(f.payoutAccount ? fact(t('triage.payoutAccount'), f.payoutAccount) : []),
      ...(f.representativeId ? fact(t('triage.representative'), f.representativeId) : []),
      ...(typeof f.amount === 'number' ? fact(t('common.amount'), formatNumber(f.amount, 2)) : []),
      ...fact(t('common.sources'), f.source ?? '—'),
    ),
    f.text ? h('blockquote', { class: 'complaint-text' }, f.text) : h('span'),
  ];
}

function breakdown(ring: RingReport): HTMLElement {
  return table(
    t('ring.breakdown'),
    [t('ring.component'), t('ring.points'), t('ring.weight'), t('ring.explanation')],
    ring.scoreBreakdown.map((c) => [
      label('component', c.component),
      h(
        'span',
        { class: 'bar-cell' },
        h('meter', {
          min: 0,
          max: c.weight || 1,
          value: c.points,
          'aria-label': label('component', c.component),
        }),
        ` ${formatNumber(c.points, 1)}`,
      ),
      formatNumber(c.weight, 0),
      c.explanation,
    ]),
  );
}

function probabilityTerms(ring: RingReport): HTMLElement | null {
  const terms = ring.probabilityTerms ?? [];
  if (!terms.length) return null;
  return table(
    t('ring.probabilityTerms'),
    [t('ring.feature'), t('ring.part'), t('ring.value'), t('ring.logOdds')],
    terms.map((x) => [
      x.feature,
      x.part,
      formatNumber(x.value, 3),
      (x.logOdds > 0 ? '+' : '') + formatNumber(x.logOdds, 2),
    ]),
  );
}

function timeline(ring: RingReport): HTMLElement[] {
  const max = Math.max(1, ...ring.timeline.map((d) => d.filings.length + d.transfers.length));
  const rows = ring.timeline.map((d) => [
    d.date,
    h(
      'span',
      { class: 'bar-cell' },
      h('meter', { min: 0, max, value: d.filings.length, 'aria-label': t('ring.filings') }),
      ` ${d.filings.length}`,
    ),
    String(d.transfers.length),
    [...new Set(d.filings.map((f) => f.institution))].join(', '),
  ]);
  const out: HTMLElement[] = [
    table(
      t('ring.timeline'),
      [t('common.date'), t('ring.filings'), t('ring.transfers'), t('ring.institution')],
      rows,
    ),
  ];
  if (ring.bursts.length)
    out.push(
      h('h3', {}, t('ring.bursts')),
      h(
        'ul',
        {},
        ...ring.bursts.map((b) =>
          h(
            'li',
            {},
            t('ring.burst', {
              from: formatTime(b.from),
              to: formatTime(b.to),
              n: b.memberIds.length,
              institution: b.institution,
            }),
          ),
        ),
      ),
    );
  return out;
}

function moneyFlows(ring: RingReport): HTMLElement {
  if (ring.moneyFlows.length === 0) return h('p', {}, t('common.none'));
  return table(
    t('ring.money'),
    [
      t('ring.flowKind'),
      t('ring.from'),
      t('ring.to'),
      t('common.count'),
      t('common.amount'),
      t('common.date'),
    ],
    ring.moneyFlows.map((f) => [
      label('flow', f.kind),
      `${f.from} (${f.fromActorIds.join(', ')})`,
      `${f.to} (${f.toActorIds.join(', ') || '—'})`,
      String(f.count),
      formatNumber(f.amount, 2),
      `${formatTime(f.firstAt)}${f.lastAt && f.lastAt !== f.firstAt ? ` – ${formatTime(f.lastAt)}` : ''}`,
    ]),
  );
}

function templates(ring: RingReport, filings: Map<string, Filing>): HTMLElement[] {
  if (ring.templates.length === 0) return [h('p', {}, t('common.none'))];
  return ring.templates.map((tp) => {
    const texts = tp.filingIds
      .map((id) => filings.get(id))
      .filter((f): f is Filing => !!f?.text)
      .map((f) => ({ id: f.id, text: f.text! }));
    const first = texts[0];
    const other = texts.find((x) => first && x.text !== first.text) ?? texts[1];
    return h(
      'div',
      { class: 'template' },
      h(
        'h3',
        {},
        t('ring.templateHead', {
          id: tp.templateId,
          n: tp.memberCount,
          total: tp.actorCount,
          sim: formatNumber(tp.meanSimilarity, 2),
        }),
      ),
      first && other ? textCompare(first, other) : h('p', { class: 'diff-text' }, tp.text),
    );
  });
}

async function history(ring: RingReport): Promise<HTMLElement> {
  try {
    const hst = await getJson<RingHistory>(`/v1/rings/${encodeURIComponent(ring.id)}/history`);
    return table(
      t('ring.history'),
      [t('ring.runId'), t('ring.finished'), t('ring.score'), t('ring.size'), t('ring.event')],
      hst.runs.map((r) => [
        r.runId,
        formatTime(r.finishedAt),
        formatNumber(r.snapshot.score),
        String(r.snapshot.size),
        r.events
          .map(
            (e) =>
              `${label('event', e.event)}${e.from && e.from.length && e.from[0] !== ring.id ? ` ← ${e.from.join(', ')}` : ''}`,
          )
          .join('; ') || '—',
      ]),
    );
  } catch (e) {
    return errorBlock(e);
  }
}

function filingsTable(ring: RingReport): HTMLElement {
  const all = [...ring.complaints, ...ring.claims];
  return table(
    t('ring.complaints'),
    [t('common.id'), t('ring.filedBy'), t('ring.filedAt'), t('ring.institution'), t('ring.text')],
    all.map((f) => [
      f.id,
      h('a', { href: href.actor(f.filedBy) }, f.filedBy),
      formatTime(f.filedAt),
      f.institution,
      f.text ?? f.kind ?? '',
    ]),
    'data filings',
  );
}

export function ringPageView(id: string): View {
  return async (ctx: ViewContext) => {
    const { main } = ctx;
    clear(main);
    main.append(h('h1', {}, t('ring.title', { id })), h('p', {}, t('common.loading')));
    let ring: RingReport;
    try {
      ring = await getJson<RingReport>(`/v1/rings/${encodeURIComponent(id)}`);
    } catch (e) {
      clear(main);
      main.append(h('h1', {}, t('ring.title', { id })), errorBlock(e));
      return;
    }
    const filings = new Map([...ring.complaints, ...ring.claims].map((f) => [f.id, f]));
    const statusBadge = h(
      'span',
      { class: `badge status-${ring.review.status}`, id: 'ring-status' },
      label('status', ring.review.status),
    );
    const header = h(
      'header',
      { class: 'ring-head' },
      h('h1', {}, t('ring.title', { id: ring.id })),
      h(
        'dl',
        { class: 'facts inline' },
        ...fact(t('ring.typology'), label('typology', ring.typology)),
        ...fact(t('ring.score'), h('strong', {}, formatNumber(ring.score))),
        ...(typeof ring.probability === 'number'
          ? fact(t('ring.probability'), `${formatNumber(ring.probability * 100, 0)}%`)
          : []),
        ...fact(t('ring.size'), String(ring.size)),
        ...fact(t('ring.status'), statusBadge),
      ),
      h('p', { class: 'reason' }, h('span', { class: 'meta' }, `${t('ring.reason')}: `), ring.typologyReason),
    );

    // graph, with the members list beside it (the keyboard's way into the graph) and the selected node's evidence
    const model = ringGraphModel(ring);
    const graphBox = h('div', { id: 'graph', class: 'graph', role: 'img', 'aria-label': t('ring.graph') });
    const details = h(
      'div',
      { id: 'node-panel', class: 'node-panel', 'aria-live': 'polite' },
      ...nodeDetails(ring, null, filings),
    );
    const memberButtons = new Map<string, HTMLButtonElement>();
    const roleGroups = ROLE_ORDER.map((role) => {
      const ms = ring.members.filter((m) => m.role === role);
      if (!ms.length) return null;
      return h(
        'div',
        { class: 'role-group' },
        h('h3', {}, `${label('memberRole', role)} (${ms.length})`),
        h(
          'ul',
          { class: 'member-list' },
          ...ms.map((m) => {
            const b = h(
              'button',
              { type: 'button', class: 'link', 'data-actor': m.id },
              m.name ? `${m.name} · ${m.id}` : m.id,
            );
            memberButtons.set(`actor:${m.id}`, b);
            return h('li', {}, h('span', { class: `swatch swatch-${role}`, 'aria-hidden': 'true' }), b);
          }),
        ),
      );
    });
    const victims = ring.victims ?? [];
    const victimGroup = victims.length
      ? h(
          'div',
          { class: 'role-group' },
          h('h3', {}, `${t('ring.victims')} (${victims.length})`),
          h(
            'ul',
            { class: 'member-list' },
            ...victims.map((v) => {
              const vid = victimId(v);
              const b = h('button', { type: 'button', class: 'link', 'data-actor': vid }, vid);
              memberButtons.set(`actor:${vid}`, b);
              return h('li', {}, h('span', { class: 'swatch swatch-victim', 'aria-hidden': 'true' }), b);
            }),
          ),
        )
      : null;
    const graphSection = section(
      'ring-graph',
      t('ring.graph'),
      h('p', { class: 'meta' }, t('ring.graphHelp')),
      h(
        'div',
        { class: 'graph-layout' },
        h('div', { class: 'graph-col' }, graphBox, legend()),
        h('aside', { class: 'side' }, details, h('h3', {}, t('ring.members')), ...roleGroups, victimGroup),
      ),
    );

    const body = h('div', { class: 'ring-grid' });
    const counter = ring.counterEvidence ?? [];
    body.append(
      section(
        'ring-breakdown',
        t('ring.breakdown'),
        breakdown(ring),
        ...(ring.probabilityTerms?.length
          ? [h('h3', {}, t('ring.probabilityTerms')), probabilityTerms(ring)]
          : []),
      ),
      section(
        'ring-counter',
        t('ring.counterEvidence'),
        counter.length
          ? h('ul', {}, ...counter.map((c) => h('li', {}, counterText(c))))
          : h('p', { class: 'meta' }, t('ring.noCounterEvidence')),
      ),
      section(
        'ring-review',
        t('review.title'),
        reviewPanel(ring, (s) => {
          statusBadge.textContent = label('status', s);
          statusBadge.className = `badge status-${s}`;
        }),
      ),
      ...(can('prosecutor')
        ? [section('ring-export', t('ring.export'), exportButtons(ring.id, ctx.announce))]
        : []),
      section('ring-timeline', t('ring.timeline'), ...timeline(ring)),
      section('ring-money', t('ring.money'), moneyFlows(ring)),
      section('ring-templates', t('ring.templates'), ...templates(ring, filings)),
    );
    const historySection = section('ring-history', t('ring.history'), h('p', {}, t('common.loading')));
    body.append(historySection, section('ring-filings', t('ring.complaints'), filingsTable(ring)));

    clear(main);
    main.append(
      h('p', {}, h('a', { href: href.rings() }, `← ${t('nav.rings')}`)),
      header,
      graphSection,
      body,
    );

    const view = drawRingGraph(graphBox, model, (node) => {
      details.replaceChildren(...nodeDetails(ring, node, filings));
      details.dataset.node = node?.key ?? '';
      for (const [k, b] of memberButtons) b.setAttribute('aria-pressed', String(k === node?.key));
    });
    for (const [key, b] of memberButtons) b.addEventListener('click', () => view.select(key));
    window.ringmapConsole = { ...window.ringmapConsole, ringPage: { ringId: ring.id, graph: view } };
    ctx.onLeave(() => {
      view.kill();
      if (window.ringmapConsole) delete window.ringmapConsole.ringPage;
    });
    const hist = await history(ring);
    historySection.replaceChildren(historySection.firstChild!, hist);
  };
}
