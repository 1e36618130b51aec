/* global document, window */
// The script inlined into report.html: draws the ring with sigma and shows a clicked node's details and evidence.
// NOTE: plain JS because the project's TypeScript has no DOM library; esbuild bundles it with the TS it imports.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { edgeColor, fieldWords, nodeColor, nodeSize } from './export-graph.js';
import { layoutPositions } from './graph-layout.js';

const data = JSON.parse(document.getElementById('ringmap-data').textContent);

const graph = new MultiDirectedGraph();
for (const n of data.nodes) {
  graph.addNode(n.key, {
    // labels are given out by placeLabels() below, to nodes whose label has room
    label: null,
    kind: n.kind,
    size: nodeSize(n.kind, n.attributes),
    color: nodeColor(n.kind, n.attributes),
  });
}
for (const e of data.edges) {
  graph.addDirectedEdgeWithKey(e.key, e.from, e.to, {
    size: e.relationship === 'TRANSFERRED' ? 2 : 1,
    color: edgeColor(e.relationship),
  });
}
const positions = layoutPositions(graph);
for (const [key, p] of Object.entries(positions)) graph.mergeNodeAttributes(key, p);

const nodesByKey = new Map(data.nodes.map((n) => [n.key, n]));
const edgesByKey = new Map(data.edges.map((e) => [e.key, e]));
const membersById = new Map(data.members.map((m) => [m.id, m]));

const container = document.getElementById('graph');
const renderer = new Sigma(graph, container, {
  labelRenderedSizeThreshold: 0,
  labelDensity: 100,
  labelGridCellSize: 10,
});

// NOTE: sigma culls labels by a grid, which still lets long labels of neighbours overlap (a 28-member ring was
// unreadable). Labels are placed here instead: members first (organizers, then agents, then by size), then
// institutions and hubs, each only where its box (sigma's 14px sans-serif, right of the node) is free.
const LABEL_FONT = '14px sans-serif';
const measure = document.createElement('canvas').getContext('2d');
measure.font = LABEL_FONT;
const ROLE_RANK = { organizer: 0, agent: 1, member: 2 };
const candidates = data.nodes
  .filter(
    (n) =>
      (n.kind === 'actor' && n.attributes.member === true) ||
      n.kind === 'institution' ||
      n.attributes.hub === true,
  )
  .sort((a, b) => {
    const rank = (n) => (n.kind === 'actor' ? (ROLE_RANK[n.attributes.role] ?? 2) : 3);
    return (
      rank(a) - rank(b) ||
      nodeSize(b.kind, b.attributes) - nodeSize(a.kind, a.attributes) ||
      (a.key < b.key ? -1 : 1)
    );
  });
let labelBoxes = [];
function placeLabels() {
  const placed = [];
  for (const n of candidates) {
    const a = graph.getNodeAttributes(n.key);
    const p = renderer.graphToViewport({ x: a.x, y: a.y });
    const shown = renderer.getNodeDisplayData(n.key);
    const r = shown ? shown.size : a.size;
    const w = measure.measureText(n.label).width;
    const box = { key: n.key, x1: p.x + r + 3, x2: p.x + r + 3 + w, y1: p.y - 9, y2: p.y + 9 };
    const free = placed.every((b) => box.x2 <= b.x1 || box.x1 >= b.x2 || box.y2 <= b.y1 || box.y1 >= b.y2);
    if (free) placed.push(box);
    const want = free ? n.label : null;
    if (a.label !== want) graph.setNodeAttribute(n.key, 'label', want);
  }
  labelBoxes = placed;
}
placeLabels();
renderer.getCamera().on('updated', placeLabels);

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
    li.append(
      el('strong', fieldWords(ev.kind)),
      document.createTextNode(` — ${ev.identifierKind} ${ev.identifier}`),
    );
    const with_ = (ev.withActorIds || []).join(', ');
    const details = [
      `shared with ${ev.withCount} member(s)${with_ ? `: ${with_}` : ''}`,
      ev.ownRecordIds && ev.ownRecordIds.length ? `own records: ${ev.ownRecordIds.join(', ')}` : '',
      ev.sources && ev.sources.length ? `sources: ${ev.sources.join(', ')}` : '',
      ev.firstAt
        ? `events from ${ev.firstAt}${ev.lastAt && ev.lastAt !== ev.firstAt ? ` to ${ev.lastAt}` : ''} (UTC)`
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
  panel.append(table(Object.entries(n.attributes).map(([k, v]) => [fieldWords(k), v])));
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
    // only events are dated; an identifier link has no date (the source said who uses it, not since when)
    const bits = [
      a.date ? `on ${a.date} (UTC)` : 'no event date',
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
  labelBoxes: () => labelBoxes.map((b) => ({ ...b })),
  labelledNodes: () => graph.filterNodes((_k, a) => typeof a.label === 'string' && a.label !== ''),
  colours: () => ({
    nodes: [...new Set(graph.mapNodes((_k, a) => a.color))].sort(),
    edges: [...new Set(graph.mapEdges((_k, a) => a.color))].sort(),
  }),
  ready: true,
};
document.body.dataset.ready = 'true';
