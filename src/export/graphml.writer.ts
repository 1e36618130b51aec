// GraphML for yEd, Gephi, Cytoscape and graphology-graphml: every node and edge with all of its attributes, typed.
import type { RingSubgraph, Scalar } from './export.types.js';
import { xmlAttr, xmlText } from './xml-text.js';

type GraphmlType = 'string' | 'int' | 'long' | 'double' | 'boolean';

// NOTE: numbers are typed as graphology-gexf types them in graph.gexf (32-bit integer, longer integer, double),
// so a reader gets the same type from both files: `totalLinks` is an integer in each, never a double in one.
const typeOf = (v: Scalar): GraphmlType =>
  typeof v === 'boolean'
    ? 'boolean'
    : typeof v === 'number'
      ? v === (v | 0)
        ? 'int'
        : Number.isInteger(v)
          ? 'long'
          : 'double'
      : 'string';

const NUMERIC: readonly GraphmlType[] = ['int', 'long', 'double'];

/** The type that holds both: the wider number type, or a string, which holds anything. */
function widen(a: GraphmlType, b: GraphmlType): GraphmlType {
  if (a === b) return a;
  if (NUMERIC.includes(a) && NUMERIC.includes(b))
    return NUMERIC[Math.max(NUMERIC.indexOf(a), NUMERIC.indexOf(b))]!;
  return 'string';
}

// NOTE: GraphML's schema types node and edge ids as NMTOKEN, which keys like `phone:+86…` or `HOLDS:a->b` are not.
// Every character outside a safe set (ASCII letters and digits, `.`, `-`, `:`, CJK ideographs) becomes `_<hex>_`,
// `_` included, so the mapping is one to one; the exact key stays in each element's `key` attribute.
const ID_SAFE = /^[A-Za-z0-9.:\-\u4E00-\u9FFF]$/u;

/** The NMTOKEN GraphML uses as the id of the node or edge with this export key. */
export function graphmlId(key: string): string {
  let out = '';
  for (const ch of key) out += ID_SAFE.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  return out;
}

/** One key per attribute name, typed to hold every value it has. */
function model(items: { attributes: Record<string, Scalar> }[], extra: Record<string, GraphmlType>) {
  const types = new Map<string, GraphmlType>(Object.entries(extra));
  for (const item of items) {
    for (const [name, v] of Object.entries(item.attributes)) {
      const t = typeOf(v);
      const seen = types.get(name);
      types.set(name, seen === undefined ? t : widen(seen, t));
    }
  }
  return [...types.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function writeGraphml(sub: RingSubgraph, meta: { creator: string }): string {
  const nodeModel = model(sub.nodes, { key: 'string', label: 'string', kind: 'string' });
  const edgeModel = model(sub.edges, { key: 'string' });
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  );
  for (const name of ['ringId', 'runId', 'creator'])
    out.push(`  <key id="g_${name}" for="graph" attr.name="${name}" attr.type="string"/>`);
  nodeModel.forEach(([name, t], i) =>
    out.push(`  <key id="n${i}" for="node" attr.name="${xmlAttr(name)}" attr.type="${t}"/>`),
  );
  edgeModel.forEach(([name, t], i) =>
    out.push(`  <key id="e${i}" for="edge" attr.name="${xmlAttr(name)}" attr.type="${t}"/>`),
  );
  out.push(`  <graph id="${xmlAttr(graphmlId(sub.ringId))}" edgedefault="directed">`);
  out.push(`    <data key="g_ringId">${xmlText(sub.ringId)}</data>`);
  out.push(`    <data key="g_runId">${xmlText(sub.runId)}</data>`);
  out.push(`    <data key="g_creator">${xmlText(meta.creator)}</data>`);
  const nodeKeys = new Map(nodeModel.map(([name], i) => [name, `n${i}`]));
  const edgeKeys = new Map(edgeModel.map(([name], i) => [name, `e${i}`]));
  for (const n of sub.nodes) {
    out.push(`    <node id="${xmlAttr(graphmlId(n.key))}">`);
    const attrs: Record<string, Scalar> = { key: n.key, label: n.label, kind: n.kind, ...n.attributes };
    for (const [name, v] of Object.entries(attrs))
      out.push(`      <data key="${nodeKeys.get(name)}">${xmlText(String(v))}</data>`);
    out.push('    </node>');
  }
  for (const e of sub.edges) {
    out.push(
      `    <edge id="${xmlAttr(graphmlId(e.key))}" source="${xmlAttr(graphmlId(e.from))}" target="${xmlAttr(graphmlId(e.to))}">`,
    );
    for (const [name, v] of Object.entries({ key: e.key, ...e.attributes }))
      out.push(`      <data key="${edgeKeys.get(name)}">${xmlText(String(v))}</data>`);
    out.push('    </edge>');
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return out.join('\n') + '\n';
}
