/* global document, window */
// The script inlined into report.html: draws the ring with sigma and shows a clicked node's details and evidence.
// NOTE: plain JS because the project's TypeScript has no DOM library; esbuild bundles it with the TS it imports.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { nodeColor, nodeSize } from './export-graph.js';
import { layoutPositions } from './graph-layout.js';

const data = JSON.parse(document.getElementById('ringmap-data').textContent);

const graph = new MultiDirectedGraph();
for (const n of data.nodes) {
  graph.addNode(n.key, {
    label: n.label,
    kind: n.kind,
    size: nodeSize(n.kind, n.attributes),
    color: nodeColor(n.kind, n.attributes),
  });
}
for (const e of data.edges) {
  graph.addDirectedEdgeWithKey(e.key, e.from, e.to, {
    size: e.relationship === 'TRANSFERRED' ? 2 : 1,
    color: e.relationship === 'TRANSFERRED' ? '#d62728' : '#c8c8c8',
  });
}
const positions = layoutPositions(graph);
for (const [key, p] of Object.entries(positions)) graph.mergeNodeAttributes(key, p);

const nodesByKey = new Map(data.nodes.map((n) => [n.key, n]));
const edgesByKey = new Map(data.edges.map((e) => [e.key, e]));
const membersById = new Map(data.members.map((m) => [m.id, m]));

const container = document.getElementById('graph');
const renderer = new Sigma(graph, container, { labelRenderedSizeThreshold: 9 });

const panel = document.getElementById('panel');

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function table(rows) {
  const t = el('table', undefined, 'kv');
  for (const [k, v] of rows) {
    const tr = el('tr');
    tr.append(el('th', k), el('td', v));
    t.append(tr);
  }
  return t;
}

function evidenceList(member) {
  const list = el('ul', undefined, 'evidence');
  for (const ev of member.evidence || []) {
    const li = el('li');
    li.append(el('strong', ev.kind), document.createTextNode(` — ${ev.identifierKind} ${ev.identifier}`));
    const with_ = (ev.withActorIds || []).join(', ');
    const details = [
      `shared with ${ev.withCount} member(s)${with_ ? `: ${with_}` : ''}`,
      ev.ownRecordIds && ev.ownRecordIds.length ? `own records: ${ev.ownRecordIds.join(', ')}` : '',
      ev.sources && ev.sources.length ? `sources: ${ev.sources.join(', ')}` : '',
      ev.firstAt
        ? `from ${ev.firstAt}${ev.lastAt && ev.lastAt !== ev.firstAt ? ` to ${ev.lastAt}` : ''}`
        : '',
      `weight ${ev.weight}`,
    ].filter(Boolean);
    li.append(el('div', details.join(' · '), 'muted'));
    list.append(li);
  }
  return list;
}

let selected = null;

function showNode(key) {
  const n = nodesByKey.get(key);
  if (!n) return false;
  if (selected && graph.hasNode(selected)) renderer.setNodeState(selected, { isHighlighted: false });
  selected = key;
  renderer.setNodeState(key, { isHighlighted: true });
  panel.replaceChildren();
  panel.dataset.node = key;
  panel.append(el('h3', n.label));
  panel.append(el('div', n.kind + (n.attributes.role ? ` · ${n.attributes.role}` : ''), 'muted'));
  panel.append(table(Object.entries(n.attributes).map(([k, v]) => [k, v])));
  const member = n.kind === 'actor' ? membersById.get(String(n.attributes.ref)) : undefined;
  if (member) {
    panel.append(el('h4', 'Why this member is in the ring'));
    panel.append(el('p', member.summary));
    panel.append(evidenceList(member));
  }
  panel.append(el('h4', 'Links'));
  const links = el('ul', undefined, 'links');
  const seen = graph.edges(key);
  for (const ek of seen) {
    const e = edgesByKey.get(ek);
    if (!e) continue;
    const out = e.from === key;
    const other = nodesByKey.get(out ? e.to : e.from);
    const a = e.attributes;
    const li = el('li');
    li.append(
      el('strong', `${out ? '→' : '←'} ${a.label}`),
      document.createTextNode(` ${other ? other.label : ''}`),
    );
    const bits = [
      a.date ? `on ${a.date}` : '',
      a.amount !== undefined ? `amount ${a.amount}` : '',
      a.source ? `source ${a.source}` : '',
    ].filter(Boolean);
    if (bits.length) li.append(el('div', bits.join(' · '), 'muted'));
    links.append(li);
  }
  panel.append(links);
  return true;
}

renderer.on('clickNode', ({ node }) => showNode(node));

// Hooks for tests and for anyone scripting the page: find, locate and open nodes without guessing pixels.
window.ringmapReport = {
  nodeCount: graph.order,
  edgeCount: graph.size,
  nodeKeys: () => graph.nodes(),
  renderedNodeCount: () => graph.nodes().filter((k) => renderer.getNodeDisplayData(k) !== undefined).length,
  viewportPosition: (key) => {
    if (!graph.hasNode(key)) return null;
    const a = graph.getNodeAttributes(key);
    return renderer.graphToViewport({ x: a.x, y: a.y });
  },
  clickNode: showNode,
  selected: () => selected,
  ready: true,
};
document.body.dataset.ready = 'true';
