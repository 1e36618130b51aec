// chart.anx: an i2 Analyst's Notebook exchange chart — entities with icons by kind, links with labels and dates.
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
  out.push('<Chart>');
  out.push('  <StrengthCollection>');
  out.push('    <Strength Id="Default" Name="Default" DotStyle="DotStyleSolid"/>');
  out.push('  </StrengthCollection>');
  out.push('  <AttributeClassCollection>');
  for (const [name, c] of attributeClasses)
    out.push(
      `    <AttributeClass Id="${c.id}" Name="${xmlAttr(name)}" Type="${c.type}" IsUser="true" UserCanAdd="true" UserCanRemove="true"/>`,
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

  const entityIds = new Map<string, number>();
  sub.nodes.forEach((n, i) => {
    const entityId = i + 1;
    entityIds.set(n.key, entityId);
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
      `    <ChartItem Id="CI-N${entityId}" Label="${xmlAttr(n.label)}"` +
        (description ? ` Description="${xmlAttr(description)}"` : '') +
        dated(when) +
        sourced(a.source) +
        ` XPosition="${x}">`,
    );
    out.push(`      <End X="${x}" Y="${y}" Z="0">`);
    out.push(`        <Entity EntityId="${entityId}" Identity="${xmlAttr(n.key)}" LabelIsIdentity="false">`);
    out.push(`          <Icon><IconStyle Type="${xmlAttr(t.name)}" EntityTypeReference="${et.id}"/></Icon>`);
    out.push('        </Entity>');
    out.push('      </End>');
    out.push(...attributes(a));
    out.push('    </ChartItem>');
  });
  sub.edges.forEach((e, i) => {
    const name = RELATIONSHIP_LABEL[e.relationship];
    const a = e.attributes;
    const label = typeof a.amount === 'number' ? `${name} ${a.amount}` : name;
    out.push(
      `    <ChartItem Id="CI-L${i + 1}" Label="${xmlAttr(label)}"` +
        ` Description="${xmlAttr(`${e.relationship} (${String(a.evidenceKind ?? '')})`)}"` +
        dated(a.date) +
        sourced(a.source) +
        '>',
    );
    out.push(`      <Link End1Id="${entityIds.get(e.from)}" End2Id="${entityIds.get(e.to)}">`);
    out.push(
      `        <LinkStyle Type="${xmlAttr(name)}" LinkTypeReference="${linkTypes.get(name)}" ArrowStyle="ArrowOnHead" Strength="Default"/>`,
    );
    out.push('      </Link>');
    out.push(...attributes(a));
    out.push('    </ChartItem>');
  });
  out.push('  </ChartItemCollection>');
  out.push('</Chart>');
  return out.join('\n') + '\n';
}
