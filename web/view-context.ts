// What every view gets: the element to fill and a way to say the page is ready, to report, and to clean up.
import { h } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api-client.js';

export interface ViewContext {
  main: HTMLElement;
  /** Runs when the view is left (timers, the sigma renderer). */
  onLeave(fn: () => void): void;
  /** Announces a short message to screen readers and shows it in the status line. */
  announce(message: string): void;
}

export type View = (ctx: ViewContext) => Promise<void>;

/** An error block for a failed request: the problem's detail, or a plain word for a forbidden role. */
export function errorBlock(e: unknown): HTMLElement {
  const text =
    e instanceof ApiError && e.status === 403
      ? t('common.forbidden')
      : t('common.error', { detail: e instanceof Error ? e.message : String(e) });
  return h('p', { class: 'error', role: 'alert' }, text);
}
