// Sign-in with an API key: checked against GET /v1/me, then kept in sessionStorage with the key's name and role.
import { ApiError, getJson } from './api-client.js';
import { clear, h } from './dom.js';
import { t } from './i18n.js';
import { signIn, type Who } from './session.js';

export function renderSignIn(root: HTMLElement, onSignedIn: () => void, notice?: string): void {
  const key = h('input', {
    id: 'api-key',
    name: 'key',
    type: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: false,
    'aria-describedby': 'sign-in-intro',
  });
  const error = h(
    'div',
    { 'aria-live': 'assertive' },
    notice ? h('p', { class: 'error', role: 'alert' }, notice) : '',
  );
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn.submit'));
  const form = h(
    'form',
    { class: 'sign-in', id: 'sign-in' },
    h('h1', {}, t('app.title')),
    h('h2', {}, t('signIn.title')),
    h('p', { id: 'sign-in-intro' }, t('signIn.intro')),
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, t('signIn.key')), key),
    h('div', { class: 'actions' }, submit),
    error,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const k = key.value.trim();
    if (!k) return;
    submit.disabled = true;
    getJson<Who>('/v1/me', k).then(
      (w) => {
        key.value = '';
        signIn(k, w);
        onSignedIn();
      },
      (e: unknown) => {
        submit.disabled = false;
        const text =
          e instanceof ApiError && e.status === 401
            ? t('signIn.bad')
            : t('common.error', { detail: e instanceof Error ? e.message : String(e) });
        error.replaceChildren(h('p', { class: 'error', role: 'alert' }, text));
        key.focus();
      },
    );
  });
  clear(root);
  root.append(h('main', { id: 'main', class: 'sign-in-page', tabindex: -1 }, form));
  key.focus();
}
