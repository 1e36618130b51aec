// The allow-list: what later runs leave out of linking (identifiers, legitimate groups), and adding an identifier.
import { getJson, postJson } from './api-client.js';
import type { AllowEntry } from './api-types.js';
import { clear, h, section, table } from './dom.js';
import { formatTime, label, t } from './i18n.js';
import { href } from './router.js';
import { errorBlock, type View } from './view-context.js';
import { ALLOW_IDENTIFIER_KINDS } from './vocabulary.js';

function subject(e: AllowEntry): (Node | string)[] {
  if (e.kind === 'actor_set')
    return (e.actorIds ?? []).flatMap((id, i) => [i ? ', ' : '', h('a', { href: href.actor(id) }, id)]);
  return [`${label('node', e.identifierKind ?? 'identifier')} `, h('code', {}, e.identifier ?? '')];
}

function addForm(onAdded: () => void): HTMLElement {
  const kind = h(
    'select',
    { id: 'allow-new-kind', name: 'identifierKind' },
    ...ALLOW_IDENTIFIER_KINDS.map((k) => h('option', { value: k }, label('node', k))),
  );
  const identifier = h('input', {
    id: 'allow-new-identifier',
    name: 'identifier',
    required: true,
    maxlength: 128,
    'aria-describedby': 'allow-new-hint',
  });
  const reason = h('input', { id: 'allow-new-reason', name: 'reason', required: true, maxlength: 500 });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('allow.submit'));
  const form = h(
    'form',
    { class: 'allow-form', id: 'allow-form' },
    h(
      'div',
      { class: 'grid-fields' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'allow-new-kind' }, t('review.allowIdentifierKind')),
        kind,
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'allow-new-identifier' }, t('review.allowIdentifier')),
        identifier,
        h('span', { id: 'allow-new-hint', class: 'hint' }, t('review.allowMaskedHint')),
      ),
      h('div', { class: 'field' }, h('label', { for: 'allow-new-reason' }, t('allow.reason')), reason),
    ),
    h('div', { class: 'actions' }, submit),
    out,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    postJson('/v1/allowlist', {
      kind: 'identifier',
      identifierKind: kind.value,
      identifier: identifier.value.trim(),
      reason: reason.value.trim(),
    }).then(
      () => {
        submit.disabled = false;
        identifier.value = '';
        reason.value = '';
        out.replaceChildren(h('p', { class: 'ok', role: 'status' }, t('allow.added')));
        onAdded();
      },
      (e: unknown) => {
        submit.disabled = false;
        out.replaceChildren(errorBlock(e));
      },
    );
  });
  return form;
}

export function allowListView(): View {
  return async ({ main }) => {
    clear(main);
    const list = h('div', { id: 'allow-entries' }, h('p', {}, t('common.loading')));
    const load = async () => {
      try {
        const res = await getJson<{ entries: AllowEntry[] }>('/v1/allowlist');
        list.replaceChildren(
          res.entries.length === 0
            ? h('p', {}, t('allow.empty'))
            : table(
                t('allow.caption'),
                [
                  t('allow.kind'),
                  t('allow.subject'),
                  t('allow.reason'),
                  t('allow.ring'),
                  t('allow.by'),
                  t('allow.at'),
                ],
                res.entries.map((e) => [
                  label('allow.kind', e.kind),
                  h('span', {}, ...subject(e)),
                  e.reason,
                  e.ringId ? h('a', { href: href.ring(e.ringId) }, e.ringId) : '—',
                  e.by,
                  formatTime(e.at),
                ]),
                'data allow',
              ),
        );
      } catch (e) {
        list.replaceChildren(errorBlock(e));
      }
    };
    main.append(
      h('h1', {}, t('allow.title')),
      h('p', { class: 'meta' }, t('allow.intro')),
      list,
      section(
        'allow-add',
        t('allow.add'),
        addForm(() => void load()),
      ),
    );
    await load();
  };
}
