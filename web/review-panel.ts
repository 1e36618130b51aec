// Clue review of one ring: its reviews, and a form to set the status with a note (and allow-list on dismissal).
import { getJson, postJson } from './api-client.js';
import type { RingReport, Review } from './api-types.js';
import { clear, h, table } from './dom.js';
import { formatTime, label, t } from './i18n.js';
import { href } from './router.js';
import { can } from './session.js';
import { errorBlock } from './view-context.js';
import { ALLOW_IDENTIFIER_KINDS, REVIEW_STATUSES } from './vocabulary.js';

/** A masked phone or account (`+86 139****0001`, `****7890`) names no identifier: the analyst types it in full. */
const isMasked = (v: string) => v.includes('*');

export function reviewPanel(ring: RingReport, onSaved: (status: string) => void): HTMLElement {
  const box = h('div', { class: 'review' });
  const history = h('div', {});
  const loadHistory = async () => {
    try {
      const res = await getJson<{ reviews: Review[] }>(`/v1/rings/${encodeURIComponent(ring.id)}/reviews`);
      clear(history);
      history.append(
        h('h3', {}, t('review.history')),
        res.reviews.length === 0
          ? h('p', {}, t('review.noHistory'))
          : table(
              t('review.history'),
              [t('review.at'), t('ring.status'), t('review.by'), t('review.note'), t('review.caseReference')],
              res.reviews.map((r) => [
                formatTime(r.at),
                label('status', r.status),
                r.by,
                r.note,
                r.caseReference ?? '',
              ]),
            ),
      );
    } catch (e) {
      clear(history);
      history.append(errorBlock(e));
    }
  };
  void loadHistory();

  if (!can('analyst')) {
    box.append(h('p', { class: 'meta' }, t('review.readOnly')), history);
    return box;
  }
  const status = h(
    'select',
    { id: 'review-status', name: 'status', required: true },
    ...REVIEW_STATUSES.map((s) =>
      h('option', { value: s, selected: s === ring.review.status }, label('status', s)),
    ),
  );
  const note = h('textarea', { id: 'review-note', name: 'note', required: true, rows: 3, maxlength: 5000 });
  const caseRef = h('input', { id: 'review-case', name: 'caseReference', maxlength: 128 });
  const caseField = h(
    'div',
    { class: 'field' },
    h('label', { for: 'review-case' }, t('review.caseReference')),
    caseRef,
  );
  const allowActors = h('input', { id: 'allow-actors', type: 'checkbox', name: 'allowActors' });
  const allowKind = h(
    'select',
    { id: 'allow-kind', name: 'allowKind' },
    ...ALLOW_IDENTIFIER_KINDS.map((k) => h('option', { value: k }, label('node', k))),
  );
  // the ring's own shared identifiers are offered as they are shown: in full where the API gives them so
  const offered = ring.sharedIdentifiers.filter(
    (x) => ALLOW_IDENTIFIER_KINDS.includes(x.kind) && !isMasked(x.identifier),
  );
  const allowIdentifier = h('input', {
    id: 'allow-identifier',
    name: 'allowIdentifier',
    maxlength: 128,
    list: 'allow-identifier-options',
    'aria-describedby': 'allow-identifier-hint',
  });
  const options = h(
    'datalist',
    { id: 'allow-identifier-options' },
    ...offered.map((x) => h('option', { value: x.identifier }, label('node', x.kind))),
  );
  allowIdentifier.addEventListener('change', () => {
    const picked = offered.find((x) => x.identifier === allowIdentifier.value);
    if (picked) allowKind.value = picked.kind;
  });
  const allowBox = h(
    'fieldset',
    { class: 'allow' },
    h('legend', {}, t('review.allowTitle')),
    h('div', { class: 'check' }, allowActors, h('label', { for: 'allow-actors' }, t('review.allowActors'))),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'allow-kind' }, t('review.allowIdentifierKind')),
      allowKind,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'allow-identifier' }, t('review.allowIdentifier')),
      allowIdentifier,
      options,
      h('span', { id: 'allow-identifier-hint', class: 'hint' }, t('review.allowMaskedHint')),
    ),
  );
  const result = h('div', { 'aria-live': 'polite' });
  const sync = () => {
    caseField.hidden = status.value !== 'referred';
    caseRef.required = status.value === 'referred';
    allowBox.hidden = status.value !== 'dismissed';
  };
  status.addEventListener('change', sync);
  sync();
  const submit = h('button', { type: 'submit', class: 'primary' }, t('review.submit'));
  const form = h(
    'form',
    { class: 'review-form', id: 'review-form' },
    h('div', { class: 'field' }, h('label', { for: 'review-status' }, t('review.newStatus')), status),
    h('div', { class: 'field wide' }, h('label', { for: 'review-note' }, t('review.note')), note),
    caseField,
    allowBox,
    h('div', { class: 'actions' }, submit),
    result,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = { status: status.value, note: note.value };
    if (status.value === 'referred' && caseRef.value.trim()) body.caseReference = caseRef.value.trim();
    if (status.value === 'dismissed') {
      const allow: Record<string, unknown>[] = [];
      if (allowActors.checked && ring.members.length >= 2)
        allow.push({
          kind: 'actor_set',
          actorIds: ring.members.map((m) => m.id).slice(0, 100),
          reason: note.value,
        });
      if (isMasked(allowIdentifier.value)) {
        result.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('review.allowMaskedHint')));
        allowIdentifier.focus();
        return;
      }
      if (allowIdentifier.value.trim())
        allow.push({
          kind: 'identifier',
          identifierKind: allowKind.value,
          identifier: allowIdentifier.value.trim(),
          reason: note.value,
        });
      if (allow.length) body.allow = allow;
    }
    submit.disabled = true;
    clear(result);
    postJson<{ allow?: string[] }>(`/v1/rings/${encodeURIComponent(ring.id)}/reviews`, body).then(
      (saved) => {
        submit.disabled = false;
        note.value = '';
        allowActors.checked = false;
        allowIdentifier.value = '';
        const added = saved.allow?.length ?? 0;
        result.append(
          h(
            'p',
            { class: 'ok', role: 'status' },
            t('review.saved', { status: label('status', String(body.status)) }),
            added ? [' · ', h('a', { href: href.allowlist() }, t('review.allowAdded', { n: added }))] : null,
          ),
        );
        onSaved(String(body.status));
        void loadHistory();
      },
      (e: unknown) => {
        submit.disabled = false;
        result.append(errorBlock(e));
      },
    );
  });
  box.append(form, history);
  return box;
}
