// The signed-in key and who it is: in sessionStorage only (gone with the tab), never in a URL, cookie or log.

const KEY = 'ringmap.key';
const WHO = 'ringmap.who';

export type Role = 'ingest' | 'analyst' | 'prosecutor' | 'admin';
export interface Who {
  name: string;
  role: Role;
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function who(): Who | null {
  const raw = sessionStorage.getItem(WHO);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Who;
  } catch {
    return null;
  }
}

export function signIn(key: string, w: Who): void {
  sessionStorage.setItem(KEY, key);
  sessionStorage.setItem(WHO, JSON.stringify(w));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(WHO);
}

/** admin may do everything the API allows any role. */
export function can(...roles: Role[]): boolean {
  const w = who();
  return !!w && (w.role === 'admin' || roles.includes(w.role));
}
