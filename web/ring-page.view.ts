// The ring page: graph, members by role, a node's evidence, score and counter-evidence, review, timeline, money,
// near-identical texts, history, filings and exports.
import { getJson } from './api-client.js';
import type { CounterEvidence, Filing, RingHistory, RingReport, Victim } from './api-types.js';
import { clear, h, section, table } from './dom.js';
import { evidenceList } from './evidence-list.js';
import { exportButtons } from './export-buttons.js';
import { formatNumber, formatTime, label, t } from './i18n.js';
import type { RingGraphView } from './ring-graph.js';
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

function counterEvidence(list: CounterEvidence[]): HTMLElement[] {
  if (!list.length) return [h('p', { class: 'meta' }, t('ring.noCounterEvidence'))];
  return [
    h('p', { class: 'meta' }, t('ring.counterHelp')),
    h(
      'ul',
      { class: 'counter-evidence' },
      ...list.map((c) =>
        h(
          'li',
          { 'data-pattern': c.pattern },
          h('strong', {}, label('pattern', c.pattern)),
          h('p', { class: 'summary' }, c.reason),
        ),
      ),
    ),
  ];
}

/** A victim's facts: what it named, whose, in which filings, from which sources and when. */
function victimDetails(v: Victim): HTMLElement[] {
  return [
    h('p', {}, h('span', { class: 'badge role-victim' }, label('memberRole', 'victim'))),
    h('p', { class: 'summary' }, v.reason),
    h(
      'dl',
      { class: 'facts' },
      ...fact(
        t('ring.namedIdentifiers'),
        ...v.identifiers.flatMap((x, i) => [i ? ' ' : '', h('code', {}, x)]),
      ),
      ...fact(
        t('ring.namedMembers'),
        ...v.namedMemberIds.flatMap((id, i) => [i ? ', ' : '', h('a', { href: href.actor(id) }, id)]),
      ),
      ...fact(t('ring.records'), v.recordIds.join(', ') || '—'),
      ...fact(t('common.sources'), v.sources.join(', ') || '—'),
      ...fact(
        t('common.date'),
        `${formatTime(v.firstAt)}${v.lastAt && v.lastAt !== v.firstAt ? ` – ${formatTime(v.lastAt)}` : ''}`,
      ),
    ),
  ];
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
    const v = (ring.victims ?? []).find((x) => x.actorId === node.ref);
    return [
      h('h3', {}, node.ref),
      ...(v ? victimDetails(v) : []),
      h('p', {}, h('a', { href: href.actor(node.ref) }, t('ring.actorPage'))),
    ];
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
      label('feature', x.feature),
      label('part', x.part),
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
    // NOTE: sigma and graphology are most of the console's code and only this page draws: they load on demand, in
    // parallel with the ring's report, so signing in and the ring list do not wait for them
    const graphCode = import('./ring-graph.js');
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
    const graphBox = h('div', {
      id: 'graph',
      class: 'graph',
      role: 'img',
      'aria-label': t('ring.graphLabel', { members: ring.members.length, nodes: model.nodes.length }),
      'aria-describedby': 'graph-help',
    });
    const details = h(
      'div',
      { id: 'node-panel', class: 'node-panel', 'aria-live': 'polite' },
      ...nodeDetails(ring, null, filings),
    );
    // every member, victim and shared identifier as a button: the keyboard's (and a screen reader's) way into
    // the graph, selecting the same node a click on the canvas selects
    const nodeButtons = new Map<string, HTMLButtonElement>();
    // the graph's selection, once the graph is drawn
    let select: (key: string | null) => void = () => {};
    const nodeButton = (key: string, text: string, swatch: string, actorId?: string) => {
      const b = h(
        'button',
        {
          type: 'button',
          class: 'link',
          'data-node': key,
          'data-actor': actorId,
          'aria-controls': 'node-panel',
          'aria-pressed': 'false',
        },
        text,
      );
      nodeButtons.set(key, b);
      return h('li', {}, h('span', { class: `swatch swatch-${swatch}`, 'aria-hidden': 'true' }), b);
    };
    const group = (title: string, items: HTMLElement[], help?: string) =>
      items.length
        ? h(
            'div',
            { class: 'role-group' },
            h('h4', {}, `${title} (${items.length})`),
            help ? h('p', { class: 'meta' }, help) : null,
            h('ul', { class: 'member-list' }, ...items),
          )
        : null;
    const roleGroups = ROLE_ORDER.map((role) =>
      group(
        label('memberRole', role),
        ring.members
          .filter((m) => m.role === role)
          .map((m) => nodeButton(`actor:${m.id}`, m.name ? `${m.name} · ${m.id}` : m.id, role, m.id)),
      ),
    );
    const victimGroup = group(
      t('ring.victims'),
      model.nodes.filter((n) => n.kind === 'victim').map((n) => nodeButton(n.key, n.label, 'victim', n.ref)),
      t('ring.victimsHelp'),
    );
    const identifierGroup = group(
      t('ring.sharedIdentifiers'),
      model.nodes
        .filter((n) => n.kind === 'identifier')
        .map((n) => nodeButton(n.key, `${label('node', n.category)} ${n.label}`, n.category)),
    );
    const nodeList = h(
      'nav',
      { class: 'node-list', 'aria-labelledby': 'node-list-title' },
      h('h3', { id: 'node-list-title' }, t('ring.members')),
      ...roleGroups,
      victimGroup,
      identifierGroup,
    );
    // arrow keys move through the list, Home/End to its ends, Escape clears the selection
    nodeList.addEventListener('keydown', (ev) => {
      const all = [...nodeButtons.values()];
      const i = all.indexOf(ev.target as HTMLButtonElement);
      if (i < 0) return;
      const to =
        ev.key === 'ArrowDown'
          ? all[Math.min(i + 1, all.length - 1)]
          : ev.key === 'ArrowUp'
            ? all[Math.max(i - 1, 0)]
            : ev.key === 'Home'
              ? all[0]
              : ev.key === 'End'
                ? all[all.length - 1]
                : undefined;
      if (to) {
        ev.preventDefault();
        to.focus();
      } else if (ev.key === 'Escape') select(null);
    });
    const graphSection = section(
      'ring-graph',
      t('ring.graph'),
      h('p', { class: 'meta', id: 'graph-help' }, t('ring.graphHelp')),
      model.filingsLeftOut
        ? h('p', { class: 'meta' }, t('ring.filingsLeftOut', { n: model.filingsLeftOut }))
        : null,
      h(
        'div',
        { class: 'graph-layout' },
        h('div', { class: 'graph-col' }, graphBox, legend()),
        h('aside', { class: 'side' }, details, nodeList),
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
      section('ring-counter', t('ring.counterEvidence'), ...counterEvidence(counter)),
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

    const { drawRingGraph } = await graphCode;
    const graph = drawRingGraph(graphBox, model, (node) => {
      details.replaceChildren(...nodeDetails(ring, node, filings));
      details.dataset.node = node?.key ?? '';
      for (const [k, b] of nodeButtons) b.setAttribute('aria-pressed', String(k === node?.key));
    });
    select = graph.select;
    for (const [key, b] of nodeButtons) b.addEventListener('click', () => select(key));
    window.ringmapConsole = { ...window.ringmapConsole, ringPage: { ringId: ring.id, graph } };
    ctx.onLeave(() => {
      graph.kill();
      if (window.ringmapConsole) delete window.ringmapConsole.ringPage;
    });
    const hist = await history(ring);
    historySection.replaceChildren(historySection.firstChild!, hist);
  };
}
