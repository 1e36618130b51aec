// Calls the service's /v1 API with the session's key in the Authorization header; problems become ApiError.
import { apiKey } from './session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** Called when the service refuses the key (401): the console signs out. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

async function call(method: string, path: string, body?: unknown, key?: string): Promise<Response> {
  const k = key ?? apiKey();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (k) headers.Authorization = `Bearer ${k}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  if (res.ok) return res;
  let title = 'error';
  let detail = `${res.status} ${res.statusText}`;
  try {
    const p = (await res.json()) as { title?: string; detail?: string };
    title = p.title ?? title;
    detail = p.detail ?? detail;
  } catch {
    // not a problem document
  }
  if (res.status === 401 && key === undefined) onUnauthorized();
  throw new ApiError(res.status, title, detail);
}

export async function getJson<T>(path: string, key?: string): Promise<T> {
  return (await (await call('GET', path, undefined, key)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await call('POST', path, body)).json()) as T;
}

/** A binary answer (an export) with the file name the service proposes. */
export async function getFile(path: string): Promise<{ blob: Blob; filename: string }> {
  const res = await call('GET', path);
  const cd = res.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(cd)?.[1] ?? 'export';
  return { blob: await res.blob(), filename };
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
