// Boots the console: sign-in when no key is held, else the shell and the view the hash names; re-renders on change.
import { whenUnauthorized } from './api-client.js';
import { renderShell } from './app-shell.js';
import { actorPageView } from './actor-page.view.js';
import { allowListView } from './allowlist.view.js';
import { currentLang, setLang, t } from './i18n.js';
import { ringListView } from './ring-list.view.js';
import { ringPageView } from './ring-page.view.js';
import { parseRoute, type Route } from './router.js';
import { runView, runsView } from './runs.view.js';
import { apiKey, signOut, who } from './session.js';
import { renderSignIn } from './sign-in.view.js';
import { triageView } from './triage.view.js';
import type { View } from './view-context.js';

const root = document.getElementById('app')!;
let leaving: (() => void)[] = [];
let generation = 0;

function viewOf(route: Route): View {
  switch (route.view) {
    case 'rings':
      return ringListView(route.query);
    case 'ring':
      return ringPageView(route.id);
    case 'actor':
      return actorPageView(route.id);
    case 'triage':
      return triageView();
    case 'runs':
      return runsView();
    case 'run':
      return runView(route.id);
    case 'allowlist':
      return allowListView();
  }
}

function leave(): void {
  for (const fn of leaving) fn();
  leaving = [];
}

async function render(focus = false): Promise<void> {
  leave();
  const mine = ++generation;
  const w = who();
  root.dataset.state = 'loading';
  root.setAttribute('aria-busy', 'true');
  if (!apiKey() || !w) {
    root.dataset.view = 'sign-in';
    renderSignIn(root, () => void render(true));
    root.dataset.state = 'ready';
    root.dataset.render = String(mine);
    root.removeAttribute('aria-busy');
    return;
  }
  const route = parseRoute(location.hash);
  root.dataset.view = route.view;
  const shell = renderShell(root, w, route, {
    switchLang: () => {
      setLang(currentLang() === 'zh' ? 'en' : 'zh');
      void render().then(() => document.getElementById('lang-switch')?.focus());
    },
    signOut: () => {
      signOut();
      history.replaceState(null, '', location.pathname);
      void render(true);
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const announce = (m: string) => {
    shell.status.textContent = m;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => (shell.status.textContent = ''), 6000);
  };
  try {
    await viewOf(route)({ main: shell.main, onLeave: (fn) => leaving.push(fn), announce });
  } finally {
    if (mine === generation) {
      root.dataset.state = 'ready';
      root.dataset.render = String(mine);
      root.removeAttribute('aria-busy');
      // the sticky header would hide the top of main if focusing scrolled it into view
      if (focus) shell.main.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
  }
}

whenUnauthorized(() => {
  signOut();
  leave();
  root.dataset.view = 'sign-in';
  renderSignIn(root, () => void render(true), t('signIn.expired'));
});
window.addEventListener('hashchange', () => void render(true));
setLang(currentLang());
void render();
