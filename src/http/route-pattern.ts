// The route pattern of a request (`/v1/actors/:id`), for logs, metrics and the audit trail: never the raw path,
// which carries actor ids and whatever a caller typed.
import type { Request, Response, Router } from 'express';

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/** The route patterns of some routers, each as its segments, and every fixed segment seen. */
export interface RouteTable {
  patterns: string[][];
  words: Set<string>;
  /** The methods each pattern takes (upper case; HEAD with GET, as Express answers it). */
  methods: Map<string, Set<string>>;
}

/** Walks the routers (mounted at `prefix`) for their route paths, e.g. /v1/actors/:id. */
export function routeTable(mounts: readonly { prefix: string; routers: readonly Router[] }[]): RouteTable {
  const table: RouteTable = { patterns: [], words: new Set(), methods: new Map() };
  const walk = (prefix: string, stack: LayerLike[] | undefined) => {
    for (const layer of stack ?? []) {
      const p = layer.route?.path;
      if (typeof p === 'string') {
        const segments = `${prefix}${p}`.split('/');
        const key = segments.join('/');
        if (!table.methods.has(key)) table.patterns.push(segments);
        const methods = table.methods.get(key) ?? new Set<string>();
        for (const [m, on] of Object.entries(layer.route?.methods ?? {}))
          if (on && m !== '_all') methods.add(m.toUpperCase());
        if (methods.has('GET')) methods.add('HEAD');
        table.methods.set(key, methods);
        for (const s of segments) if (s && !s.startsWith(':')) table.words.add(s);
      }
      walk(prefix, layer.handle?.stack);
    }
  };
  for (const m of mounts)
    for (const r of m.routers) walk(m.prefix, (r as unknown as { stack?: LayerLike[] }).stack);
  return table;
}

/**
 * Called while a route is handling the request (by requireRole), when baseUrl, route and path parameters are all
 * known: the router resets them when an error leaves it.
 */
export function recordRoutePattern(req: Request, res: Response): void {
  const p = req.route?.path;
  if (res.locals.routePattern === undefined && typeof p === 'string') {
    res.locals.routePattern = req.baseUrl + p;
    res.locals.routeParams = { ...req.params };
  }
}

/**
 * The path parameters of the matched route (see recordRoutePattern); when no route ran (authentication failed),
 * read off the raw path along the pattern it fits.
 */
// generic object: the parameters of whichever route matched
export function routeParamsOf(req: Request, res: Response, pattern?: string): Record<string, unknown> {
  const recorded = res.locals.routeParams as Record<string, unknown> | undefined;
  if (recorded) return recorded;
  if (req.params && Object.keys(req.params).length > 0) return req.params;
  const out: Record<string, unknown> = {};
  if (!pattern) return out;
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/');
  pattern.split('/').forEach((s, i) => {
    if (s.startsWith(':') && s !== ':param' && segments[i] !== undefined) {
      try {
        out[s.slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        out[s.slice(1)] = segments[i];
      }
    }
  });
  return out;
}

/**
 * The pattern recorded by the route; else the matched route; else (authentication failed before any route
 * matched, or no route matches) the first known pattern the path fits, or the path with every segment that is not a
 * known fixed segment replaced by `:param`.
 */
export function routePatternOf(req: Request, res: Response, table: RouteTable): string {
  const recorded = res.locals.routePattern as string | undefined;
  if (recorded) return recorded;
  const p = req.route?.path;
  if (typeof p === 'string') return req.baseUrl + p;
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/');
  const fits = patternFitting(table, segments);
  if (fits) return fits.join('/');
  const generic = segments
    .slice(0, 8)
    .map((s) => (s === '' || table.words.has(s) ? s : ':param'))
    .join('/');
  return generic.length > 200 ? generic.slice(0, 200) : generic;
}

function patternFitting(table: RouteTable, segments: readonly string[]): string[] | undefined {
  return table.patterns.find(
    (pattern) =>
      pattern.length === segments.length &&
      pattern.every((s, i) => (s.startsWith(':') ? segments[i] !== '' : s === segments[i])),
  );
}

/** The methods the route at this path takes, when the path is a route's; undefined when no route has it. */
export function methodsOfPath(table: RouteTable, path: string): string[] | undefined {
  const fits = patternFitting(table, path.split('/'));
  const methods = fits && table.methods.get(fits.join('/'));
  return methods && methods.size > 0 ? [...methods].sort() : undefined;
}
