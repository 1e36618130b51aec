// Triage: a new complaint or claim (typed, pasted as JSON or uploaded) scored against the known rings.
import { postJson } from './api-client.js';
import type { TriageResult } from './api-types.js';
import { clear, h, section } from './dom.js';
import { formatNumber, label, t } from './i18n.js';
import type { MessageKey } from './messages.js';
import { href } from './router.js';
import { errorBlock, type View } from './view-context.js';
import { COMPLAINT_CATEGORIES } from './vocabulary.js';

/** The form's fields as a record in the ingest shape, with its type. */
function recordFromForm(form: HTMLFormElement): Record<string, unknown> {
  const d = new FormData(form);
  const get = (k: string) => String(d.get(k) ?? '').trim();
  const type = get('type') === 'claim' ? 'claim' : 'complaint';
  const local = get('filedAt');
  const filedAt = local ? new Date(local).toISOString() : new Date().toISOString();
  const rec: Record<string, unknown> = { type, id: get('id') || `CONSOLE-${Date.now()}`, filedAt };
  if (type === 'complaint') {
    rec.complainantId = get('filer');
    rec.institution = get('institution');
    rec.category = get('category');
    if (get('text')) rec.text = get('text');
  } else {
    rec.claimantId = get('filer');
    rec.insurer = get('institution');
    rec.kind = get('claimKind') || 'surrender';
  }
  for (const [field, key] of [
    ['contactPhone', 'contactPhone'],
    ['payoutAccount', 'payoutAccount'],
    ['representativeId', 'representativeId'],
  ] as const)
    if (get(key)) rec[field] = get(key);
  return rec;
}

function result(r: TriageResult): HTMLElement {
  return h(
    'div',
    { class: `triage-result level-${r.level}`, id: 'triage-result' },
    h(
      'p',
      { class: 'risk' },
      `${t('triage.level')}: `,
      h('strong', { class: `badge level-${r.level}`, 'data-level': r.level }, label('level', r.level)),
      ` · ${t('triage.risk')}: ${formatNumber(r.risk)}`,
    ),
    h('p', {}, r.explanation),
    h('h3', {}, t('triage.links')),
    r.rings.length === 0
      ? h('p', {}, t('triage.noLinks'))
      : h(
          'ul',
          { class: 'triage-rings' },
          ...r.rings.map((ring) =>
            h(
              'li',
              {},
              h('a', { href: href.ring(ring.ringId), class: 'ring-link' }, ring.ringId),
              ` · ${label('typology', ring.typology)} · ${t('ring.score')} ${formatNumber(ring.ringScore)} · ${label('status', ring.status)} · ${t('triage.risk')} ${formatNumber(ring.risk)}`,
              h(
                'ul',
                {},
                ...ring.links.map((l) =>
                  h(
                    'li',
                    {},
                    h('strong', {}, label('evidence', l.kind)),
                    l.identifier ? [' ', h('code', {}, l.identifier)] : [],
                    ` — ${l.detail} `,
                    ...l.memberIds
                      .slice(0, 8)
                      .flatMap((id, i) => [i ? ', ' : '', h('a', { href: href.actor(id) }, id)]),
                  ),
                ),
              ),
            ),
          ),
        ),
    r.ignored.length
      ? h(
          'p',
          { class: 'meta' },
          `${t('triage.ignored')}: `,
          r.ignored
            .map((x) => (typeof x === 'string' ? x : [x.kind, x.identifier].filter(Boolean).join(' ')))
            .join('; '),
        )
      : null,
  );
}

export function triageView(): View {
  return async ({ main }) => {
    const field = (id: string, key: MessageKey, control: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { for: id }, t(key)), control);
    const input = (id: string, name: string, extra: Record<string, string | boolean> = {}) =>
      h('input', { id, name, ...extra });
    const type = h(
      'select',
      { id: 'tr-type', name: 'type' },
      h('option', { value: 'complaint' }, t('triage.complaint')),
      h('option', { value: 'claim' }, t('triage.claim')),
    );
    const category = h(
      'select',
      { id: 'tr-category', name: 'category' },
      ...COMPLAINT_CATEGORIES.map((c) => h('option', { value: c }, c)),
    );
    const claimKind = h(
      'select',
      { id: 'tr-claim-kind', name: 'claimKind' },
      h('option', { value: 'surrender' }, 'surrender'),
      h('option', { value: 'claim' }, 'claim'),
    );
    const categoryField = field('tr-category', 'triage.category', category);
    const claimKindField = field('tr-claim-kind', 'triage.claimKind', claimKind);
    const json = h('textarea', { id: 'tr-json', rows: 6, spellcheck: false, class: 'mono' });
    const file = h('input', { id: 'tr-file', type: 'file', accept: 'application/json,.json' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void f.text().then((s) => (json.value = s));
    });
    const out = h('div', { 'aria-live': 'polite', id: 'triage-out' });
    const form = h(
      'form',
      { class: 'triage-form', id: 'triage-form' },
      h(
        'div',
        { class: 'grid-fields' },
        field('tr-type', 'triage.type', type),
        field('tr-id', 'triage.id', input('tr-id', 'id')),
        field('tr-filer', 'triage.filer', input('tr-filer', 'filer')),
        field('tr-institution', 'triage.institution', input('tr-institution', 'institution')),
        categoryField,
        claimKindField,
        field('tr-filed-at', 'triage.filedAt', input('tr-filed-at', 'filedAt', { type: 'datetime-local' })),
        field(
          'tr-contact-phone',
          'triage.contactPhone',
          input('tr-contact-phone', 'contactPhone', { inputmode: 'tel' }),
        ),
        field('tr-payout', 'triage.payoutAccount', input('tr-payout', 'payoutAccount')),
        field('tr-rep', 'triage.representative', input('tr-rep', 'representativeId')),
      ),
      field('tr-text', 'triage.text', h('textarea', { id: 'tr-text', name: 'text', rows: 3 })),
      field('tr-json', 'triage.json', json),
      field('tr-file', 'triage.file', file),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('triage.submit'))),
    );
    const sync = () => {
      categoryField.hidden = type.value !== 'complaint';
      claimKindField.hidden = type.value !== 'claim';
    };
    type.addEventListener('change', sync);
    sync();
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      clear(out);
      let body: Record<string, unknown>;
      if (json.value.trim()) {
        try {
          body = JSON.parse(json.value) as Record<string, unknown>;
          body.type ??= 'complainantId' in body ? 'complaint' : 'claim';
        } catch (e) {
          out.append(
            h('p', { class: 'error', role: 'alert' }, t('triage.badJson', { detail: (e as Error).message })),
          );
          return;
        }
      } else body = recordFromForm(form);
      postJson<TriageResult>('/v1/score', body).then(
        (r) => out.append(result(r)),
        (e: unknown) => out.append(errorBlock(e)),
      );
    });
    clear(main);
    main.append(
      h('h1', {}, t('triage.title')),
      h('p', {}, t('triage.intro')),
      section('triage-input', t('triage.title'), form),
      out,
    );
  };
}
