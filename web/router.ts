// Hash routes of the console (#/rings, #/rings/R-…, #/actors/…, #/triage, #/runs, #/runs/run-…, #/allowlist): ids, never keys.

export type Route =
  | { view: 'rings'; query: URLSearchParams }
  | { view: 'ring'; id: string }
  | { view: 'actor'; id: string }
  | { view: 'triage' }
  | { view: 'runs' }
  | { view: 'allowlist' }
  | { view: 'run'; id: string };

export function parseRoute(hash: string): Route {
  const [path = '', qs = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id] = parts;
  if (head === 'rings' && id) return { view: 'ring', id };
  if (head === 'actors' && id) return { view: 'actor', id };
  if (head === 'triage') return { view: 'triage' };
  if (head === 'runs' && id) return { view: 'run', id };
  if (head === 'runs') return { view: 'runs' };
  if (head === 'allowlist') return { view: 'allowlist' };
  return { view: 'rings', query: new URLSearchParams(qs) };
}

export const href = {
  rings: (q?: URLSearchParams) => `#/rings${q && q.toString() ? `?${q.toString()}` : ''}`,
  ring: (id: string) => `#/rings/${encodeURIComponent(id)}`,
  actor: (id: string) => `#/actors/${encodeURIComponent(id)}`,
  triage: () => '#/triage',
  runs: () => '#/runs',
  run: (id: string) => `#/runs/${encodeURIComponent(id)}`,
  allowlist: () => '#/allowlist',
};
