// nodes.csv and edges.csv: RFC 4180 quoting, UTF-8 with a BOM so Excel shows Chinese text correctly.
import type { RingSubgraph, Scalar } from './export.types.js';

const BOM = '\uFEFF';

// NOTE: a spreadsheet runs a cell starting with = + - @ as a formula, and complaint texts are written by the
// public; such cells get a leading apostrophe (OWASP's advice). A signed number or a phone number like
// +8613812345678 is left alone: it cannot be a formula, and it is evidence that must stay as recorded.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s.]*$/;

export function csvCell(v: Scalar | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: string[], rows: (Scalar | undefined)[][]): string {
  const lines = [header.map((h) => csvCell(h)).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Fixed columns first, then every other attribute name in sorted order, so the columns never depend on row order. */
function columns(items: { attributes: Record<string, Scalar> }[], fixed: string[]): string[] {
  const names = new Set<string>();
  for (const i of items) for (const k of Object.keys(i.attributes)) if (!fixed.includes(k)) names.add(k);
  return [...fixed, ...[...names].sort()];
}

export function writeNodesCsv(sub: RingSubgraph): string {
  const fixed = ['id', 'kind', 'label'];
  const header = columns(sub.nodes, fixed);
  const rows = sub.nodes.map((n) => {
    const a: Record<string, Scalar> = { ...n.attributes, id: n.key, kind: n.kind, label: n.label };
    return header.map((h) => a[h]);
  });
  return table(header, rows);
}

export function writeEdgesCsv(sub: RingSubgraph): string {
  // `from`/`to` name the endpoints; `source` is where the fact came from, as everywhere in ringmap
  const fixed = ['id', 'from', 'to', 'relationship', 'evidenceKind', 'label', 'date', 'source'];
  const header = columns(sub.edges, fixed);
  const rows = sub.edges.map((e) => {
    const a: Record<string, Scalar> = { ...e.attributes, id: e.key, from: e.from, to: e.to };
    return header.map((h) => a[h]);
  });
  return table(header, rows);
}
