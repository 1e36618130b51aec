// report.html: one self-contained page — the ring drawn with sigma and the narrative a prosecutor reads.
import { createHash } from 'node:crypto';
import { findComplaintTemplate } from './complaint-template.js';
import { EDGE_COLORS, KIND_COLORS, ROLE_COLORS } from './export-graph.js';
import type { RingReport } from '../rings/ring-report.service.js';
import type { RingSubgraph } from './export.types.js';

export function escapeHtml(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a <script type="application/json"> block: "<" is escaped so no text in the data can close the element
 * or open a comment; U+2028/9 for old parsers. JSON.parse reads the escapes back as the same characters.
 */
export function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const num = (v: unknown, digits = 1): string =>
  typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '';

function tableHtml(head: string[], rows: unknown[][], cls = ''): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${escapeHtml(cls)}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export interface ReportHtmlInput {
  /** The ring report; a bundle made without some parts has a partial one. */
  report: Partial<RingReport>;
  subgraph: RingSubgraph;
  exportedAt: string;
  exportedBy: string;
  version: string;
  script: string;
}

export function renderReportHtml(input: ReportHtmlInput): string {
  const { report: r, subgraph } = input;
  const members = r.members ?? [];
  const complaints = r.complaints ?? [];
  const claims = r.claims ?? [];
  const template = findComplaintTemplate(
    complaints.map((c) => ({ id: String(c.id), text: typeof c.text === 'string' ? c.text : null })),
  );
  const data = {
    ringId: subgraph.ringId,
    runId: subgraph.runId,
    nodes: subgraph.nodes,
    edges: subgraph.edges,
    members: members.map((m) => ({ id: m.id, role: m.role, summary: m.summary, evidence: m.evidence })),
  };
  const scriptHash = createHash('sha256').update(input.script, 'utf8').digest('base64');
  // NOTE: the page may only run its own script (by hash) and may not load or send anything: opened from disk
  // it cannot reach the network, and injected markup could not run even if escaping ever failed.
  const csp =
    `default-src 'none'; script-src 'sha256-${scriptHash}'; style-src 'unsafe-inline'; ` +
    `img-src data: blob:; base-uri 'none'; form-action 'none'`;

  const chip = (k: string, c: string, what: 'node' | 'edge') =>
    `<span class="chip ${what}" data-colour="${escapeHtml(c)}"><i style="background:${escapeHtml(c)}"></i>${escapeHtml(k)}</span>`;
  const legend =
    '<div class="legend"><strong>Nodes</strong> ' +
    [
      ...Object.entries(ROLE_COLORS).map(([k, c]) => chip(`${k} (ring member)`, c, 'node')),
      ...Object.entries(KIND_COLORS).map(([k, c]) =>
        chip(k === 'actor' ? 'person or firm, not a member' : k, c, 'node'),
      ),
      chip('hub: shared too widely to link anyone', '#222222', 'node'),
    ].join(' ') +
    '<br><strong>Links</strong> ' +
    [
      chip('money transfer', EDGE_COLORS.transfer!, 'edge'),
      chip(
        'uses, holds, filed, against, contact phone, payout to, represented by',
        EDGE_COLORS.other!,
        'edge',
      ),
    ].join(' ') +
    '</div>';

  const breakdown = tableHtml(
    ['component', 'value', 'normalized', 'weight', 'points', 'explanation'],
    (r.scoreBreakdown ?? []).map((b) => [
      b.component,
      num(b.value, 3),
      num(b.normalized, 3),
      num(b.weight, 3),
      num(b.points, 2),
      b.explanation,
    ]),
  );
  const memberRows = tableHtml(
    ['id', 'name', 'kind', 'role', 'strength', 'why', 'sources'],
    members.map((m) => [
      m.id,
      m.name ?? '',
      m.kind,
      m.role,
      num(m.strength, 2),
      m.summary,
      Array.isArray(m.sources) ? (m.sources as unknown[]).join(', ') : '',
    ]),
  );
  const shared = tableHtml(
    ['identifier', 'kind', 'members', 'actors overall', 'why it links them'],
    (r.sharedIdentifiers ?? []).map((s) => [
      s.identifier,
      s.kind,
      (s.memberIds as string[] | undefined)?.join(', ') ?? '',
      s.actorCount,
      s.reason ?? '',
    ]),
  );
  const timelineRows: unknown[][] = [];
  for (const day of r.timeline ?? []) {
    for (const f of day.filings)
      timelineRows.push([
        f.at,
        f.type,
        f.id,
        f.actorId,
        `${f.category} → ${f.institution}`,
        num(f.amount, 2),
      ]);
    for (const t of day.transfers)
      timelineRows.push([
        t.at,
        'transfer',
        t.id,
        `${t.fromActor} → ${t.toActor}`,
        `${t.fromAccount} → ${t.toAccount}`,
        num(t.amount, 2),
      ]);
  }
  const timeline = tableHtml(['at', 'what', 'id', 'who', 'detail', 'amount'], timelineRows, 'timeline');
  const flows = tableHtml(
    ['kind', 'from', 'to', 'from actors', 'to actors', 'count', 'amount', 'first', 'last'],
    (r.moneyFlows ?? []).map((f) => [
      f.kind,
      f.from,
      f.to,
      (f.fromActorIds as string[] | undefined)?.join(', ') ?? '',
      (f.toActorIds as string[] | undefined)?.join(', ') ?? '',
      f.count,
      num(f.amount, 2),
      f.firstAt ?? '',
      f.lastAt ?? '',
    ]),
  );
  const similarity = new Map(template?.matches.map((m) => [m.id, m.similarity]) ?? []);
  const complaintItems = complaints
    .map((c) => {
      const meta = [
        `filed ${c.filedAt} by ${c.filedBy}`,
        `against ${c.institution}`,
        c.category ? `category ${c.category}` : '',
        c.channel ? `via ${c.channel}` : '',
        c.amount !== undefined ? `amount ${num(c.amount, 2)}` : '',
        c.contactPhone ? `contact phone ${c.contactPhone}` : '',
        c.payoutAccount ? `payout account ${c.payoutAccount}` : '',
        c.representativeId ? `represented by ${c.representativeId}` : '',
        c.source ? `source ${c.source}` : '',
        similarity.has(String(c.id)) ? `similarity to template ${similarity.get(String(c.id))}` : '',
      ].filter(Boolean);
      return (
        `<li><strong>${escapeHtml(c.id)}</strong> <span class="muted">${escapeHtml(meta.join(' · '))}</span>` +
        (c.text ? `<blockquote>${escapeHtml(c.text)}</blockquote>` : '') +
        '</li>'
      );
    })
    .join('\n');
  const templateHtml = template
    ? `<p>The most typical text (<strong>${escapeHtml(template.exemplarId)}</strong>): ${escapeHtml(
        template.matching,
      )} of ${escapeHtml(template.matches.length)} complaint texts have a similarity of at least ${escapeHtml(
        template.threshold,
      )} to it (Jaccard similarity of character pairs, digits folded).</p><blockquote class="template">${escapeHtml(
        template.text,
      )}</blockquote>`
    : '<p class="muted">No complaint texts.</p>';
  const claimRows = tableHtml(
    [
      'id',
      'filed',
      'by',
      'insurer',
      'kind',
      'policy',
      'amount',
      'contact phone',
      'payout account',
      'representative',
    ],
    claims.map((c) => [
      c.id,
      c.filedAt,
      c.filedBy,
      c.institution,
      c.kind ?? '',
      c.policyNumber ?? '',
      num(c.amount, 2),
      c.contactPhone ?? '',
      c.payoutAccount ?? '',
      c.representativeId ?? '',
    ]),
  );

  const title = `Ring ${String(r.id)} — ${String(r.typology)}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ringmap ${escapeHtml(input.version)}">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 0; color: #222; }
  header { padding: 16px 24px; background: #1f2937; color: #fff; }
  header h1 { margin: 0 0 4px; font-size: 20px; }
  header .muted { color: #cbd5e1; }
  main { padding: 0 24px 48px; }
  .muted { color: #666; font-size: 12px; }
  .viz { display: flex; gap: 16px; margin-top: 16px; }
  #graph { flex: 1 1 auto; height: 560px; min-width: 400px; border: 1px solid #ddd; border-radius: 6px; background: #fff; position: relative; }
  #panel { flex: 0 0 360px; height: 560px; overflow: auto; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; background: #fafafa; }
  #panel h3 { margin: 4px 0; }
  .chip { display: inline-block; margin-right: 10px; font-size: 12px; }
  .chip i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: middle; }
  .chip.edge i { width: 18px; height: 3px; border-radius: 0; }
  .legend { margin: 6px 0; }
  table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
  th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f3f4f6; }
  table.kv th { width: 35%; }
  table.kv td { word-break: break-all; }
  blockquote { margin: 4px 0 10px; padding: 6px 10px; background: #f8f8f8; border-left: 3px solid #bbb; white-space: pre-wrap; }
  blockquote.template { border-left-color: #d62728; background: #fff5f5; }
  ul.evidence li, ul.links li { margin-bottom: 6px; }
  h2 { margin-top: 28px; border-bottom: 1px solid #eee; padding-bottom: 4px; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <div>score ${escapeHtml(num(r.score, 1))} · rank ${escapeHtml(r.rank)} · ${escapeHtml(r.size)} members · run ${escapeHtml(r.runId)}</div>
  <div class="muted">exported ${escapeHtml(input.exportedAt)} by ${escapeHtml(input.exportedBy)} · ringmap ${escapeHtml(input.version)} · see manifest.json for file hashes and the signature</div>
</header>
<main>
<h2>Typology</h2>
<p><strong>${escapeHtml(r.typology)}</strong>: ${escapeHtml(r.typologyReason)}</p>
<h2>Graph</h2>
<div class="muted">${escapeHtml(subgraph.nodes.length)} nodes, ${escapeHtml(subgraph.edges.length)} links. Click a node for its details and evidence; every time is UTC, and only events are dated. Labels are shown where they have room: zoom in for more.</div>
${legend}
<div class="viz">
  <div id="graph" aria-label="ring graph"></div>
  <aside id="panel"><p class="muted">Click a node to see its details and the evidence that ties it to the ring.</p></aside>
</div>
<h2>Score breakdown</h2>
${breakdown}
<h2>Members</h2>
${memberRows}
<h2>Shared identifiers</h2>
${shared}
<h2>Timeline</h2>
${timeline}
<h2>Money flows</h2>
${flows}
<h2>Complaints (${escapeHtml(complaints.length)})</h2>
<h3>Template</h3>
${templateHtml}
<ul class="complaints">
${complaintItems}
</ul>
<h2>Claims (${escapeHtml(claims.length)})</h2>
${claimRows}
</main>
<script type="application/json" id="ringmap-data">${jsonForScript(data)}</script>
<script>${input.script}</script>
</body>
</html>
`;
}
