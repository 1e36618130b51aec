// nodes.csv and edges.csv: RFC 4180 quoting, UTF-8 with a BOM so Excel shows Chinese text correctly.
import type { RingSubgraph, Scalar } from './export.types.js';

const BOM = '\uFEFF';

// NOTE: a spreadsheet reads a cell of digits as a number: a phone number +8613812345678 loses its + and a 16–19
// digit card number its last digits (Excel keeps 15 significant digits); "2026-03-01" and "1/2" become dates. Such
// a text is written as ="…", which Excel and WPS evaluate to exactly that text. It holds only digits, spaces and
// + - . , / : % ( ) and currency signs, never a quote, so nothing else can be made of it.
const SPREADSHEET_NUMBER = /^[\s+\-.,/:%()$¥€£\d]*\d[\s+\-.,/:%()$¥€£\d]*$/;
const EXPONENT_NUMBER = /^\s*[+-]?\d+(\.\d*)?[eE][+-]?\d+\s*$/;
// A text starting with = + - @ that is not a number would run as a formula, and complaint texts are written by the
// public: it gets a leading apostrophe (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Scalar | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string') {
    if (SPREADSHEET_NUMBER.test(s) || EXPONENT_NUMBER.test(s)) s = `="${s}"`;
    else if (FORMULA_START.test(s)) s = `'${s}`;
  }
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
