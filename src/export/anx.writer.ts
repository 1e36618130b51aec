// chart.anx: an i2 Analyst's Notebook exchange chart — entities with icons by kind, links with labels and dates.
//
// NOTE: i2 publishes no complete ANX schema; the file follows what public ANX writers emit and i2 opens (the
// "standard" dialect: IdReferenceLinking="true", links name their ends' ChartItem ids in End1Reference and
// End2Reference; in each ChartItem the AttributeCollection, then the CardCollection, then End or Link). Cards carry
// what the chart would otherwise lose: a complaint's full text, and every dated event with its source.
import type { ExportNode, RingSubgraph, Scalar } from './export.types.js';
import { RELATIONSHIP_LABEL } from './export.types.js';
import { xmlAttr } from './xml-text.js';

/** ANX entity type (and the standard icon it shows) of each node; actors split by their own kind. */
function entityTypeOf(n: ExportNode): { name: string; icon: string } {
  switch (n.kind) {
    case 'actor':
      if (n.attributes.actorKind === 'organization') return { name: 'Organisation', icon: 'Organisation' };
      if (n.attributes.actorKind === 'agent') return { name: 'Agent', icon: 'Person' };
      return { name: 'Person', icon: 'Person' };
    case 'phone':
      return { name: 'Phone', icon: 'Phone' };
    case 'account':
      return { name: 'Account', icon: 'Account' };
    case 'device':
      return { name: 'Device', icon: 'Computer' };
    case 'complaint':
      return { name: 'Complaint', icon: 'Document' };
    case 'claim':
      return { name: 'Claim', icon: 'Document' };
    case 'institution':
      return { name: 'Institution', icon: 'Bank' };
  }
}

const attType = (v: Scalar): string =>
  typeof v === 'number' ? 'AttNumber' : typeof v === 'boolean' ? 'AttFlag' : 'AttText';

/** ANX wants a local date-time without zone; UTC is written and the original string kept as an attribute. */
function anxDateTime(s: Scalar | undefined): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().slice(0, 19);
}

const HIDDEN_ATTRIBUTES = new Set(['label', 'text']);

export function writeAnx(
  sub: RingSubgraph,
  positions: Record<string, { x: number; y: number }>,
  meta: { title: string; comments: string },
): string {
  const entityTypes = new Map<string, { id: string; icon: string }>();
  const linkTypes = new Map<string, string>();
  const attributeClasses = new Map<string, { id: string; type: string }>();
  const classOf = (name: string, v: Scalar) => {
    let c = attributeClasses.get(name);
    if (!c) {
      c = { id: `AC${attributeClasses.size + 1}`, type: attType(v) };
      attributeClasses.set(name, c);
    } else if (c.type !== attType(v)) {
      c.type = 'AttText';
    }
    return c;
  };
  for (const n of sub.nodes) {
    const t = entityTypeOf(n);
    if (!entityTypes.has(t.name)) entityTypes.set(t.name, { id: `ET${entityTypes.size + 1}`, icon: t.icon });
    for (const [k, v] of Object.entries(n.attributes)) if (!HIDDEN_ATTRIBUTES.has(k)) classOf(k, v);
  }
  for (const e of sub.edges) {
    const name = RELATIONSHIP_LABEL[e.relationship];
    if (!linkTypes.has(name)) linkTypes.set(name, `LT${linkTypes.size + 1}`);
    for (const [k, v] of Object.entries(e.attributes)) if (!HIDDEN_ATTRIBUTES.has(k)) classOf(k, v);
  }

  const attributes = (attrs: Record<string, Scalar>): string[] => {
    const lines = ['      <AttributeCollection>'];
    for (const [k, v] of Object.entries(attrs)) {
      if (HIDDEN_ATTRIBUTES.has(k)) continue;
      const c = attributeClasses.get(k)!;
      lines.push(
        `        <Attribute AttributeClass="${xmlAttr(k)}" AttributeClassReference="${c.id}" Value="${xmlAttr(String(v))}"/>`,
      );
    }
    lines.push('      </AttributeCollection>');
    return lines;
  };
  const dated = (v: Scalar | undefined): string => {
    const dt = anxDateTime(v);
    return dt ? ` DateSet="true" TimeSet="true" DateTime="${dt}"` : '';
  };
  const sourced = (v: Scalar | undefined): string =>
    typeof v === 'string' ? ` SourceReference="${xmlAttr(v)}" SourceType="ringmap"` : '';

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<Chart IdReferenceLinking="true" Rigorous="true">');
  out.push('  <StrengthCollection>');
  out.push('    <Strength Id="Default" Name="Default" DotStyle="DotStyleSolid"/>');
  out.push('  </StrengthCollection>');
  out.push('  <AttributeClassCollection>');
  for (const [name, c] of attributeClasses)
    out.push(
      `    <AttributeClass Id="${c.id}" Name="${xmlAttr(name)}" Type="${c.type}" UserCanAdd="true" UserCanRemove="true"/>`,
    );
  out.push('  </AttributeClassCollection>');
  out.push('  <EntityTypeCollection>');
  for (const [name, t] of entityTypes)
    out.push(`    <EntityType Id="${t.id}" Name="${xmlAttr(name)}" IconFile="${xmlAttr(t.icon)}"/>`);
  out.push('  </EntityTypeCollection>');
  out.push('  <LinkTypeCollection>');
  for (const [name, id] of linkTypes) out.push(`    <LinkType Id="${id}" Name="${xmlAttr(name)}"/>`);
  out.push('  </LinkTypeCollection>');
  out.push('  <Summary>');
  out.push('    <FieldCollection>');
  out.push(`      <Field Type="SummaryFieldTitle" Field="${xmlAttr(meta.title)}"/>`);
  out.push(`      <Field Type="SummaryFieldComments" Field="${xmlAttr(meta.comments)}"/>`);
  out.push('    </FieldCollection>');
  out.push('  </Summary>');
  out.push('  <ChartItemCollection>');

  /** One event as a card: what, when (UTC), from which source; the text in full. */
  const card = (summary: string, cardText: string, when: Scalar | undefined, source: Scalar | undefined) =>
    `        <Card Summary="${xmlAttr(summary)}" Text="${xmlAttr(cardText)}"` +
    dated(when) +
    sourced(source) +
    '/>';
  const cards = (lines: string[]): string[] =>
    lines.length > 0 ? ['      <CardCollection>', ...lines, '      </CardCollection>'] : [];

  const chartItemIds = new Map<string, string>();
  sub.nodes.forEach((n, i) => chartItemIds.set(n.key, `CI-N${i + 1}`));
  sub.nodes.forEach((n) => {
    const id = chartItemIds.get(n.key)!;
    const t = entityTypeOf(n);
    const et = entityTypes.get(t.name)!;
    const p = positions[n.key] ?? { x: 0, y: 0 };
    const x = Math.round(p.x * 10);
    const y = Math.round(p.y * 10);
    const a = n.attributes;
    const description = typeof a.text === 'string' ? a.text : typeof a.summary === 'string' ? a.summary : '';
    // an event date or none: never when ringmap loaded the record
    const when = a.filedAt;
    out.push(
      `    <ChartItem Id="${id}" Label="${xmlAttr(n.label)}"` +
        (description ? ` Description="${xmlAttr(description)}"` : '') +
        dated(when) +
        sourced(a.source) +
        ` XPosition="${x}">`,
    );
    out.push(...attributes(a));
    const filed =
      n.kind === 'complaint' || n.kind === 'claim'
        ? [
            card(
              `${n.label} filed${a.category ? ` (${String(a.category)})` : ''}`,
              String(a.text ?? ''),
              when,
              a.source,
            ),
          ]
        : [];
    out.push(...cards(filed));
    out.push(`      <End X="${x}" Y="${y}" Z="0">`);
    out.push(`        <Entity Identity="${xmlAttr(n.key)}" LabelIsIdentity="false">`);
    out.push(`          <Icon><IconStyle Type="${xmlAttr(t.name)}" EntityTypeReference="${et.id}"/></Icon>`);
    out.push('        </Entity>');
    out.push('      </End>');
    out.push('    </ChartItem>');
  });
  sub.edges.forEach((e, i) => {
    const name = RELATIONSHIP_LABEL[e.relationship];
    const a = e.attributes;
    const label = typeof a.amount === 'number' ? `${name} ${a.amount}` : name;
    const description = `${e.relationship} (${String(a.evidenceKind ?? '')})`;
    out.push(
      `    <ChartItem Id="CI-L${i + 1}" Label="${xmlAttr(label)}"` +
        ` Description="${xmlAttr(description)}"` +
        dated(a.date) +
        sourced(a.source) +
        '>',
    );
    out.push(...attributes(a));
    out.push(...cards(a.date === undefined ? [] : [card(label, description, a.date, a.source)]));
    out.push(
      `      <Link End1Reference="${chartItemIds.get(e.from)}" End2Reference="${chartItemIds.get(e.to)}">`,
    );
    out.push(
      `        <LinkStyle Type="${xmlAttr(name)}" LinkTypeReference="${linkTypes.get(name)}" ArrowStyle="ArrowOnHead" Strength="Default" StrengthReference="Default"/>`,
    );
    out.push('      </Link>');
    out.push('    </ChartItem>');
  });
  out.push('  </ChartItemCollection>');
  out.push('</Chart>');
  return out.join('\n') + '\n';
}
