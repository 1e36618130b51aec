// The frame around every view: title, navigation for the role, who is signed in, language switch, sign-out.
import { h } from './dom.js';
import { currentLang, label, t } from './i18n.js';
import { href, type Route } from './router.js';
import { can, type Who } from './session.js';

export interface Shell {
  main: HTMLElement;
  status: HTMLElement;
}

export function renderShell(
  root: HTMLElement,
  who: Who,
  route: Route,
  actions: { switchLang(): void; signOut(): void },
): Shell {
  const current = (views: string[]) => (views.includes(route.view) ? 'page' : undefined);
  const links = [
    h('a', { href: href.rings(), 'aria-current': current(['rings', 'ring', 'actor']) }, t('nav.rings')),
    can('analyst', 'ingest')
      ? h('a', { href: href.triage(), 'aria-current': current(['triage']) }, t('nav.triage'))
      : null,
    can('analyst')
      ? h('a', { href: href.runs(), 'aria-current': current(['runs', 'run']) }, t('nav.runs'))
      : null,
    can('analyst')
      ? h('a', { href: href.allowlist(), 'aria-current': current(['allowlist']) }, t('nav.allowlist'))
      : null,
  ];
  const lang = h(
    'button',
    {
      type: 'button',
      id: 'lang-switch',
      lang: currentLang() === 'zh' ? 'en' : 'zh',
      'aria-label': t('lang.switchLabel'),
    },
    t('lang.switch'),
  );
  lang.addEventListener('click', actions.switchLang);
  const out = h('button', { type: 'button', id: 'sign-out' }, t('session.signOut'));
  out.addEventListener('click', actions.signOut);
  const main = h('main', { id: 'main', tabindex: -1 });
  const status = h('div', { id: 'status', class: 'status-line', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('a', { href: href.rings(), class: 'brand' }, t('app.title')),
      h('nav', { 'aria-label': t('nav.main') }, ...links),
      h(
        'div',
        { class: 'who' },
        h('span', { id: 'who' }, t('session.signedInAs', { name: who.name, role: label('role', who.role) })),
        lang,
        out,
      ),
    ),
    main,
    status,
  );
  return { main, status };
}
